package dev.backlog.http;

import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.xnio.Options;

/**
 * {@code backlog web} (SPEC §8): the HTTP API, the SSE stream and the web UI's files on Undertow. A thin adapter:
 * every route parses the request, calls the same services as the CLI and writes the same {@code Views} document.
 * All work runs on worker threads (never on an I/O thread); SSE streams run on virtual threads.
 *
 * <p>Request flow: security headers → {@code Host} allow-list → ({@code /api/}) token → actor → route (404/405) → for
 * writes the {@code Origin} check, media type and body size (before any byte of the body is read) → route.
 * Thread-safe; start once, stop once.
 */
public final class WebServer implements AutoCloseable {
    private static final Set<HttpString> WRITES = Set.of(Methods.POST, Methods.PATCH, Methods.PUT, Methods.DELETE);
    private static final HttpString ALLOW = new HttpString("Allow");
    /** Undertow and XNIO log their start-up banner at INFO on stderr; keep only warnings (strong references). */
    private static final java.util.List<java.util.logging.Logger> QUIET = java.util.List.of(
            java.util.logging.Logger.getLogger("io.undertow"), java.util.logging.Logger.getLogger("org.xnio"));

    static {
        QUIET.forEach(l -> l.setLevel(java.util.logging.Level.WARNING));
    }

    private final WebConfig config;
    private final Gate gate;
    private final Router router = new Router();
    private final StaticFiles files = new StaticFiles();
    private final ListCache listCache;
    private final ExecutorService streams = Executors.newVirtualThreadPerTaskExecutor();
    private Connections db;
    private EventFeed feed;
    private EventStream stream;
    private Undertow undertow;
    private GracefulShutdownHandler shutdown;
    private int port;

    private WebServer(WebConfig config) {
        this.config = config;
        this.gate = new Gate(config);
        this.listCache = config.listCache() ? new ListCache() : null;
    }

    /**
     * Checks the bind rule, opens the workspace and binds. A non-loopback host without a token is
     * {@code INVALID_ARGUMENT} before anything is opened or bound.
     */
    public static WebServer start(WebConfig config) {
        config.checkBind();
        WebServer s = new WebServer(config);
        s.open();
        return s;
    }

