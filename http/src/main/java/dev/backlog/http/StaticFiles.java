package dev.backlog.http;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's files from the jar (§8.1): {@code /static/…} from {@code dev/backlog/http/web/static/}, and
 * {@code index.html} for every other {@code GET} path outside {@code /api/} (client-side routing). Files are read once
 * and kept in memory. Thread-safe.
 */
final class StaticFiles {
    private static final String ROOT = "dev/backlog/http/web/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "json", "application/json; charset=utf-8", "txt", "text/plain; charset=utf-8", "woff2", "font/woff2");
    private static final byte[] MISSING = new byte[0];
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    void serve(HttpServerExchange ex, String path) {
        String file = path.startsWith("/static/") ? path.substring(1) : "index.html";
        if (!file.matches("[A-Za-z0-9._/-]+") || file.contains("..") || file.endsWith("/")) {
            throw notFound(path);
        }
        byte[] bytes = cache.computeIfAbsent(file, StaticFiles::load);
        if (bytes == MISSING) {
            throw notFound(path);
        }
        String ext = file.substring(file.lastIndexOf('.') + 1);
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, TYPES.getOrDefault(ext, "application/octet-stream"));
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        ex.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    private static byte[] load(String file) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            return in == null ? MISSING : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BacklogException notFound(String path) {
        return new BacklogException(ErrorCode.ROUTE_NOT_FOUND, "no such file: " + path, Map.of("path", path));
    }
}
