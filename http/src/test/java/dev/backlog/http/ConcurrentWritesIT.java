package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backlog.projector.Db;
import dev.backlog.query.QueryService;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes arriving together are group-committed; each is still decided and answered on its own. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ConcurrentWritesIT {
    @TempDir
    Path dir;

    @Test
    void concurrent_claims_of_one_task_by_different_actors_have_exactly_one_winner() throws Exception {
        try (TestServer s = new TestServer(dir); ExecutorService pool = Executors.newFixedThreadPool(32)) {
            String ref = s.task("contested");
            List<Future<TestServer.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String actor = "ai:agent-" + i;
                calls.add(pool.submit(() -> s.send(s.request("/api/tasks/" + ref + "/claim").header("X-Backlog-Actor", actor)
                        .POST(HttpRequest.BodyPublishers.noBody()))));
            }
            int won = 0;
            for (Future<TestServer.Response> f : calls) {
                TestServer.Response r = f.get();
                if (r.status() == 200) {
                    won++;
                } else {
                    assertThat(r.code()).isEqualTo("TASK_ALREADY_CLAIMED");
                }
            }
            assertThat(won).isEqualTo(1);
            assertThat(s.get("/api/tasks/" + ref + "/history?type=TaskClaimed").json().get("events")).hasSize(1);
        }
    }

    @Test
    void concurrent_creates_all_succeed_with_distinct_refs_and_an_intact_chain() throws Exception {
        try (TestServer s = new TestServer(dir); ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<TestServer.Response>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String body = i % 10 == 9 ? "{\"title\":\"\"}" : "{\"title\":\"t" + i + "\",\"labels\":[\"x\"]}";
                calls.add(pool.submit(() -> s.post("/api/tasks", body)));
            }
            Set<String> refs = new HashSet<>();
            int refused = 0;
            for (Future<TestServer.Response> f : calls) {
                TestServer.Response r = f.get();
                if (r.status() == 201) {
                    refs.add(r.json().get("ref").asText());
                } else {
                    assertThat(r.code()).isEqualTo("INVALID_ARGUMENT");
                    refused++;
                }
            }
            assertThat(refs).hasSize(180);
            assertThat(refused).isEqualTo(20);
            assertThat(s.get("/api/tasks?limit=1").json().at("/page/total").asLong()).isEqualTo(180);
            try (Db db = s.openOther()) {
                assertThat(new QueryService(db, Clock.systemUTC()).verify(null).ok()).isTrue();
            }
        }
    }
}