    private void open() {
        db = new Connections(config.dbFile(), config.settings(), Clock.systemUTC(), config.readers());
        feed = new EventFeed(config.dbFile(), config.settings().busyTimeout().toMillis(), config.pollInterval());
        stream = new EventStream(feed, config.pingInterval(), streams);
        ReadRoutes.register(router);
        router.get("/api/events/stream", stream::open);
        ProjectRoutes.register(router);
        TaskRoutes.register(router);
        ContextRoutes.register(router);
        AttachmentRoutes.register(router);
        shutdown = new GracefulShutdownHandler(this::dispatch);
        int idle = (int) config.idleTimeout().toMillis();
        try {
            undertow = Undertow.builder()
                    .addHttpListener(config.port(), config.host())
                    .setIoThreads(2)
                    .setWorkerThreads(config.workers())
                    .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int) config.headerTimeout().toMillis())
                    .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idle)
                    .setServerOption(UndertowOptions.MAX_HEADER_SIZE, 64 << 10)
                    .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, Math.max(WebConfig.JSON_BODY_LIMIT, config.multipartLimit()))
                    .setServerOption(UndertowOptions.MULTIPART_MAX_ENTITY_SIZE, config.multipartLimit())
                    .setServerOption(UndertowOptions.ALWAYS_SET_DATE, true)
                    .setSocketOption(Options.READ_TIMEOUT, (int) config.requestTimeout().toMillis())
                    .setHandler(shutdown)
                    .build();
            undertow.start();
        } catch (RuntimeException e) {
            closeQuietly();
            throw new BacklogException(ErrorCode.INTERNAL, "cannot listen on " + config.host() + ":" + config.port() + ": "
                    + rootMessage(e), Map.of("host", config.host(), "port", config.port()), e);
        }
        port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        gate.boundPort(port);
    }

    /** The bound port (the real one when started with port 0). */
    public int port() {
        return port;
    }

    /** {@code http://HOST:PORT/}, with {@code ?token=T} when a token is set (§2.4, §14). */
    public String url() {
        String h = config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]" : config.host();
        return "http://" + h + ":" + port + "/" + (config.token() == null ? "" : "?token=" + java.net.URLEncoder.encode(config.token(),
                java.nio.charset.StandardCharsets.UTF_8));
    }

    public boolean tokenRequired() {
        return gate.tokenRequired();
    }

    private void dispatch(HttpServerExchange ex) {
        if (ex.isInIoThread()) {
            ex.dispatch(this::dispatch);
            return;
        }
        Gate.securityHeaders(ex);
        try {
            gate.checkHost(ex);
            String path = ex.getRelativePath();
            if (path.equals("/api") || path.startsWith("/api/")) {
                api(ex, path);
            } else {
                page(ex, path);
            }
        } catch (BacklogException e) {
            fail(ex, e);
        } catch (UncheckedIOException e) {
            ex.setPersistent(false);
            fail(ex, new BacklogException(ErrorCode.INVALID_ARGUMENT, "cannot read the request: " + e.getCause().getMessage(),
                    Map.of("field", "body")));
        } catch (Exception e) {
            if (System.getenv("BACKLOG_DEBUG") != null) {
                e.printStackTrace();
            }
            fail(ex, new BacklogException(ErrorCode.INTERNAL, "internal error: " + e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private void api(HttpServerExchange ex, String path) throws Exception {
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        boolean health = path.equals("/api/health") && ex.getRequestMethod().equals(Methods.GET);
        if (!health) {
            gate.checkToken(ex);
        }
        Actor actor = gate.actor(ex);
        Router.Match match = router.match(ex.getRequestMethod().toString(), path);
        if (match instanceof Router.NotFound) {
            throw new BacklogException(ErrorCode.ROUTE_NOT_FOUND, "no route " + path, Map.of("path", path));
        }
        if (match instanceof Router.WrongMethod w) {
            ex.getResponseHeaders().put(ALLOW, String.join(", ", w.allowed()));
            throw new BacklogException(ErrorCode.METHOD_NOT_ALLOWED, ex.getRequestMethod() + " is not allowed on " + path,
                    Map.of("allowed", w.allowed()));
        }
        Router.Found found = (Router.Found) match;
        if (WRITES.contains(ex.getRequestMethod())) {
            gate.checkOrigin(ex);
            checkBody(ex, found.route().body());
        }
        ex.startBlocking();
        Reply reply = found.route().action().handle(new Call(ex, found.params(), actor, db, config, listCache));
        if (reply != null) {
            Responses.send(ex, reply);
        }
    }

    /** Media type and declared size, checked before any byte of the body is read (§8.2 Limits). */
    private void checkBody(HttpServerExchange ex, Router.Body kind) {
        long length = ex.getRequestContentLength();
        boolean chunked = ex.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
        if (length <= 0 && !chunked) {
            return;
        }
        String type = ex.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(java.util.Locale.ROOT);
        String expected = kind == Router.Body.MULTIPART ? "multipart/form-data" : "application/json";
        if (!media.equals(expected)) {
            ex.setPersistent(false);
            throw new BacklogException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "the body must be " + expected + ", not " + (type == null ? "untyped" : type),
                    Map.of("content_type", String.valueOf(type), "expected", expected));
        }
        long limit = kind == Router.Body.MULTIPART ? config.multipartLimit() : WebConfig.JSON_BODY_LIMIT;
        if (length > limit) {
            ex.setPersistent(false);
            throw dev.backlog.model.Limits.tooLarge("body", limit, length);
        }
    }

    private void page(HttpServerExchange ex, String path) {
        if (!ex.getRequestMethod().equals(Methods.GET) && !ex.getRequestMethod().equals(Methods.HEAD)) {
            ex.getResponseHeaders().put(ALLOW, "GET");
            throw new BacklogException(ErrorCode.METHOD_NOT_ALLOWED, ex.getRequestMethod() + " is not allowed on " + path,
                    Map.of("allowed", Set.of("GET")));
        }
        gate.actor(ex); // validated on every request (§14), though pages do not use it
        String token = ex.getQueryParameters().containsKey("token") ? ex.getQueryParameters().get("token").getFirst() : null;
        if (token != null) {
            handOff(ex, path, token);
            return;
        }
        files.serve(ex, path);
    }

    /** {@code GET /?token=T}: the token becomes an HttpOnly session cookie and the browser is sent to the URL without it. */
    private void handOff(HttpServerExchange ex, String path, String token) {
        if (!gate.tokenMatches(token)) {
            throw new BacklogException(ErrorCode.UNAUTHORIZED, "wrong token");
        }
        StringBuilder query = new StringBuilder();
        ex.getQueryParameters().forEach((k, values) -> {
            if (!k.equals("token")) {
                for (String v : values) {
                    query.append(query.length() == 0 ? "?" : "&").append(enc(k)).append('=').append(enc(v));
                }
            }
        });
        ex.setResponseCookie(gate.sessionCookie());
        ex.setStatusCode(303);
        ex.getResponseHeaders().put(Headers.LOCATION, path + query);
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.endExchange();
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void fail(HttpServerExchange ex, BacklogException e) {
        if (e.code() == ErrorCode.PAYLOAD_TOO_LARGE) {
            ex.setPersistent(false);
        }
        Responses.error(ex, e);
    }

    /**
     * Stops accepting requests, ends the SSE streams, lets in-flight requests finish (at most 5 s) and closes the
     * connections.
     */
    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        if (shutdown != null) {
            shutdown.shutdown();
            try {
                shutdown.awaitShutdown(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        if (undertow != null) {
            undertow.stop();
        }
        streams.shutdownNow();
        if (feed != null) {
            feed.close();
        }
        if (db != null) {
            db.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
