package dev.backlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.projector.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the CLI as separate JVM processes ({@code java … dev.backlog.cli.Main ARGS}) against one workspace directory,
 * the way agents and shells do: its own JVM, its own SQLite connection, real exit status, real stdout and stderr.
 * The child environment is built from scratch ({@code PATH}, {@code LANG}, {@code USER=tester}, {@code HOME} and
 * {@code XDG_CONFIG_HOME} inside the test directory), so no user configuration or {@code BACKLOG_*} variable of the
 * machine leaks in. stdout and stderr go to files, so nothing can block on a full pipe and a killed process still
 * leaves whatever it printed.
 *
 * <p>{@link #startRace} is a real start barrier: every child boots its JVM and then waits, in {@link Gate}, for a
 * gate file; once all of them are waiting the gate opens and they all call {@link Main#main} within a few
 * milliseconds of each other. {@code Main} itself is unchanged; the gate is a test-side launcher around it.
 *
 * <p>Children run {@code java --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto}
 * from the test class path, plus a class-data archive trained once per test JVM (see {@link Launch}): a cold JVM
 * costs about 1 s of CPU on this project's 2 busy cores, the archive brings that to about 0.5 s.
 *
 * <p>Thread-safe: workers may start processes from several threads at once.
 */
public final class ProcessCli {
    private static final List<String> JVM_FLAGS = List.of("--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xshare:auto");
    private static final AtomicLong IDS = new AtomicLong();

    /** What one finished invocation produced. {@code exit} is 137 for a SIGKILLed process. */
    public record Result(List<String> args, int exit, String out, String err) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON (" + this + ")", e);
            }
        }

        /** The {@code error} object of a {@code --json} failure on stderr. */
        public JsonNode errorJson() {
            try {
                JsonNode n = Json.MAPPER.readTree(err);
                if (n == null || !n.has("error")) {
                    throw new AssertionError("stderr holds no JSON error (" + this + ")");
                }
                return n.get("error");
            } catch (IOException e) {
                throw new AssertionError("stderr is not JSON (" + this + ")", e);
            }
        }

        public String errorCode() {
            return errorJson().path("code").asText();
        }

        @Override
        public String toString() {
            return "backlog " + String.join(" ", args) + " → exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
        }
    }

    /** A started child process. */
    public final class Running {
        private final List<String> args;
        private final Process process;
        private final Path outFile;
        private final Path errFile;
        private final long startedNanos = System.nanoTime();
        private volatile long releasedNanos = startedNanos;
        private volatile long exitedNanos;

        private Running(List<String> args, Process process, Path outFile, Path errFile) {
            this.args = args;
            this.process = process;
            this.outFile = outFile;
            this.errFile = errFile;
            process.onExit().thenRun(() -> exitedNanos = System.nanoTime());
        }

        public List<String> args() {
            return args;
        }

        public Process process() {
            return process;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Sends SIGKILL (on Linux {@link Process#destroyForcibly()} is {@code kill -9}); no-op when already gone. */
        public void kill() {
            process.destroyForcibly();
        }

        /** Milliseconds since this process was started. */
        public long ageMillis() {
            return (System.nanoTime() - startedNanos) / 1_000_000;
        }

        /**
         * Milliseconds from the moment it was told to go (its start, or the opening of the start gate) until it
         * exited, as observed by this JVM; -1 while it runs.
         */
        public long runMillis() {
            long exited = exitedNanos;
            return exited == 0 ? -1 : (exited - releasedNanos) / 1_000_000;
        }

        /** Waits for the process to end (killing it after {@code timeout}, then failing) and reads its output. */
        public Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    throw new AssertionError("backlog " + String.join(" ", args) + " did not finish within " + timeout
                            + "\nstdout: " + read(outFile) + "\nstderr: " + read(errFile));
                }
                if (exitedNanos == 0) {
                    exitedNanos = System.nanoTime();
                }
                return new Result(args, process.exitValue(), read(outFile), read(errFile));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new AssertionError("interrupted waiting for backlog " + String.join(" ", args), e);
            }
        }

        public Result await() {
            return await(DEFAULT_TIMEOUT);
        }
    }

    /** Generous: 2 shared cores, a dozen JVMs starting at once. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private final Path cwd;
    private final Path scratch;
    private final Path home;

    /**
     * @param workspace the working directory of every child (the workspace is found by walking up from it)
     * @param scratch a test-owned directory for HOME, the children's temp files and their captured output
     */
    public ProcessCli(Path workspace, Path scratch) {
        this.cwd = workspace;
        this.scratch = scratch;
        this.home = scratch.resolve("home");
        try {
            Files.createDirectories(home.resolve(".config"));
            Files.createDirectories(scratch.resolve("tmp"));
            Files.createDirectories(scratch.resolve("io"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path cwd() {
        return cwd;
    }

    /** Starts one child running {@code Main} directly (JVM start-up included in its run time). */
    public Running start(String... args) {
        return launch(List.of("dev.backlog.cli.Main"), List.of(args));
    }

    /** Runs one invocation to completion. */
    public Result run(String... args) {
        return start(args).await();
    }

    /**
     * Starts one child per argument list and releases them together: returns once every child has booted its JVM and
     * all have been told to go (each then calls {@link Main#main} at once). The caller awaits or kills them.
     */
    public List<Running> startRace(List<List<String>> invocations) {
        Path gate = scratch.resolve("io").resolve("gate-" + IDS.incrementAndGet());
        List<Running> started = new ArrayList<>();
        List<Path> ready = new ArrayList<>();
        try {
            for (List<String> args : invocations) {
                Path marker = scratch.resolve("io").resolve("ready-" + IDS.incrementAndGet());
                ready.add(marker);
                List<String> main = List.of(Gate.class.getName(), gate.toString(), marker.toString());
                started.add(launch(main, args));
            }
            long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
            for (int i = 0; i < ready.size(); i++) {
                while (!Files.exists(ready.get(i))) {
                    if (!started.get(i).isAlive()) {
                        throw new AssertionError("child died before the start gate: " + started.get(i).await());
                    }
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("children did not reach the start gate within " + DEFAULT_TIMEOUT);
                    }
                    Thread.sleep(5);
                }
            }
            Files.writeString(gate, "go");
            long released = System.nanoTime();
            started.forEach(r -> r.releasedNanos = released);
            return started;
        } catch (IOException e) {
            started.forEach(Running::kill);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.forEach(Running::kill);
            throw new AssertionError("interrupted at the start gate", e);
        } catch (RuntimeException | Error e) {
            started.forEach(Running::kill);
            throw e;
        }
    }

    /** {@link #startRace} for argument arrays. */
    public List<Running> startRace(String[]... invocations) {
        return startRace(Arrays.stream(invocations).map(List::of).toList());
    }

    /**
     * Starts one child running {@code mainClass} from the CLI's class path, with {@code extraEnv} added to the clean
     * environment and {@code stdin} (or nothing) on its standard input.
     */
    public Running startClass(String mainClass, Map<String, String> extraEnv, byte[] stdin, String... args) {
        return launch(List.of(mainClass), List.of(args), extraEnv, stdin);
    }

    private Running launch(List<String> main, List<String> args) {
        return launch(main, args, Map.of(), null);
    }

    private Running launch(List<String> main, List<String> args, Map<String, String> extraEnv, byte[] stdin) {
        long id = IDS.incrementAndGet();
        Path out = scratch.resolve("io").resolve(id + ".out");
        Path err = scratch.resolve("io").resolve(id + ".err");
        Launch l = Launch.get();
        List<String> command = l.command(scratch.resolve("tmp"));
        command.addAll(main);
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        environment(pb, home);
        pb.environment().putAll(extraEnv);
        try {
            Process p = pb.start();
            if (stdin != null) {
                p.getOutputStream().write(stdin);
            }
            p.getOutputStream().close();
            return new Running(List.copyOf(args), p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The children's environment, from scratch: no user configuration or {@code BACKLOG_*} variable leaks in. */
    private static void environment(ProcessBuilder pb, Path home) {
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("LANG", "C.UTF-8");
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("USER", "tester");
    }

    /**
     * How children are started, set up once per test JVM: the test class path with the test-classes directory
     * replaced by a small jar holding {@link Gate}, and (unless {@code -Dbacklog.it.cds=false}) a dynamic class-data
     * archive (AppCDS, {@code -XX:SharedArchiveFile}) trained by one child running typical commands. The archive roughly
     * halves each child's start-up CPU; it changes nothing else, and any problem with it only means children start
     * without it ({@code -Xshare:auto}). CDS ignores the archive when the class path holds a non-empty directory, hence
     * the jar. Files live in a temporary directory removed when the test JVM exits.
     */
    private record Launch(String classPath, Path archive) {
        private static Launch instance;

        static synchronized Launch get() {
            if (instance == null) {
                instance = create();
            }
            return instance;
        }

        List<String> command(Path tmp) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(JVM_FLAGS);
            if (archive != null) {
                command.add("-XX:SharedArchiveFile=" + archive);
                // CDS reports on stdout by default (e.g. that the JDK's base archive was dumped without native access):
                // keep stdout the CLI's alone, JVM warnings on stderr, and CDS silent
                command.addAll(List.of("-Xlog:disable", "-Xlog:all=warning:stderr", "-Xlog:cds*=off,aot*=off:stderr"));
            }
            // sqlite-jdbc extracts its native library into the temp directory; a SIGKILLed child never removes its copy
            command.add("-Djava.io.tmpdir=" + tmp);
            command.add("-cp");
            command.add(classPath);
            return command;
        }

        private static Launch create() {
            try {
                Path dir = Files.createTempDirectory("backlog-process-cli-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
                Path testClasses = Path.of(Gate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                List<String> entries = new ArrayList<>();
                boolean directories = false;
                for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                    if (e.isEmpty() || Path.of(e).toAbsolutePath().equals(testClasses.toAbsolutePath())) {
                        continue;
                    }
                    directories |= Files.isDirectory(Path.of(e));
                    entries.add(e);
                }
                if (Files.isDirectory(testClasses)) {
                    Path jar = dir.resolve("gate.jar");
                    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
                        String name = Gate.class.getName().replace('.', '/') + ".class";
                        out.putNextEntry(new java.util.jar.JarEntry(name));
                        out.write(Files.readAllBytes(testClasses.resolve(name)));
                        out.closeEntry();
                    }
                    entries.add(jar.toString());
                } else {
                    entries.add(testClasses.toString());
                }
                String classPath = String.join(java.io.File.pathSeparator, entries);
                boolean cds = !"false".equals(System.getProperty("backlog.it.cds")) && !directories;
                return new Launch(classPath, cds ? train(dir, classPath) : null);
            } catch (IOException | java.net.URISyntaxException e) {
                throw new IllegalStateException("cannot prepare child processes", e);
            }
        }

        /** Runs {@code Gate --train} once with {@code -XX:ArchiveClassesAtExit}; {@code null} when that fails. */
        private static Path train(Path dir, String classPath) {
            Path archive = dir.resolve("cli.jsa");
            Path partial = dir.resolve("cli.jsa.part");
            Path home = dir.resolve("home");
            long started = System.nanoTime();
            try {
                Files.createDirectories(home.resolve(".config"));
                Files.createDirectories(dir.resolve("tmp"));
                List<String> command = new Launch(classPath, null).command(dir.resolve("tmp"));
                command.add(1, "-XX:ArchiveClassesAtExit=" + partial);
                command.add(Gate.class.getName());
                command.add(Gate.TRAIN);
                command.add(dir.resolve("train").toString());
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("train.log").toFile());
                environment(pb, home);
                Process p = pb.start();
                p.getOutputStream().close();
                if (p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0 && Files.size(partial) > 0) {
                    Files.move(partial, archive, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                    System.err.printf("ProcessCli: class-data archive trained in %d ms%n", (System.nanoTime() - started) / 1_000_000);
                    return archive;
                }
                p.destroyForcibly();
                System.err.println("ProcessCli: class-data archive training failed; children start without it:\n"
                        + read(dir.resolve("train.log")));
            } catch (IOException e) {
                System.err.println("ProcessCli: no class-data archive (" + e + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        private static void deleteTree(Path dir) {
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // best effort at JVM exit
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test-side launcher behind {@link #startRace}: {@code Gate GATE_FILE READY_FILE ARGS…} creates READY_FILE,
     * waits until GATE_FILE exists, then runs {@code Main.main(ARGS)} (which exits the JVM with the CLI's status).
     * {@code Gate --train DIR} runs typical commands in-process against a fresh workspace in DIR (output discarded),
     * so that a JVM started with {@code -XX:ArchiveClassesAtExit} archives the classes the children will load.
     * Self-contained (it runs from its own jar, without the rest of the test classes).
     */
    public static final class Gate {
        static final String TRAIN = "--train";
        private static final long TIMEOUT_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);

        private Gate() {
        }

        public static void main(String[] argv) throws Exception {
            if (argv.length == 2 && argv[0].equals(TRAIN)) {
                train(Path.of(argv[1]));
                System.exit(0);
            }
            Path gate = Path.of(argv[0]);
            Files.writeString(Path.of(argv[1]), "ready");
            long deadline = System.nanoTime() + TIMEOUT_NANOS;
            while (!Files.exists(gate)) {
                if (System.nanoTime() > deadline) {
                    System.err.println("start gate never opened");
                    System.exit(99);
                }
                Thread.sleep(1);
            }
            Main.main(Arrays.copyOfRange(argv, 2, argv.length));
        }

        private static void train(Path ws) {
            Map<String, String> env = Map.of("HOME", ws.resolve(".home").toString(), "XDG_CONFIG_HOME",
                    ws.resolve(".home/.config").toString(), "USER", "tester");
            java.io.PrintStream discard = new java.io.PrintStream(java.io.OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
            String[][] script = {
                {"init", ws.toString(), "--json"},
                {"project", "add", "--alias", "demo", "--json"},
                {"task", "add", "-p", "demo", "-t", "one", "--json"},
                {"task", "add", "-p", "demo", "-t", "two", "-d", "text", "--label", "a", "--label", "b", "--blocked-by", "TASK-1", "--json"},
                {"task", "claim", "TASK-1", "--lease", "1h", "--as", "ai:one", "--json"},
                {"task", "claim", "TASK-1", "--as", "ai:two", "--json"},
                {"task", "move", "TASK-1", "review", "--force", "--as", "human:x", "--json"},
                {"comment", "add", "hello", "--task", "TASK-1", "--json"},
                {"comment", "list", "--task", "TASK-1", "--json"},
                {"task", "next", "--claim", "--as", "ai:w", "--json"},
                {"task", "next", "--claim", "--as", "ai:w2", "--json"},
                {"task", "list", "-A", "--limit", "0", "--json"},
                {"task", "show", "TASK-2", "--json"},
                {"label", "list", "-p", "demo", "--json"},
                {"activity", "verify", "--json"},
                {"doctor", "check", "--json"},
            };
            for (String[] args : script) {
                Main.run(args, env, ws, discard, discard);
            }
        }
    }
}
