package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.cli.ProcessCli.Result;
import dev.backlog.cli.ProcessCli.Running;
import dev.backlog.cli.client.Client;
import dev.backlog.cli.client.Wire;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resident daemon and its client as real processes: a daemon ({@code Main __daemon SOCKET}) and client calls
 * ({@code Client SOCKET ARGS}) against one workspace, compared with the same calls run in their own process.
 */
class DaemonIT {
    @TempDir
    Path tmp;
    private Path ws;
    private Path socket;
    private ProcessCli cli;
    private Running daemon;

    @BeforeEach
    void workspace() throws IOException {
        ws = Files.createDirectories(tmp.resolve("ws"));
        Path runtime = Files.createDirectories(tmp.resolve("run"));
        socket = runtime.resolve("backlog/daemon/test.sock");
        cli = new ProcessCli(ws, Files.createDirectories(tmp.resolve("scratch")));
        assertThat(cli.run("init", "--name", "demo", "--json").exit()).isZero();
        assertThat(cli.run("project", "add", "Api", "--alias", "api", "--json").exit()).isZero();
        assertThat(cli.run("project", "set-default", "api").exit()).isZero();
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.process().destroy();
            daemon.await(Duration.ofSeconds(30));
        }
    }

    /** A daemon on {@link #socket}; without its JIT warm-up (the launcher test below keeps it) to keep the suite quick. */
    private Running startDaemon(Map<String, String> extraEnv) throws InterruptedException {
        Map<String, String> env = new HashMap<>(Map.of("BACKLOG_DAEMON_WARMUP", "0"));
        env.putAll(extraEnv);
        Running d = cli.startClass(Main.class.getName(), env, null, "__daemon", socket.toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!Files.exists(socket) && d.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.exists(socket)).as("daemon socket (daemon: %s)", d.isAlive() ? "running" : d.await()).isTrue();
        return d;
    }

    private Result call(Map<String, String> env, byte[] stdin, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = socket.toString();
        System.arraycopy(args, 0, argv, 1, args.length);
        return cli.startClass(Client.class.getName(), env, stdin, argv).await();
    }

    private Result call(String... args) {
        return call(Map.of(), null, args);
    }

    @Test
    void runsCallsAsTheirOwnProcessWouldWithTheCallersDirectoryEnvironmentAndStdin() throws Exception {
        daemon = startDaemon(Map.of());
        Result added = call(Map.of("BACKLOG_ACTOR", "ai:via-daemon"), "Body from stdin\n".getBytes(StandardCharsets.UTF_8),
                "task", "add", "-t", "Through the daemon", "--from-file", "-", "--json");
        assertThat(added.exit()).as(added.toString()).isZero();
        JsonNode task = added.json();
        assertThat(task.get("title").asText()).isEqualTo("Through the daemon");
        assertThat(task.get("description").asText()).isEqualTo("Body from stdin\n");
        assertThat(task.get("project").get("alias").asText()).isEqualTo("api"); // workspace and default project from the cwd

        Result history = call("task", "history", task.get("ref").asText(), "--json");
        assertThat(history.json().get("events").get(0).get("actor_name").asText()).isEqualTo("via-daemon");

        // Same bytes on stdout as the call run in its own process.
        Result direct = cli.run("task", "list", "--json");
        Result viaDaemon = call("task", "list", "--json");
        assertThat(viaDaemon.exit()).isZero();
        assertThat(viaDaemon.out()).isEqualTo(direct.out());
        assertThat(call("task", "list").out()).isEqualTo(cli.run("task", "list").out());

        // Errors keep their code, stream and exit status.
        Result missing = call("task", "show", "API-99", "--json");
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.errorCode()).isEqualTo("TASK_NOT_FOUND");
        Result usage = call("task", "add", "--no-such-flag", "--json");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).doesNotContain("Exception").doesNotContain("\tat ");
        Result badActor = call(Map.of("BACKLOG_ACTOR", "robot"), null, "task", "add", "-t", "x", "--json");
        assertThat(badActor.exit()).isEqualTo(2);
        assertThat(cli.run("task", "list", "--json").json().get("tasks")).hasSize(1); // nothing written by the failures
    }

    @Test
    void sixteenClientsClaimingOneTaskThroughTheDaemonGetExactlyOneWinner() throws Exception {
        daemon = startDaemon(Map.of());
        String ref = cli.run("task", "add", "-t", "Contended", "--json").json().get("ref").asText();
        List<Running> racers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            racers.add(cli.startClass(Client.class.getName(), Map.of(), null,
                    socket.toString(), "task", "claim", ref, "--as", "ai:racer-" + i, "--json"));
        }
        List<Result> results = racers.stream().map(r -> r.await(Duration.ofSeconds(120))).toList();
        assertThat(results).filteredOn(r -> r.exit() == 0).hasSize(1);
        assertThat(results).filteredOn(r -> r.exit() == 4).hasSize(15)
                .allSatisfy(r -> assertThat(r.errorCode()).isEqualTo("TASK_ALREADY_CLAIMED"));
        assertThat(cli.run("activity", "verify", "--json").exit()).isZero();
    }

    @Test
    void aDaemonKilledMidWriteLosesNoAcknowledgedWriteAndLeavesAVerifiableLog() throws Exception {
        daemon = startDaemon(Map.of());
        java.util.concurrent.ConcurrentLinkedQueue<Result> results = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicBoolean killed = new java.util.concurrent.atomic.AtomicBoolean();
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            Thread t = new Thread(() -> {
                for (int k = 0; !killed.get() || k < 2; k++) {
                    results.add(call("task", "add", "-t", "w" + writer + "-" + k, "--label", "crash", "--json"));
                }
            });
            t.start();
            writers.add(t);
        }
        Thread.sleep(1500 + new java.util.Random().nextInt(1000));
        daemon.kill(); // SIGKILL, in the middle of whatever the writers' calls are doing
        killed.set(true);
        for (Thread t : writers) {
            t.join(120_000);
        }
        daemon = null;
        List<Result> acknowledged = results.stream().filter(r -> r.exit() == 0).toList();
        System.out.printf("DaemonIT: %d calls: %d acknowledged, %d lost mid-call, %d fell back%n", results.size(), acknowledged.size(),
                results.stream().filter(r -> r.exit() == 1).count(), results.stream().filter(r -> r.exit() == Wire.FALLBACK).count());
        assertThat(acknowledged).isNotEmpty();
        assertThat(results).allSatisfy(r -> assertThat(r.exit()).as(r.toString()).isIn(0, 1, Wire.FALLBACK));
        assertThat(results).filteredOn(r -> r.exit() == 1)
                .allSatisfy(r -> assertThat(r.errorCode()).as(r.toString()).isEqualTo("INTERNAL"));
        assertThat(socket).as("the dead daemon's socket, removed by the first client that found nobody listening").doesNotExist();

        assertThat(cli.run("doctor", "check", "--json").exit()).isZero();
        assertThat(cli.run("activity", "verify", "--json").exit()).isZero();
        JsonNode tasks = cli.run("task", "list", "--label", "crash", "--limit", "1000", "--json").json().get("tasks");
        List<String> titles = new ArrayList<>();
        tasks.forEach(t -> titles.add(t.get("title").asText()));
        for (Result r : acknowledged) {
            assertThat(titles).contains(r.json().get("title").asText());
        }
    }

    @Test
    void declinedCallsFallBackAndNeverRun() throws Exception {
        assertThat(call("task", "list", "--json").exit()).as("no daemon").isEqualTo(Wire.FALLBACK);
        daemon = startDaemon(Map.of());
        assertThat(call("mcp", "serve").exit()).as("a server runs in its own process").isEqualTo(Wire.FALLBACK);
        assertThat(call("doctor", "check").exit()).isEqualTo(Wire.FALLBACK);
        assertThat(call(Map.of("TZ", "Asia/Tokyo"), null, "task", "add", "-t", "TZ", "--json").exit())
                .as("times render in the JVM's zone").isEqualTo(Wire.FALLBACK);
        assertThat(rawCall(ws.toString(), "(dev=0,ino=0)")).as("a directory that is another one for the daemon").isEqualTo(Wire.DECLINED);
        assertThat(rawCall(ws.toString(), Wire.directoryKey(ws))).isEqualTo(Wire.ACCEPTED);
        assertThat(cli.run("task", "list", "--json").json().get("tasks")).isEmpty();
    }

    /** Sends `task list --json` with the given directory identity; returns the daemon's first frame type. */
    private byte rawCall(String cwd, String cwdKey) throws IOException {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            java.io.DataOutputStream out = new java.io.DataOutputStream(Channels.newOutputStream(c));
            out.writeInt(Wire.MAGIC);
            out.writeInt(2);
            Wire.writeString(out, "task");
            Wire.writeString(out, "list");
            out.writeInt(1);
            Wire.writeString(out, "HOME");
            Wire.writeString(out, tmp.resolve("scratch/home").toString());
            Wire.writeString(out, cwd);
            Wire.writeString(out, cwdKey);
            out.writeInt(-1);
            out.flush();
            return new DataInputStream(Channels.newInputStream(c)).readByte();
        }
    }

    @Test
    void aDeadDaemonsSocketIsRemovedAndAConnectionLostAfterAcceptanceFailsInsteadOfRetrying() throws Exception {
        Files.createDirectories(socket.getParent());
        ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        dead.bind(UnixDomainSocketAddress.of(socket));
        dead.close(); // the file stays, nobody listens
        assertThat(call("task", "list").exit()).isEqualTo(Wire.FALLBACK);
        assertThat(socket).doesNotExist();

        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> acceptThenVanish(fake));
            t.start();
            Result lost = call("task", "add", "-t", "maybe", "--json");
            t.join();
            assertThat(lost.exit()).isEqualTo(1);
            assertThat(lost.errorCode()).isEqualTo("INTERNAL");
            assertThat(lost.errorJson().get("message").asText()).contains("may or may not have been applied");
        }
    }

    private static void acceptThenVanish(ServerSocketChannel server) {
        try (SocketChannel c = server.accept()) {
            new DataInputStream(Channels.newInputStream(c)).readInt();
            c.write(ByteBuffer.wrap(new byte[] {Wire.ACCEPTED, 0, 0, 0, 0}));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void stopsWhenIdleAndNeverServesFromADirectoryOthersCanReach() throws Exception {
        Running idle = startDaemon(Map.of("BACKLOG_DAEMON_IDLE", "1"));
        Result r = idle.await(Duration.ofSeconds(30));
        assertThat(r.exit()).isZero();
        assertThat(socket).doesNotExist();
        assertThat(socket.resolveSibling("test.sock.pid")).doesNotExist();

        Files.setPosixFilePermissions(socket.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        Result refused = cli.startClass(Main.class.getName(), Map.of(), null, "__daemon", socket.toString()).await(Duration.ofSeconds(60));
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("open to other users");
        assertThat(socket).doesNotExist();
        assertThat(socket.resolveSibling("test.sock.failed")).exists();
    }

    /** The C client of {@code cli/src/main/c}, compiled here; the test is skipped on a machine without {@code cc}. */
    private Path nativeClient() throws Exception {
        Path bin = tmp.resolve("backlog-client");
        Process cc;
        try {
            cc = new ProcessBuilder("cc", "-O2", "-Wall", "-o", bin.toString(), Path.of("src/main/c/backlog-client.c").toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no C compiler: " + e.getMessage());
            return null;
        }
        String log = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = cc.waitFor();
        // A compiler without the C library headers is a machine the launcher treats as having none.
        org.junit.jupiter.api.Assumptions.assumeFalse(status != 0 && log.contains(".h: No such file"), "no C headers: " + log);
        assertThat(status).as(log).isZero();
        return bin;
    }

    private Shelled runNative(Path bin, byte[] stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(bin.toString(), socket.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ws.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().clear();
        pb.environment().put("HOME", tmp.resolve("scratch/home").toString());
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("scratch/home/.config").toString());
        pb.environment().put("USER", "tester");
        pb.environment().put("LANG", "C.UTF-8");
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin);
        }
        p.getOutputStream().close();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Shelled(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void theNativeClientSpeaksTheSameProtocolAsTheJavaOne() throws Exception {
        Path bin = nativeClient();
        assertThat(runNative(bin, null, "task", "list").exit).as("no daemon yet").isEqualTo(Wire.FALLBACK);
        daemon = startDaemon(Map.of());
        Shelled added = runNative(bin, "Body from the C client\n".getBytes(StandardCharsets.UTF_8),
                "task", "add", "-t", "Native", "--from-file", "-", "--json");
        assertThat(added.exit).as(added.err).isZero();
        JsonNode task = dev.backlog.projector.Json.MAPPER.readTree(added.out);
        assertThat(task.get("description").asText()).isEqualTo("Body from the C client\n");
        assertThat(task.get("project").get("alias").asText()).isEqualTo("api");
        assertThat(runNative(bin, null, "task", "list", "--json").out).isEqualTo(call("task", "list", "--json").out());
        assertThat(runNative(bin, null, "task", "list").out).isEqualTo(cli.run("task", "list").out());
        Shelled missing = runNative(bin, null, "task", "show", "API-99", "--json");
        assertThat(missing.exit).isEqualTo(3);
        assertThat(missing.out).isEmpty();
        assertThat(dev.backlog.projector.Json.MAPPER.readTree(missing.err).at("/error/code").asText()).isEqualTo("TASK_NOT_FOUND");
        assertThat(runNative(bin, null, "mcp", "serve").exit).as("declined").isEqualTo(Wire.FALLBACK);

        daemon.kill();
        daemon.await(Duration.ofSeconds(30));
        daemon = null;
        assertThat(socket).as("a SIGKILLed daemon leaves its socket").exists();
        assertThat(runNative(bin, null, "task", "list").exit).isEqualTo(Wire.FALLBACK);
        assertThat(socket).as("removed by the client that found nobody listening").doesNotExist();

        try (ServerSocketChannel fake = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            fake.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(() -> acceptThenVanish(fake));
            t.start();
            Shelled lost = runNative(bin, null, "task", "add", "-t", "maybe", "--json");
            t.join();
            assertThat(lost.exit).isEqualTo(1);
            JsonNode error = dev.backlog.projector.Json.MAPPER.readTree(lost.err).get("error");
            assertThat(error.get("code").asText()).isEqualTo("INTERNAL");
            assertThat(error.get("message").asText()).contains("may or may not have been applied");
        }
    }

    @Test
    void theLauncherStartsTheDaemonAndHandsItLaterCalls() throws Exception {
        Path launcher = Path.of("..", "backlog").toAbsolutePath().normalize();
        Map<String, String> env = new HashMap<>();
        env.put("XDG_RUNTIME_DIR", tmp.resolve("run").toString());
        // The first call runs in-process and starts the daemon; `daemon status` then finds it.
        Shelled first = shell(launcher, env, "task", "add", "-t", "Via launcher", "--json");
        assertThat(first.exit).as(first.err).isZero();
        JsonNode status = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            status = dev.backlog.projector.Json.MAPPER.readTree(shell(launcher, env, "daemon", "status", "--json").out);
            if (status.get("running").asBoolean()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(status.get("running").asBoolean()).as(status.toString()).isTrue();
        assertThat(status.get("socket").asText()).startsWith(tmp.resolve("run/backlog/daemon").toString());
        Shelled listed = shell(launcher, env, "task", "list", "--json");
        assertThat(listed.exit).isZero();
        assertThat(listed.out).contains("Via launcher");
        Shelled stopped = shell(launcher, env, "daemon", "stop", "--json");
        assertThat(dev.backlog.projector.Json.MAPPER.readTree(stopped.out).get("stopped").asBoolean()).isTrue();
        assertThat(Path.of(status.get("socket").asText())).doesNotExist();
    }

    private record Shelled(int exit, String out, String err) {}

    private Shelled shell(Path launcher, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(ws.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BACKLOG_"));
        pb.environment().put("HOME", tmp.resolve("scratch/home").toString());
        pb.environment().put("XDG_CONFIG_HOME", tmp.resolve("scratch/home/.config").toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        assertThat(p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return new Shelled(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
