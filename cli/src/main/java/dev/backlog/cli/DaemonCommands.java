package dev.backlog.cli;

import dev.backlog.cli.daemon.Daemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;

/**
 * {@code backlog daemon status|stop}: the resident daemon the launcher starts for fast calls (docs/launcher.md).
 * These run in their own process (never inside the daemon). The launcher passes the socket it uses as the
 * system property {@code backlog.daemon.socket}; run any other way, there is no daemon to report on.
 */
@Command(name = "daemon", description = "The resident daemon that keeps CLI calls fast")
final class DaemonCommands extends Group {
    static final String SOCKET_PROPERTY = "backlog.daemon.socket";

    DaemonCommands(App app) {
        super(app);
    }

    record Status(boolean running, Long pid, String socket, boolean enabled) {}

    record Stopped(boolean stopped, Long pid) {}

    /** The daemon's process, from the pid file beside its socket, if it is alive. */
    static Optional<ProcessHandle> process(Path socket) {
        if (socket == null) {
            return Optional.empty();
        }
        try {
            String pid = Files.readString(Daemon.pidFile(socket)).trim();
            return ProcessHandle.of(Long.parseLong(pid)).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Path socket() {
        String s = System.getProperty(SOCKET_PROPERTY);
        return s == null || s.isEmpty() ? null : Path.of(s);
    }

    @Command(name = "status", description = "Whether the daemon runs, its pid and socket")
    static final class StatusCmd extends Base {
        StatusCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            Path socket = socket();
            Optional<ProcessHandle> p = process(socket);
            String setting = app.env.getOrDefault("BACKLOG_DAEMON", "");
            boolean enabled = socket != null && !java.util.List.of("0", "off", "no", "false").contains(setting);
            Status st = new Status(p.isPresent(), p.map(ProcessHandle::pid).orElse(null), socket == null ? null : socket.toString(), enabled);
            return print(st, null, () -> st.running()
                    ? "daemon running (pid " + st.pid() + ", socket " + st.socket() + ")" + (enabled ? "" : "; BACKLOG_DAEMON turns it off for this shell")
                    : "daemon not running" + (socket == null ? " (started by ./backlog only)" : enabled ? "; the next call starts it" : "; BACKLOG_DAEMON=" + setting + " keeps it off"));
        }
    }

    @Command(name = "stop", description = "Stop the daemon (running calls finish first); the next call starts a new one")
    static final class Stop extends Base {
        Stop(App app) {
            super(app);
        }

        @Override
        int run() {
            Path socket = socket();
            Optional<ProcessHandle> p = process(socket);
            p.ifPresent(h -> {
                h.destroy(); // SIGTERM: the daemon removes its socket and lets running calls finish
                // Stopped = its pid file is gone (removed on the way out). Waiting for the process itself would also
                // wait for whoever reaps it (it is not our child; a slow init can leave it a zombie for seconds).
                Path pid = Daemon.pidFile(socket);
                long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                while (Files.exists(pid) && h.isAlive() && System.nanoTime() < until) {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return; // reported as stopped: it has been told to
                    }
                }
            });
            Stopped st = new Stopped(p.isPresent(), p.map(ProcessHandle::pid).orElse(null));
            return print(st, null, () -> st.stopped() ? "daemon stopped (pid " + st.pid() + ")" : "daemon not running");
        }
    }
}
