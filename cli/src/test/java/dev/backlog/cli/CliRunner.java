package dev.backlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.projector.Json;
import dev.backlog.cli.client.Client;
import dev.backlog.cli.client.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs CLI invocations in this JVM against a workspace directory, with a controlled environment (no user config:
 * {@code HOME} and {@code XDG_CONFIG_HOME} point into the test directory). Each call is a fresh {@link Main#run}.
 *
 * <p>With {@code -Dbacklog.it.viaDaemon=true} (the {@code daemon-it} execution of {@code cli/pom.xml}) every call
 * instead goes the way the launcher sends it: through {@link Client} to one resident daemon, a child process of this
 * test JVM. Only the commands the daemon never runs ({@link Main#IN_PROCESS_ONLY}) may be declined; they then run
 * in-process, as the launcher does; any other decline fails the test.
 */
public final class CliRunner {
    /** What one invocation produced. */
    public record Result(int exit, String out, String err) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        public JsonNode errorJson() {
            try {
                return Json.MAPPER.readTree(err).get("error");
            } catch (Exception e) {
                throw new AssertionError("stderr is not a JSON error: " + err, e);
            }
        }
    }

    private final Path cwd;
    private final Map<String, String> env = new HashMap<>();

    public CliRunner(Path cwd) {
        this.cwd = cwd;
        env.put("HOME", cwd.resolve(".home").toString());
        env.put("XDG_CONFIG_HOME", cwd.resolve(".home/.config").toString());
        env.put("USER", "tester");
    }

    public CliRunner env(String key, String value) {
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return this;
    }

    public Path cwd() {
        return cwd;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        Path daemon = TestDaemon.socket();
        if (daemon != null) {
            exit = Client.call(daemon, args, Map.copyOf(env), cwd.toAbsolutePath().toString(), System.in, out, err);
            String top = Main.commandWords(args)[0];
            if (exit == Wire.FALLBACK && (top == null || !Main.IN_PROCESS_ONLY.contains(top))) {
                throw new AssertionError("the test daemon did not take `" + String.join(" ", args) + "`: " + err);
            }
            if (exit != Wire.FALLBACK) {
                return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
            }
            out.reset();
            err.reset();
        }
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, Map.copyOf(env), cwd, o, e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs with {@code --json}, asserting exit 0, and returns the document. */
    public JsonNode json(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--json";
        Result r = run(all);
        if (r.exit() != 0) {
            throw new AssertionError("exit " + r.exit() + " for " + String.join(" ", args) + "\nstderr: " + r.err());
        }
        return r.json();
    }

    /** The resident daemon of {@code -Dbacklog.it.viaDaemon=true}: started on first use, stopped with this JVM. */
    private static final class TestDaemon {
        private static final Path SOCKET = Boolean.getBoolean("backlog.it.viaDaemon") ? start() : null;

        static Path socket() {
            return SOCKET;
        }

        private static Path start() {
            try {
                Path dir = Files.createTempDirectory("backlog-it-daemon");
                Path socket = dir.resolve("daemon/it.sock");
                String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
                ProcessBuilder pb = new ProcessBuilder(javaBin, "--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC",
                        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "__daemon", socket.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("daemon.out").toFile());
                pb.environment().put("BACKLOG_DAEMON_IDLE", "3600");
                Process p = pb.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    p.destroy();
                    try (var files = Files.walk(dir)) {
                        p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                    } catch (IOException | InterruptedException ignored) {
                        // a temp directory left behind
                    }
                }));
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
                while (!Files.exists(socket)) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("test daemon did not start: " + Files.readString(dir.resolve("daemon.out")));
                    }
                    Thread.sleep(20);
                }
                return socket;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
