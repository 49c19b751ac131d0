package dev.backlog.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.CommandService;
import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.projector.Db;
import dev.backlog.projector.Json;
import dev.backlog.projector.WorkspaceDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A real {@link WebServer} on port 0 over a fresh workspace (project {@code api}, the default project) and a
 * {@link HttpClient} to drive it. {@code send} never throws on error statuses: tests assert on them.
 */
final class TestServer implements AutoCloseable {
    static final Actor ACTOR = Actor.parse("human:tester");

    /** One response: status, headers and the body parsed as JSON ({@code null} when empty or not JSON). */
    record Response(int status, java.net.http.HttpHeaders headers, String text) {
        JsonNode json() {
            try {
                return text.isEmpty() ? null : Json.MAPPER.readTree(text);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text, e);
            }
        }

        String code() {
            JsonNode j = json();
            return j == null ? null : j.path("error").path("code").asText(null);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    final Path dbFile;
    final WebServer server;
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final AtomicReference<String> defaultProject = new AtomicReference<>("api");

    TestServer(Path dir) {
        this(dir, c -> c);
    }

    TestServer(Path dir, UnaryOperator<WebConfig> configure) {
        this.dbFile = init(dir);
        WebConfig config = WebConfig.of(dbFile, Settings.defaults(), ACTOR, defaultProject::get, "test").withBind("127.0.0.1", 0)
                .withPing(Duration.ofMillis(300));
        this.server = WebServer.start(configure.apply(config));
    }

    /** A workspace with project {@code api}. */
    static Path init(Path dir) {
        Path file = dir.resolve(WorkspaceDatabase.FILE);
        try (Db db = WorkspaceDatabase.create("jdbc:sqlite:" + file, 5000)) {
            CommandService.initialize(db, "test", ACTOR, Clock.systemUTC(), "test");
            new CommandService(db, Settings.defaults(), Clock.systemUTC(), ACTOR).addProject("api", "API", null, null);
        }
        return file;
    }

    /** A separate connection, as another process would have, writing as {@code actor}. */
    CommandService otherWriter(Db db, Actor actor) {
        return new CommandService(db, Settings.defaults(), Clock.systemUTC(), actor);
    }

    Db openOther() {
        return WorkspaceDatabase.open(dbFile, 5000);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
    }

    Response send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response json(String method, String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)));
    }

    Response post(String path, String body) {
        return json("POST", path, body);
    }

    Response patch(String path, String body) {
        return json("PATCH", path, body);
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Creates a task in {@code api} and returns its ref. */
    String task(String title) {
        Response r = post("/api/tasks", "{\"title\":\"" + title + "\"}");
        if (r.status() != 201) {
            throw new AssertionError(r.toString());
        }
        return r.json().get("ref").asText();
    }

    @Override
    public void close() {
        server.close();
    }
}
