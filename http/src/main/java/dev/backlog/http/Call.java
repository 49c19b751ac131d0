package dev.backlog.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.query.Inputs;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * One API request as the routes see it, on a worker thread: path parameters, query parameters (repeatable or
 * comma-separated lists, booleans {@code true|false|1|0}), the JSON body bound to a request record, the actor and
 * the {@code If-Match} version. Not thread-safe: one per request.
 */
final class Call {
    final HttpServerExchange exchange;
    final Actor actor;
    final Connections db;
    final WebConfig config;
    /** The server's cache of task lists, {@code null} when disabled. */
    final ListCache listCache;
    private final Map<String, String> path;
    private final long deadlineNanos;
    private ObjectNode body;

    Call(HttpServerExchange exchange, Map<String, String> path, Actor actor, Connections db, WebConfig config, ListCache listCache) {
        this.exchange = exchange;
        this.listCache = listCache;
        this.path = path;
        this.actor = actor;
        this.db = db;
        this.config = config;
        this.deadlineNanos = System.nanoTime() + config.requestTimeout().toNanos();
    }

    String path(String name) {
        return path.get(name);
    }

    /** The first value of a query parameter, {@code null} when absent. */
    String query(String name) {
        Deque<String> v = exchange.getQueryParameters().get(name);
        return v == null || v.isEmpty() ? null : v.getFirst();
    }

    /** Every value of a repeatable query parameter (items may themselves be comma-separated). */
    List<String> queryList(String name) {
        Deque<String> v = exchange.getQueryParameters().get(name);
        return v == null ? List.of() : Inputs.list(new ArrayList<>(v));
    }

    /** A boolean query parameter: {@code true|false|1|0}; absent = false. */
    boolean flag(String name) {
        String v = query(name);
        if (v == null) {
            return false;
        }
        return switch (v) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw BacklogException.invalid(name, v, List.of("true", "false", "1", "0"), "invalid " + name + " '" + v + "'");
        };
    }

    /** A list page size: default {@code fallback}, 1 to {@code max}. */
    int limit(String name, int fallback, int max) {
        String v = query(name);
        int n = Inputs.limit(name, v, fallback, max);
        if (v != null && n == 0) {
            throw BacklogException.invalid(name, v, name + " must be between 1 and " + max);
        }
        return n;
    }

    Long nonNegative(String name) {
        String v = query(name);
        return v == null ? null : Inputs.nonNegative(name, v);
    }

    /** The body bound to a request record; {@code fromPath} maps record fields to path parameters. */
    <T extends Record> T body(Class<T> type, Map<String, String> fromPath) {
        return Bodies.bind(json(), type, fromPath);
    }

    <T extends Record> T body(Class<T> type) {
        return body(type, Map.of());
    }

    /** For routes that take no fields: the body must be empty or {@code {}}. */
    void noFields() {
        var it = json().fieldNames();
        if (it.hasNext()) {
            String name = it.next();
            throw BacklogException.invalid(name, null, "unknown field '" + name + "'");
        }
    }

    /** The raw JSON object of the body ({@code {}} when empty). */
    ObjectNode json() {
        if (body == null) {
            try {
                body = Bodies.object(Bodies.read(exchange.getInputStream(), WebConfig.JSON_BODY_LIMIT, deadlineNanos));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return body;
    }

    /** {@code If-Match: "N"} (or {@code N}); {@code *} or absent = unconditional ({@code null}). */
    Long ifMatch() {
        String v = exchange.getRequestHeaders().getFirst(Headers.IF_MATCH);
        if (v == null || v.strip().equals("*")) {
            return null;
        }
        String t = v.strip();
        if (t.startsWith("W/")) {
            t = t.substring(2);
        }
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        try {
            long n = Long.parseLong(t);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw BacklogException.invalid("if_match", v, "invalid If-Match '" + v + "': expected \"<version>\" or *");
    }

    /** If-Match wins over a {@code base_version} of the body. */
    Long baseVersion(Long fromBody) {
        Long h = ifMatch();
        return h != null ? h : fromBody;
    }

    /** The default project of the workspace, asked now. */
    String defaultProject() {
        return config.defaultProject().get();
    }

    /** {@code project} as a filter: absent = default project; {@code ""} = all projects. */
    String projectFilter() {
        String p = query("project");
        if (p != null) {
            return p.isEmpty() ? null : p;
        }
        return defaultProject();
    }

    /** A project given in a body or query as a required target: else the default project, else {@code PROJECT_REQUIRED}. */
    String projectTarget(String given) {
        String p = given != null && !given.isEmpty() ? given : defaultProject();
        if (p == null) {
            throw new BacklogException(ErrorCode.PROJECT_REQUIRED, "no project: pass project or set a default project",
                    Map.of("field", "project"));
        }
        return p;
    }
}
