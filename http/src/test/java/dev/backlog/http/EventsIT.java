package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.model.Actor;
import dev.backlog.projector.Db;
import dev.backlog.projector.Json;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/events} and the SSE stream of §8.4. Writes by "another process" use their own connection. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class EventsIT {
    @TempDir
    Path dir;
    TestServer s;

    @BeforeEach
    void start() {
        s = new TestServer(dir);
    }

    @AfterEach
    void stop() {
        s.close();
    }

    @Test
    void GET_events_lists_the_log_after_a_seq_oldest_first_with_last_seq() {
        s.task("one");
        s.task("two");
        JsonNode all = s.get("/api/events").json();
        List<Long> seqs = new ArrayList<>();
        all.get("events").forEach(e -> seqs.add(e.get("seq").asLong()));
        assertThat(seqs).isSorted().startsWith(1L);
        assertThat(all.get("last_seq").asLong()).isEqualTo(seqs.get(seqs.size() - 1));
        JsonNode page = s.get("/api/events?after=1&limit=1").json();
        assertThat(page.get("events")).hasSize(1);
        assertThat(page.get("events").get(0).get("seq").asLong()).isEqualTo(2);
        assertThat(page.get("last_seq").asLong()).isEqualTo(2);
        assertThat(page.get("events").get(0).has("summary")).isTrue();
        JsonNode none = s.get("/api/events?after=" + all.get("last_seq").asLong()).json();
        assertThat(none.get("events")).isEmpty();
        assertThat(none.get("last_seq").asLong()).isEqualTo(all.get("last_seq").asLong());
        assertThat(s.get("/api/events?limit=5001").status()).isEqualTo(400);
        assertThat(s.get("/api/events?after=-1").code()).isEqualTo("INVALID_ARGUMENT");
    }

    @Test
    void the_stream_without_after_starts_at_the_head_and_delivers_a_write_of_another_connection_within_a_second() throws Exception {
        s.task("old news");
        long head = s.get("/api/events").json().get("last_seq").asLong();
        try (SseClient sse = new SseClient(s.uri("/api/events/stream"), Map.of()); Db other = s.openOther()) {
            assertThat(sse.status).isEqualTo(200);
            assertThat(sse.contentType).startsWith("text/event-stream");
            assertThat(sse.next(Duration.ofSeconds(5)).isPing()).isTrue();
            long written = System.nanoTime();
            CommandService.Written w = s.otherWriter(other, Actor.parse("ai:elsewhere")).addTask(
                    new NewTask("api", "breaking", null, null, null, null, null, null, null, null, null, List.of(), List.of()));
            SseClient.Message m = sse.nextEvent(Duration.ofSeconds(5));
            long ms = (System.nanoTime() - written) / 1_000_000;
            assertThat(m).isNotNull();
            assertThat(ms).isLessThan(1000);
            assertThat(Long.parseLong(m.id())).isGreaterThan(head).isEqualTo(w.events().get(0).seq());
            assertThat(m.event()).isEqualTo("TaskCreated");
            JsonNode data = Json.MAPPER.readTree(m.data());
            assertThat(data.get("seq").asLong()).isEqualTo(Long.parseLong(m.id()));
            assertThat(data.get("actor_name").asText()).isEqualTo("elsewhere");
            assertThat(data.get("summary").asText()).contains("breaking");
        }
    }

    @Test
    void the_stream_replays_after_the_after_parameter_or_Last_Event_ID() throws Exception {
        s.task("a");
        s.task("b");
        try (SseClient sse = new SseClient(s.uri("/api/events/stream?after=1"), Map.of())) {
            List<SseClient.Message> replayed = sse.drain(Duration.ofMillis(800));
            assertThat(replayed).extracting(SseClient.Message::id).containsExactly("2", "3", "4");
        }
        try (SseClient sse = new SseClient(s.uri("/api/events/stream?after=1"), Map.of("Last-Event-ID", "3"))) {
            assertThat(sse.drain(Duration.ofMillis(800))).extracting(SseClient.Message::id).containsExactly("4");
        }
    }

    @Test
    void more_than_1000_missed_events_give_one_reset_instead_of_a_replay() throws Exception {
        try (Db other = s.openOther()) {
            CommandService writer = s.otherWriter(other, Actor.parse("ai:bulk"));
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                labels.add("l" + i);
            }
            for (int i = 0; i < 21; i++) { // 21 × (TaskCreated + 50 LabelAttached) = 1071 events
                writer.addTask(new NewTask("api", "bulk " + i, null, null, null, null, null, null, null, null, null, labels, List.of()));
            }
        }
        try (SseClient sse = new SseClient(s.uri("/api/events/stream?after=0"), Map.of())) {
            List<SseClient.Message> got = sse.drain(Duration.ofSeconds(1));
            assertThat(got).hasSize(1);
            assertThat(got.get(0).event()).isEqualTo("reset");
        }
    }

    @Test
    void the_stream_sends_ping_comments_at_the_configured_interval() throws Exception {
        try (SseClient sse = new SseClient(s.uri("/api/events/stream"), Map.of())) {
            int pings = 0;
            long start = System.nanoTime();
            while (pings < 4 && System.nanoTime() - start < 5_000_000_000L) {
                SseClient.Message m = sse.next(Duration.ofSeconds(2));
                if (m != null && m.isPing()) {
                    pings++;
                }
            }
            assertThat(pings).isEqualTo(4);
            assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(800); // 3 intervals of 300 ms
        }
    }
}
