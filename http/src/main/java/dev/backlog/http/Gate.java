package dev.backlog.http;

import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The security rules of §8.2 that apply before a route runs: the {@code Host} allow-list (DNS rebinding), the bearer
 * token or session cookie, the one-time {@code ?token=} hand-off, the {@code Origin}/{@code Sec-Fetch-Site} check of
 * writes (CSRF), the actor header, and the security headers every response carries. Thread-safe (immutable after
 * {@link #boundPort} is set at start).
 */
final class Gate {
    static final String COOKIE = "backlog_session";
    static final HttpString ACTOR = new HttpString("X-Backlog-Actor");
    private static final HttpString CSP = new HttpString("Content-Security-Policy");
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString REFERRER = new HttpString("Referrer-Policy");
    private static final HttpString FETCH_SITE = new HttpString("Sec-Fetch-Site");
    private static final String POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'";

    private final Set<String> hosts = new LinkedHashSet<>();
    private final byte[] tokenHash;
    private final String session;
    private final Actor defaultActor;
    private volatile int boundPort;

    Gate(WebConfig config) {
        hosts.add("localhost");
        hosts.add("127.0.0.1");
        hosts.add("[::1]");
        hosts.add(normalise(config.host()));
        config.allowedHosts().forEach(h -> hosts.add(normalise(h)));
        this.tokenHash = config.token() == null ? null : sha256(config.token());
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.session = HexFormat.of().formatHex(random);
        this.defaultActor = config.actor();
    }

    void boundPort(int port) {
        this.boundPort = port;
    }

    boolean tokenRequired() {
        return tokenHash != null;
    }

    /** The headers of every response (§8.2 Headers). */
    static void securityHeaders(HttpServerExchange ex) {
        ex.getResponseHeaders().put(NOSNIFF, "nosniff").put(REFERRER, "no-referrer").put(CSP, POLICY);
    }

    /** {@code FORBIDDEN_HOST} unless the {@code Host} header names an allowed host (port ignored). */
    void checkHost(HttpServerExchange ex) {
        String host = ex.getRequestHeaders().getFirst(Headers.HOST);
        if (host == null || !hosts.contains(hostPart(host))) {
            throw new BacklogException(ErrorCode.FORBIDDEN_HOST, "host '" + host + "' is not allowed: use localhost or add it to web.allowed_hosts",
                    Map.of("host", String.valueOf(host)));
        }
    }

    /** {@code UNAUTHORIZED} unless a token is not required, or the bearer token or the session cookie is right. */
    void checkToken(HttpServerExchange ex) {
        if (tokenHash == null) {
            return;
        }
        String auth = ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && MessageDigest.isEqual(tokenHash, sha256(auth.substring(7).strip()))) {
            return;
        }
        Cookie c = ex.getRequestCookie(COOKIE);
        if (c != null && MessageDigest.isEqual(sha256(session), sha256(c.getValue()))) {
            return;
        }
        throw new BacklogException(ErrorCode.UNAUTHORIZED, "missing or wrong token: send Authorization: Bearer <token> or open the printed URL");
    }

    /** Whether a {@code ?token=} value is the token (constant-time). */
    boolean tokenMatches(String candidate) {
        return tokenHash != null && MessageDigest.isEqual(tokenHash, sha256(candidate));
    }

    /** The {@code backlog_session} cookie that replaces the token after the hand-off. */
    Cookie sessionCookie() {
        return new io.undertow.server.handlers.CookieImpl(COOKIE, session).setHttpOnly(true).setSameSiteMode("Strict").setPath("/");
    }

    /** For writes: an {@code Origin} must be this server's own origin; {@code Sec-Fetch-Site: cross-site} is refused. */
    void checkOrigin(HttpServerExchange ex) {
        String site = ex.getRequestHeaders().getFirst(FETCH_SITE);
        if (site != null && site.equalsIgnoreCase("cross-site")) {
            throw forbiddenOrigin(ex.getRequestHeaders().getFirst(Headers.ORIGIN), "cross-site request refused");
        }
        String origin = ex.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null) {
            return;
        }
        try {
            URI u = new URI(origin);
            int port = u.getPort() == -1 ? 80 : u.getPort();
            if ("http".equals(u.getScheme()) && u.getHost() != null && hosts.contains(normalise(u.getHost())) && port == boundPort
                    && (u.getPath() == null || u.getPath().isEmpty())) {
                return;
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        throw forbiddenOrigin(origin, "cross-origin write refused: origin " + origin);
    }

    private static BacklogException forbiddenOrigin(String origin, String message) {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("origin", origin);
        return new BacklogException(ErrorCode.FORBIDDEN_ORIGIN, message, d);
    }

    /** {@code X-Backlog-Actor} if given (validated: {@code INVALID_ACTOR}), else the server's actor. */
    Actor actor(HttpServerExchange ex) {
        String v = ex.getRequestHeaders().getFirst(ACTOR);
        return v == null ? defaultActor : Actor.parse(v);
    }

    private static String hostPart(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h.toLowerCase(Locale.ROOT) : h.substring(0, end + 1).toLowerCase(Locale.ROOT);
        }
        int colon = h.indexOf(':');
        return normalise(colon < 0 ? h : h.substring(0, colon));
    }

    private static String normalise(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.contains(":") && !h.startsWith("[")) {
            h = "[" + h + "]";
        }
        return h;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
