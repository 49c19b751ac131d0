package dev.backlog.cli;

import dev.backlog.http.WebConfig;
import dev.backlog.http.WebServer;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlog web} (SPEC §3.12, §8): serves the workspace over HTTP until SIGINT/SIGTERM, then stops cleanly
 * (in-flight requests finish, at most 5 s) and exits 0. Flags over environment over configuration ({@code web.*}).
 * A browser is opened only when asked (no {@code --no-browser}) and a desktop session is visible
 * ({@code DISPLAY}/{@code WAYLAND_DISPLAY} on Linux, always on macOS); on a headless machine the URL is printed only.
 */
@Command(name = "web", description = "Serve the HTTP API and the web UI")
final class WebCommand extends Base {
    @Option(names = "--host", paramLabel = "HOST", description = "Bind address (default 127.0.0.1; non-loopback needs a token)") String host;
    @Option(names = {"-p", "--port"}, paramLabel = "PORT", description = "Port (default 8080; 0 = any free port)") String port;
    @Option(names = "--token", paramLabel = "T", description = "Bearer token (prefer BACKLOG_WEB_TOKEN)") String token;
    @Option(names = "--no-browser", description = "Do not open a browser") boolean noBrowser;

    /** What {@code web --json} prints once before serving (§2.4). */
    record Started(String url, String host, int port, boolean tokenRequired) {}

    WebCommand(App app) {
        super(app);
    }

    @Override
    int run() {
        Session s = s();
        String h = host != null ? host : or(s.setting("web.host"), "127.0.0.1");
        int p = port(port != null ? port : s.setting("web.port"));
        String t = token != null ? token : nonEmpty(s.env.get("BACKLOG_WEB_TOKEN")) != null ? s.env.get("BACKLOG_WEB_TOKEN") : s.setting("web.token");
        List<String> allowed = new ArrayList<>(Args.list(s.setting("web.allowed_hosts") == null ? List.of() : List.of(s.setting("web.allowed_hosts"))));
        String webActor = s.setting("web.actor");
        Actor actor = webActor != null ? Actor.parse(webActor) : s.actor();
        WebConfig config = WebConfig.of(s.dbFile(), s.settings(), actor, new DefaultProject(s.workspaceDir()), VersionCommand.VERSION)
                .withBind(h, p).withToken(t, allowed);
        String ping = s.env.get("BACKLOG_WEB_PING_MS");
        if (ping != null) {
            config = config.withPing(Duration.ofMillis(Args.nonNegative("BACKLOG_WEB_PING_MS", ping)));
        }
        if ("0".equals(s.env.get("BACKLOG_WEB_LIST_CACHE"))) {
            config = config.withListCache(false);
        }
        config.checkBind();
        CountDownLatch stop = new CountDownLatch(1);
        List<Object> previous = onSignals(stop);
        try (WebServer server = WebServer.start(config)) {
            String shown = server.url();
            print(new Started(shown, h, server.port(), server.tokenRequired()), null, () -> "backlog web UI → " + shown);
            if (!noBrowser) {
                openBrowser(shown);
            }
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            restore(previous);
        }
        return 0;
    }

    private static int port(String text) {
        if (text == null) {
            return 8080;
        }
        long v = Args.nonNegative("port", text);
        if (v > 65535) {
            throw BacklogException.invalid("port", text, "port must be between 0 and 65535");
        }
        return (int) v;
    }

    private static String or(String v, String fallback) {
        return v != null && !v.isEmpty() ? v : fallback;
    }

    private static String nonEmpty(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /** SIGINT and SIGTERM release {@code stop} instead of killing the JVM, so the server stops and the exit status is 0. */
    @SuppressWarnings("removal")
    private static List<Object> onSignals(CountDownLatch stop) {
        List<Object> previous = new ArrayList<>();
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal signal = new sun.misc.Signal(name);
                previous.add(new Object[] {signal, sun.misc.Signal.handle(signal, sig -> stop.countDown())});
            } catch (IllegalArgumentException e) {
                // the platform has no such signal
            }
        }
        return previous;
    }

    @SuppressWarnings("removal")
    private static void restore(List<Object> previous) {
        for (Object o : previous) {
            Object[] pair = (Object[]) o;
            sun.misc.Signal.handle((sun.misc.Signal) pair[0], (sun.misc.SignalHandler) pair[1]);
        }
    }

    private void openBrowser(String url) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command;
        if (os.contains("mac")) {
            command = List.of("open", url);
        } else if (os.contains("win")) {
            command = List.of("rundll32", "url.dll,FileProtocolHandler", url);
        } else if (nonEmpty(app.env.get("DISPLAY")) != null || nonEmpty(app.env.get("WAYLAND_DISPLAY")) != null) {
            command = List.of("xdg-open", url);
        } else {
            app.err.println("no desktop session found: open " + url + " in a browser (or pass --no-browser)");
            return;
        }
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            app.err.println("could not open a browser (" + e.getMessage() + "): open " + url);
        }
    }

    /** The workspace's {@code default_project}, re-read when {@code backlog.toml} changes. Thread-safe. */
    static final class DefaultProject implements Supplier<String> {
        private final Path file;
        private FileTime seen;
        private String value;

        DefaultProject(Path workspaceDir) {
            Path toml = workspaceDir.resolve("backlog.toml");
            this.file = Files.isRegularFile(toml) || !Files.isRegularFile(workspaceDir.resolve("config.toml")) ? toml : workspaceDir.resolve("config.toml");
        }

        @Override
        public synchronized String get() {
            FileTime now;
            try {
                now = Files.isRegularFile(file) ? Files.getLastModifiedTime(file) : FileTime.fromMillis(0);
            } catch (IOException e) {
                throw new BacklogException(ErrorCode.INTERNAL, "cannot read " + file + ": " + e.getMessage(), Map.of("file", file.toString()));
            }
            if (!now.equals(seen)) {
                value = Config.load(file, false, null).get("default_project");
                seen = now;
            }
            return value;
        }
    }
}
