package dev.backlog.cli.daemon;

import dev.backlog.cli.client.Wire;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The resident CLI daemon ({@code backlog __daemon SOCKET}, started in the background by the launcher): a warm JVM
 * that runs CLI invocations handed over by {@link dev.backlog.cli.client.Client}, so a call costs a small JVM's
 * start plus the command's warm run instead of a full cold start. Each call runs through the same
 * {@code Main.run} as an in-process call, with the caller's arguments, environment, directory and stdin, on its
 * own thread and its own database connection; the daemon holds no workspace state between calls.
 *
 * <p>One daemon per socket: the first to lock {@code SOCKET.lock} serves, later ones exit at once. The socket's
 * directory must be the user's own and private (0700); the daemon creates it so, refuses to serve from any other,
 * and also checks each caller's uid. It exits after {@code BACKLOG_DAEMON_IDLE} seconds without calls (default
 * 900) or as soon as its jar changes (a rebuild), removing its socket.
 */
public final class Daemon {
    static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);

    private final Path socket;
    private final Duration idle;
    private final JarStamp jar;
    private final UserPrincipal owner;
    private final String zone;
    private final Handler handler;
    private final PrintStream log;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicLong lastCall = new AtomicLong(System.nanoTime());
    private volatile ServerSocketChannel server;
    private volatile boolean finished;

    private Daemon(Path socket, Duration idle, JarStamp jar, UserPrincipal owner, String zone, Handler handler, PrintStream log) {
        this.socket = socket;
        this.idle = idle;
        this.jar = jar;
        this.owner = owner;
        this.zone = zone;
        this.handler = handler;
        this.log = log;
    }

    /** Runs CLI invocations in this JVM. */
    public interface Handler {
        /** False for commands that must run in their own process; the client then runs them itself. */
        boolean accepts(String[] args);

        /** Runs one invocation and returns its exit status. */
        int run(Request request, PrintStream out, PrintStream err);

        /** Exercises the common commands once, before the daemon takes calls, so the first ones find a warm JIT. */
        default void warmUp() {
        }
    }

    /**
     * Serves on {@code socket} until idle or the jar changes; returns the process exit status (0 also when another
     * daemon already serves).
     */
    public static int serve(Path socket, Map<String, String> env, Handler handler) {
        Path dir = socket.toAbsolutePath().getParent();
        UserPrincipal me;
        try {
            me = privateDirectory(dir);
        } catch (IOException | RuntimeException e) {
            // Never serve from a directory others can reach; the marker stops the launcher from retrying.
            System.err.println("backlog daemon: " + e.getMessage());
            try {
                Files.writeString(sibling(socket, ".failed"), e.getMessage() + "\n");
            } catch (IOException | RuntimeException ignored) {
                // then the launcher tries again next time
            }
            return 1;
        }
        try {
            try (FileChannel lockFile = FileChannel.open(sibling(socket, ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = lockFile.tryLock();
                    PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("daemon.log"), StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND), true, StandardCharsets.UTF_8)) {
                if (lock == null) {
                    return 0; // another daemon has it
                }
                // Warm before the socket appears: until then calls run in-process, as without a daemon.
                if (!"0".equals(env.get("BACKLOG_DAEMON_WARMUP"))) {
                    handler.warmUp();
                }
                Duration idle = idleTimeout(env.get("BACKLOG_DAEMON_IDLE"));
                Daemon d = new Daemon(socket, idle, JarStamp.ofRunningJar(), me, env.get("TZ"), handler, log);
                return d.run();
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("backlog daemon: " + e.getMessage());
            return 1;
        }
    }

    private int run() throws IOException {
        Files.deleteIfExists(socket); // we hold the lock: any socket file here is a dead daemon's
        Path tmp = sibling(socket, "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(tmp);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(tmp), 64);
        // Listening before the name appears: a client that finds the socket can always connect.
        Files.move(tmp, socket, StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(pidFile(socket), ProcessHandle.current().pid() + "\n");
        log.println(Instant.now() + " serving " + socket + " (pid " + ProcessHandle.current().pid() + ", idle " + idle.toSeconds() + " s)");
        Runtime.getRuntime().addShutdownHook(new Thread(this::terminated, "backlog-daemon-stop"));
        Thread watchdog = new Thread(this::watch, "backlog-daemon-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            while (true) {
                SocketChannel c = server.accept();
                active.incrementAndGet();
                lastCall.set(System.nanoTime());
                Thread t = new Thread(() -> {
                    try {
                        new Connection(c, this).serve();
                    } finally {
                        lastCall.set(System.nanoTime());
                        active.decrementAndGet();
                    }
                }, "backlog-call");
                t.start();
            }
        } catch (ClosedChannelException closed) {
            // the watchdog stopped us
        } finally {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(pidFile(socket));
            while (active.get() > 0) {
                sleep(50); // let running calls finish before the JVM exits under them
            }
            // Still holding the lock: a stale lock file per build would pile up otherwise.
            Files.deleteIfExists(sibling(socket, ".lock"));
            finished = true;
        }
        return 0;
    }

    /** SIGTERM ({@code backlog daemon stop}): no new calls, running ones finish (up to a minute), files removed. */
    private void terminated() {
        if (finished) {
            return; // a normal stop already cleaned up; the socket may be a newer daemon's by now
        }
        try {
            server.close();
            Files.deleteIfExists(socket);
            Files.deleteIfExists(pidFile(socket));
        } catch (IOException ignored) {
            // the client removes a dead daemon's socket
        }
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (active.get() > 0 && System.nanoTime() < until) {
            sleep(20);
        }
    }

    /** Stops the daemon when it has been idle long enough or its jar changed; checks every second. */
    private void watch() {
        while (true) {
            sleep(1000);
            String why = null;
            if (!jar.unchanged()) {
                why = "jar changed";
            } else if (active.get() == 0 && System.nanoTime() - lastCall.get() > idle.toNanos()) {
                why = "idle";
            } else if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
                why = "socket removed";
            }
            if (why != null) {
                log.println(Instant.now() + " stopping: " + why);
                try {
                    server.close();
                } catch (IOException ignored) {
                    // closing wakes accept either way
                }
                return;
            }
        }
    }

    /** Why this daemon will not run a request ({@code null}: it will). */
    String declineReason(Request r) {
        if (!jar.unchanged()) {
            return "jar changed";
        }
        if (!handler.accepts(r.args())) {
            return "runs in its own process";
        }
        if (!r.cwdKey().equals(Wire.directoryKey(r.cwd()))) {
            return "another view of the file system"; // e.g. a client in a container that shares the home directory
        }
        if (!java.util.Objects.equals(zone, r.env().get("TZ"))) {
            return "different TZ"; // human-readable times use the JVM's zone
        }
        return null;
    }

    UserPrincipal owner() {
        return owner;
    }

    Handler handler() {
        return handler;
    }

    PrintStream log() {
        return log;
    }

    /** Creates {@code dir} private (0700) if missing; refuses one not owned by us or open to others. */
    static UserPrincipal privateDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir.getParent());
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another daemon made it; checked below
            }
        }
        UserPrincipal me = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(System.getProperty("user.name"));
        if (!Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).equals(me)) {
            throw new IOException(dir + " is not owned by " + me.getName());
        }
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
        for (PosixFilePermission p : perms) {
            if (p.name().startsWith("GROUP") || p.name().startsWith("OTHERS")) {
                throw new IOException(dir + " is open to other users (" + PosixFilePermissions.toString(perms) + "); it must be 0700");
            }
        }
        return me;
    }

    static Duration idleTimeout(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return DEFAULT_IDLE;
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(seconds.trim())));
        } catch (NumberFormatException e) {
            return DEFAULT_IDLE;
        }
    }

    /** The file holding the pid of the daemon serving {@code socket}; present exactly while it serves. */
    public static Path pidFile(Path socket) {
        return sibling(socket, ".pid");
    }

    static Path sibling(Path socket, String suffix) {
        return socket.resolveSibling(socket.getFileName() + suffix);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
