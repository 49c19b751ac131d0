package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backlog.commands.Settings;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of §8.2, each tried from the attacker's side. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class SecurityIT {
    private static final String TOKEN = "s3cret-token";

    @TempDir
    Path dir;

    @Test
    void a_foreign_Host_is_403_FORBIDDEN_HOST_on_api_static_pages_and_SSE() {
        try (TestServer s = new TestServer(dir)) {
            for (String path : List.of("/api/tasks", "/api/health", "/static/app.css", "/", "/tasks/TASK-1", "/api/events/stream")) {
                var r = s.send(s.request(path).header("Host", "evil.example:" + s.server.port()));
                assertThat(r.status()).as(path).isEqualTo(403);
                assertThat(r.code()).as(path).isEqualTo("FORBIDDEN_HOST");
            }
            assertThat(s.send(s.request("/api/health").header("Host", "localhost:1")).status()).isEqualTo(200);
            assertThat(s.send(s.request("/api/health").header("Host", "[::1]:80")).status()).isEqualTo(200);
        }
    }

    @Test
    void a_host_listed_in_allowed_hosts_is_accepted() {
        try (TestServer s = new TestServer(dir, c -> c.withToken(null, List.of("backlog.lan")))) {
            assertThat(s.send(s.request("/api/tasks").header("Host", "backlog.lan:8080")).status()).isEqualTo(200);
            assertThat(s.send(s.request("/api/tasks").header("Host", "other.lan")).status()).isEqualTo(403);
        }
    }

    @Test
    void a_write_from_a_foreign_Origin_is_403_FORBIDDEN_ORIGIN_and_writes_nothing() {
        try (TestServer s = new TestServer(dir)) {
            long before = s.get("/api/tasks").json().at("/page/total").asLong();
            for (String origin : List.of("http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1:" + s.server.port(), "null")) {
                var r = s.send(s.request("/api/tasks").header("Origin", origin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"csrf\"}")));
                assertThat(r.status()).as(origin).isEqualTo(403);
                assertThat(r.code()).as(origin).isEqualTo("FORBIDDEN_ORIGIN");
            }
            assertThat(s.get("/api/tasks").json().at("/page/total").asLong()).isEqualTo(before);
            var own = s.send(s.request("/api/tasks").header("Origin", "http://localhost:" + s.server.port())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"ok\"}")));
            assertThat(own.status()).isEqualTo(201);
        }
    }

    @Test
    void Sec_Fetch_Site_cross_site_is_403_on_writes() {
        try (TestServer s = new TestServer(dir)) {
            var r = s.send(s.request("/api/tasks").header("Sec-Fetch-Site", "cross-site").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"csrf\"}")));
            assertThat(r.status()).isEqualTo(403);
            assertThat(r.code()).isEqualTo("FORBIDDEN_ORIGIN");
            var same = s.send(s.request("/api/tasks").header("Sec-Fetch-Site", "same-origin").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"fine\"}")));
            assertThat(same.status()).isEqualTo(201);
        }
    }

    @Test
    void no_CORS_header_is_ever_sent_and_a_preflight_is_refused() {
        try (TestServer s = new TestServer(dir)) {
            var pre = s.send(s.request("/api/tasks").header("Origin", "http://evil.example").header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertThat(pre.status()).isEqualTo(405);
            var get = s.send(s.request("/api/tasks").header("Origin", "http://evil.example"));
            for (var r : List.of(pre, get)) {
                assertThat(r.headers().map().keySet()).noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
            }
        }
    }

    @Test
    void every_response_carries_the_security_headers_and_API_responses_no_store() {
        try (TestServer s = new TestServer(dir)) {
            for (String path : List.of("/api/tasks", "/api/nope", "/", "/static/app.js", "/static/missing.js")) {
                var r = s.get(path);
                assertThat(r.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
                assertThat(r.header("Referrer-Policy")).as(path).isEqualTo("no-referrer");
                assertThat(r.header("Content-Security-Policy")).as(path)
                        .isEqualTo("default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'");
            }
            assertThat(s.get("/api/tasks").header("Cache-Control")).isEqualTo("no-store");
            assertThat(s.get("/api/nope").header("Cache-Control")).isEqualTo("no-store");
            var index = s.get("/projects");
            assertThat(index.status()).isEqualTo(200);
            assertThat(index.header("Content-Type")).startsWith("text/html");
            assertThat(index.text()).contains("<title>backlog</title>").doesNotContain("http://", "https://");
            assertThat(s.get("/static/app.css").header("Content-Type")).startsWith("text/css");
            assertThat(s.get("/static/missing.js").status()).isEqualTo(404);
            assertThat(s.send(s.request("/").POST(HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(405);
        }
    }

    @Test
    void with_a_token_API_requests_without_or_with_a_wrong_one_are_401_and_health_is_open() {
        try (TestServer s = new TestServer(dir, c -> c.withToken(TOKEN, List.of()))) {
            assertThat(s.get("/api/tasks").status()).isEqualTo(401);
            assertThat(s.get("/api/tasks").code()).isEqualTo("UNAUTHORIZED");
            assertThat(s.get("/api/nope").status()).isEqualTo(401);
            assertThat(s.send(s.request("/api/tasks").header("Authorization", "Bearer wrong")).status()).isEqualTo(401);
            assertThat(s.send(s.request("/api/tasks").header("Authorization", "Bearer " + TOKEN + "x")).status()).isEqualTo(401);
            assertThat(s.send(s.request("/api/tasks").header("Authorization", "Basic " + TOKEN)).status()).isEqualTo(401);
            assertThat(s.send(s.request("/api/events/stream").header("Accept", "text/event-stream")).status()).isEqualTo(401);
            assertThat(s.send(s.request("/api/tasks").header("Authorization", "Bearer " + TOKEN)).status()).isEqualTo(200);
            assertThat(s.get("/api/health").status()).isEqualTo(200);
            assertThat(s.server.url()).endsWith("/?token=" + TOKEN);
        }
    }

    @Test
    void the_token_in_the_URL_is_exchanged_once_for_an_HttpOnly_SameSite_Strict_cookie_and_a_redirect() {
        try (TestServer s = new TestServer(dir, c -> c.withToken(TOKEN, List.of()))) {
            var r = s.get("/?token=" + TOKEN);
            assertThat(r.status()).isEqualTo(303);
            assertThat(r.header("Location")).isEqualTo("/");
            String cookie = r.header("Set-Cookie");
            assertThat(cookie).startsWith(Gate.COOKIE + "=").contains("HttpOnly").containsIgnoringCase("SameSite=Strict").contains("Path=/");
            String value = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
            assertThat(value).isNotEqualTo(TOKEN).hasSizeGreaterThan(30);
            assertThat(s.send(s.request("/api/tasks").header("Cookie", Gate.COOKIE + "=" + value)).status()).isEqualTo(200);
            assertThat(s.send(s.request("/api/tasks").header("Cookie", Gate.COOKIE + "=" + TOKEN)).status()).isEqualTo(401);
            assertThat(s.get("/tasks?token=" + TOKEN + "&view=board").header("Location")).isEqualTo("/tasks?view=board");
            var wrong = s.get("/?token=guess");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.header("Set-Cookie")).isNull();
        }
    }

    @Test
    void a_non_loopback_bind_without_a_token_is_refused_before_binding() {
        Path db = TestServer.init(dir);
        for (String host : List.of("0.0.0.0", "192.168.1.20", "example.com", "::")) {
            WebConfig c = WebConfig.of(db, Settings.defaults(), TestServer.ACTOR, () -> null, "test").withBind(host, 0);
            assertThatThrownBy(() -> WebServer.start(c)).isInstanceOfSatisfying(BacklogException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
                assertThat(e.details().get("field")).isEqualTo("host");
            });
        }
        WebConfig withToken = WebConfig.of(db, Settings.defaults(), TestServer.ACTOR, () -> null, "test").withBind("0.0.0.0", 0)
                .withToken(TOKEN, List.of());
        try (WebServer server = WebServer.start(withToken)) {
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void an_invalid_X_Backlog_Actor_is_400_INVALID_ACTOR_on_reads_writes_and_pages() {
        try (TestServer s = new TestServer(dir)) {
            for (var b : List.of(s.request("/api/tasks"), s.request("/"), s.request("/api/no/such/route"), s.request("/api/tasks").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")))) {
                var r = s.send(b.header("X-Backlog-Actor", "robot:x"));
                assertThat(r.status()).isEqualTo(400);
                assertThat(r.code()).isEqualTo("INVALID_ACTOR");
            }
            var signed = s.send(s.request("/api/tasks").header("X-Backlog-Actor", "AI:claude-1").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"signed\"}")));
            assertThat(signed.json().get("actor").get("kind").asText()).isEqualTo("ai");
            assertThat(signed.json().get("actor").get("name").asText()).isEqualTo("claude-1");
            assertThat(s.post("/api/tasks", "{\"title\":\"default\"}").json().get("actor").get("name").asText()).isEqualTo("tester");
        }
    }

    @Test
    void a_JSON_write_without_application_json_is_415() {
        try (TestServer s = new TestServer(dir)) {
            for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")) {
                var r = s.send(s.request("/api/tasks").header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));
                assertThat(r.status()).as(type).isEqualTo(415);
                assertThat(r.code()).as(type).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
            }
            var untyped = s.send(s.request("/api/tasks").POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}")));
            assertThat(untyped.status()).isEqualTo(415);
            assertThat(s.send(s.request("/api/tasks").header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"x\"}"))).status()).isEqualTo(201);
        }
    }

    @Test
    void an_oversize_body_is_413_before_the_client_has_sent_it() throws IOException {
        try (TestServer s = new TestServer(dir); Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 3000000\r\n\r\n{\"title\":")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE").contains("\"limit\":2097152");
        }
    }

    @Test
    void a_chunked_body_over_the_limit_is_413_after_reading_only_the_limit() throws IOException {
        try (TestServer s = new TestServer(dir); Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(10000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 << 10];
            java.util.Arrays.fill(chunk, (byte) ' ');
            String response = null;
            try {
                for (int i = 0; i < 40; i++) { // 2.5 MiB
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server may close its side before the client finished: that is the point
            }
            response = readResponse(socket.getInputStream());
            assertThat(response).startsWith("HTTP/1.1 413").contains("PAYLOAD_TOO_LARGE");
        }
    }

    @Test
    void a_client_that_stalls_in_its_headers_is_disconnected_after_the_header_timeout() throws IOException {
        try (TestServer s = new TestServer(dir, c -> c.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)));
             Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(8000);
            socket.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: loc".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            String response = readResponse(socket.getInputStream());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(response).doesNotStartWith("HTTP/1.1 200");
            assertThat(ms).isBetween(500L, 7000L);
        }
    }

    @Test
    void a_client_that_stalls_in_its_body_is_disconnected_after_the_request_timeout() throws IOException {
        try (TestServer s = new TestServer(dir, c -> c.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2)));
             Socket socket = new Socket("127.0.0.1", s.server.port())) {
            socket.setSoTimeout(8000);
            socket.getOutputStream().write(("POST /api/tasks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"title\"").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long start = System.nanoTime();
            String response = readResponse(socket.getInputStream());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(response).doesNotStartWith("HTTP/1.1 201");
            assertThat(ms).isBetween(500L, 7000L);
            assertThat(s.get("/api/tasks").json().at("/page/total").asLong()).isZero();
        }
    }

    /** Everything the server sends until it closes the connection or the response is complete (Content-Length). */
    private static String readResponse(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] b = new byte[8192];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                buf.write(b, 0, n);
                String text = buf.toString(StandardCharsets.UTF_8);
                int headersEnd = text.indexOf("\r\n\r\n");
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(text);
                if (headersEnd > 0 && m.find() && buf.size() >= headersEnd + 4 + Integer.parseInt(m.group(1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            return buf.toString(StandardCharsets.UTF_8) + "<timeout>";
        } catch (IOException e) {
            // connection reset: return what arrived
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

}
