package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.projector.Db;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cached task lists never answer with stale data: other connections' writes and lease expiry end an entry. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class ListCacheIT {
    @TempDir
    Path dir;

    private static NewTask task(String title) {
        return new NewTask("api", title, null, null, null, null, null, null, null, null, null, List.of(), List.of());
    }

    @Test
    void GET_tasks_shows_a_task_written_by_another_connection_on_the_very_next_request() {
        try (TestServer s = new TestServer(dir); Db other = s.openOther()) {
            s.task("first");
            assertThat(s.get("/api/tasks").json().at("/page/total").asLong()).isEqualTo(1);
            assertThat(s.get("/api/tasks").json().at("/page/total").asLong()).isEqualTo(1);
            s.otherWriter(other, Actor.parse("ai:other")).addTask(task("second"));
            JsonNode after = s.get("/api/tasks").json();
            assertThat(after.at("/page/total").asLong()).isEqualTo(2);
            assertThat(s.get("/api/tasks?limit=1").json().get("tasks")).hasSize(1);
        }
    }

    @Test
    void GET_tasks_reports_a_claim_as_expired_once_its_lease_ran_out_without_any_new_event() throws Exception {
        try (TestServer s = new TestServer(dir); Db other = s.openOther()) {
            String ref = s.task("leased");
            // a claim made "59 s ago" with the minimum lease of 1 minute: it expires about a second from now
            Instant expires = Instant.now().plusMillis(1200);
            Clock past = Clock.fixed(expires.minus(Duration.ofMinutes(1)), ZoneOffset.UTC);
            new CommandService(other, Settings.defaults(), past, Actor.parse("ai:holder")).claimTask(ref, "1m");
            JsonNode live = s.get("/api/tasks").json().get("tasks").get(0);
            assertThat(live.at("/claim/expired").asBoolean()).isFalse();
            assertThat(live.get("ready").asBoolean()).isFalse();
            assertThat(s.get("/api/tasks").json().get("tasks").get(0).at("/claim/expired").asBoolean()).isFalse();
            Thread.sleep(Math.max(0, Duration.between(Instant.now(), expires).toMillis()) + 100);
            JsonNode expired = s.get("/api/tasks").json().get("tasks").get(0);
            assertThat(expired.at("/claim/expired").asBoolean()).isTrue();
        }
    }
}
