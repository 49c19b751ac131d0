package dev.backlog.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The route table of §8.3: method + path template ({@code /api/tasks/{ref}/claim}). A literal segment beats a
 * parameter ({@code /api/tasks/next} before {@code /api/tasks/{ref}}). A path no template matches is
 * {@link NotFound}; a path that matches only with other methods is {@link WrongMethod} with those methods.
 * Immutable once built; thread-safe for lookups.
 */
final class Router {
    /** A route's work, run on a worker thread. Returns the reply, or {@code null} when it wrote the response itself. */
    @FunctionalInterface
    interface Action {
        Reply handle(Call call) throws Exception;
    }

    /** How a route takes its body: none/JSON, or multipart (uploads). */
    enum Body { JSON, MULTIPART }

    record Route(String method, String template, String[] segments, Action action, Body body) {}

    sealed interface Match permits Found, NotFound, WrongMethod {}

    record Found(Route route, Map<String, String> params) implements Match {}

    record NotFound() implements Match {}

    record WrongMethod(Set<String> allowed) implements Match {}

    private final List<Route> routes = new ArrayList<>();

    Router get(String template, Action action) {
        return add("GET", template, action, Body.JSON);
    }

    Router post(String template, Action action) {
        return add("POST", template, action, Body.JSON);
    }

    Router patch(String template, Action action) {
        return add("PATCH", template, action, Body.JSON);
    }

    Router delete(String template, Action action) {
        return add("DELETE", template, action, Body.JSON);
    }

    Router upload(String template, Action action) {
        return add("POST", template, action, Body.MULTIPART);
    }

    private Router add(String method, String template, Action action, Body body) {
        routes.add(new Route(method, template, split(template), action, body));
        return this;
    }

    Match match(String method, String path) {
        String[] parts = split(path);
        Found best = null;
        int bestScore = -1;
        Set<String> allowed = new LinkedHashSet<>();
        for (Route r : routes) {
            Map<String, String> params = params(r.segments, parts);
            if (params == null) {
                continue;
            }
            allowed.add(r.method);
            if (r.method.equals(method)) {
                int score = literals(r.segments);
                if (score > bestScore) {
                    best = new Found(r, params);
                    bestScore = score;
                }
            }
        }
        if (best != null) {
            return best;
        }
        return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
    }

    private static Map<String, String> params(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static int literals(String[] segments) {
        int n = 0;
        for (String s : segments) {
            n = n * 2 + (s.startsWith("{") ? 0 : 1);
        }
        return n;
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.split("/", -1);
    }
}
