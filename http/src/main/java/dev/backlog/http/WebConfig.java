package dev.backlog.http;

import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Everything {@link WebServer} needs, resolved by the caller ({@code backlog web} or a test): the workspace
 * database, the settings and actor of writes without {@code X-Backlog-Actor}, the bind address, the token and
 * the timeouts of SPEC §8.2. {@code defaultProject} is asked on every request that needs it, so a
 * {@code project set-default} made while the server runs is honoured.
 *
 * @param token          bearer token, {@code null} = none (allowed on loopback only)
 * @param allowedHosts   extra host names accepted in {@code Host} and {@code Origin} ({@code web.allowed_hosts})
 * @param pingInterval   SSE keep-alive interval (15 s; shorter in tests)
 * @param pollInterval   how often the event feed looks for commits of other processes ({@code PRAGMA data_version})
 * @param readers        size of the read connection pool
 * @param listCache      whether {@code GET /api/tasks} answers are cached (see {@code ListCache}; on by default)
 */
public record WebConfig(Path dbFile, Settings settings, Actor actor, Supplier<String> defaultProject, String version,
                        String host, int port, String token, List<String> allowedHosts,
                        Duration headerTimeout, Duration requestTimeout, Duration idleTimeout,
                        Duration pingInterval, Duration pollInterval, int readers, int workers, boolean listCache) {

    /** JSON bodies are at most 2 MiB (§13). */
    public static final long JSON_BODY_LIMIT = 2L << 20;
    /** Multipart bodies may exceed the attachment limit by this much (§13). */
    public static final long MULTIPART_OVERHEAD = 64L << 10;

    /** The defaults of §8.2 for a workspace; change fields with the {@code with…} methods. */
    public static WebConfig of(Path dbFile, Settings settings, Actor actor, Supplier<String> defaultProject, String version) {
        return new WebConfig(dbFile, settings, actor, defaultProject, version, "127.0.0.1", 8080, null, List.of(),
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(15),
                Duration.ofMillis(200), 4, 16, true);
    }

    public WebConfig withBind(String host, int port) {
        return new WebConfig(dbFile, settings, actor, defaultProject, version, host, port, token, allowedHosts, headerTimeout,
                requestTimeout, idleTimeout, pingInterval, pollInterval, readers, workers, listCache);
    }

    public WebConfig withToken(String token, List<String> allowedHosts) {
        return new WebConfig(dbFile, settings, actor, defaultProject, version, host, port, token == null || token.isEmpty() ? null : token,
                List.copyOf(allowedHosts), headerTimeout, requestTimeout, idleTimeout, pingInterval, pollInterval, readers, workers, listCache);
    }

    public WebConfig withTimeouts(Duration header, Duration request, Duration idle) {
        return new WebConfig(dbFile, settings, actor, defaultProject, version, host, port, token, allowedHosts, header, request,
                idle, pingInterval, pollInterval, readers, workers, listCache);
    }

    public WebConfig withPing(Duration ping) {
        return new WebConfig(dbFile, settings, actor, defaultProject, version, host, port, token, allowedHosts, headerTimeout,
                requestTimeout, idleTimeout, ping, pollInterval, readers, workers, listCache);
    }

    public WebConfig withListCache(boolean enabled) {
        return new WebConfig(dbFile, settings, actor, defaultProject, version, host, port, token, allowedHosts, headerTimeout,
                requestTimeout, idleTimeout, pingInterval, pollInterval, readers, workers, enabled);
    }

    /** Largest multipart (upload) body: the attachment limit plus 64 KiB. */
    public long multipartLimit() {
        return settings.attachmentMaxBytes() + MULTIPART_OVERHEAD;
    }

    /**
     * Refuses a non-loopback bind without a token (§8.2): {@code INVALID_ARGUMENT} naming {@code host}. Call it before
     * binding anything; {@link WebServer#start} does.
     */
    public void checkBind() {
        if (token == null && !isLoopback(host)) {
            throw BacklogException.invalid("host", host, "binding to " + host
                    + " exposes the workspace beyond this machine: set a token (--token, BACKLOG_WEB_TOKEN or web.token)");
        }
    }

    /** Whether a host name or address is a loopback one ({@code 0.0.0.0} is not: it binds every interface). */
    public static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false; // a name other than localhost: do not resolve it, treat it as remote
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
