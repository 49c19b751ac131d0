package dev.backlog.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.backlog.model.Actor;
import dev.backlog.model.ActorKind;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.event.EventPayload.ProjectCreated;
import dev.backlog.model.event.EventPayload.ProjectUpdated;
import dev.backlog.model.event.EventPayload.WorkspaceCreated;
import dev.backlog.model.event.NewEvent;
import dev.backlog.model.event.RecordedEvent;
import dev.backlog.projector.Db;
import dev.backlog.projector.EventCodec;
import dev.backlog.projector.Projector;
import dev.backlog.projector.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * What every event store must guarantee, written once and run against each storage (occurrent's TCK idea).
 * Subclasses supply a fresh, migrated database. Concurrency across processes is covered by the CLI's ITs.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
abstract class EventStoreContract {
    static final Actor ACTOR = new Actor(ActorKind.AI, "tck");
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00.000Z");
    protected Db db;
    protected EventStore store;

    protected abstract Db newDatabase();

    @BeforeEach
    void open() {
        db = newDatabase();
        store = new EventStore(db, new Projector(db));
        append(List.of(new NewEvent("workspace/W", 0, new WorkspaceCreated("W", "tck", "1"))), T0);
    }

    @AfterEach
    void close() {
        db.close();
    }

    List<RecordedEvent> append(List<NewEvent> events, Instant at) {
        return Transactions.write(db, () -> store.append(events, ACTOR, "CORR" + at.toEpochMilli(), at, "W"));
    }

    static NewEvent project(String id, long expected) {
        return new NewEvent("project/" + id, expected, new ProjectCreated(id, id.toLowerCase(), id, null, null));
    }

    @Test
    void appends_get_contiguous_seqs_and_stream_versions() {
        var out = append(List.of(project("P1", 0), new NewEvent("project/P1", 0, new ProjectUpdated(Map.of("name", "x")))), T0.plusSeconds(1));
        assertThat(out).extracting(RecordedEvent::seq).containsExactly(2L, 3L);
        assertThat(out).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
        assertThat(store.version("project/P1")).isEqualTo(2);
        assertThat(store.version("project/NONE")).isZero();
    }

    @Test
    void every_hash_chains_to_the_previous_one_and_recomputes() {
        append(List.of(project("P1", 0)), T0.plusSeconds(1));
        append(List.of(project("P2", 0)), T0.plusSeconds(2));
        List<RecordedEvent> all = db.list("SELECT " + EventCodec.COLUMNS + " FROM events ORDER BY seq", EventCodec::row);
        String prev = EventCodec.ZERO_HASH;
        for (RecordedEvent e : all) {
            assertThat(e.prevHash()).isEqualTo(prev);
            String payload = db.string("SELECT payload FROM events WHERE seq = ?", e.seq());
            assertThat(EventCodec.hash(e.seq(), e.eventId(), e.stream(), e.streamVersion(), e.type(), e.schemaVersion(),
                    e.actor().kind().wire(), e.actor().name(), dev.backlog.model.Timestamps.format(e.occurredAt()),
                    dev.backlog.model.Timestamps.format(e.recordedAt()), e.origin(), e.correlationId(), payload, e.prevHash()))
                    .isEqualTo(e.hash());
            prev = e.hash();
        }
    }

    @Test
    void a_stale_expected_version_is_a_defect_and_writes_nothing() {
        append(List.of(project("P1", 0)), T0.plusSeconds(1));
        long before = db.count("SELECT count(*) FROM events");
        assertThatThrownBy(() -> append(List.of(project("P3", 0), new NewEvent("project/P1", 0,
                new ProjectUpdated(Map.of("name", "x")))), T0.plusSeconds(2)))
                .isInstanceOf(BacklogException.class).extracting(e -> ((BacklogException) e).code()).isEqualTo(ErrorCode.INTERNAL);
        assertThat(db.count("SELECT count(*) FROM events")).isEqualTo(before);
        assertThat(db.count("SELECT count(*) FROM projects WHERE project_id = 'P3'")).isZero();
    }

    @Test
    void time_and_event_ids_never_go_backwards_even_when_the_clock_does() {
        var first = append(List.of(project("P1", 0)), T0.plusSeconds(10)).get(0);
        var second = append(List.of(project("P2", 0)), T0.plusSeconds(5)).get(0);
        assertThat(second.occurredAt()).isEqualTo(first.occurredAt());
        assertThat(second.eventId()).isGreaterThan(first.eventId());
    }

    @Test
    void events_of_one_command_share_actor_and_correlation_id() {
        var out = append(List.of(project("P1", 0), project("P2", 0)), T0.plusSeconds(1));
        assertThat(out).extracting(RecordedEvent::correlationId).containsOnly(out.get(0).correlationId());
        assertThat(out).extracting(RecordedEvent::actor).containsOnly(ACTOR);
    }

    @Test
    void the_log_refuses_updates_and_deletes() {
        assertThatThrownBy(() -> db.update("UPDATE events SET type = 'X' WHERE seq = 1")).isInstanceOf(BacklogException.class)
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.update("DELETE FROM events WHERE seq = 1")).isInstanceOf(BacklogException.class)
                .hasMessageContaining("append-only");
    }

    @Test
    void reading_a_stream_returns_its_events_in_order_with_typed_payloads() {
        append(List.of(project("P1", 0), new NewEvent("project/P1", 0, new ProjectUpdated(Map.of("name", "renamed")))), T0.plusSeconds(1));
        var events = store.read("project/P1");
        assertThat(events).extracting(RecordedEvent::type).containsExactly("ProjectCreated", "ProjectUpdated");
        assertThat(events.get(1).payload()).isEqualTo(new ProjectUpdated(Map.of("name", "renamed")));
    }

    @Test
    void projections_commit_with_their_events_and_roll_back_with_them() {
        append(List.of(project("P1", 0)), T0.plusSeconds(1));
        assertThat(db.string("SELECT alias FROM projects WHERE project_id = 'P1'")).isEqualTo("p1");
        assertThatThrownBy(() -> Transactions.write(db, () -> {
            store.append(List.of(project("P9", 0)), ACTOR, "C", T0.plusSeconds(2), "W");
            throw new IllegalStateException("fail after append");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(db.count("SELECT count(*) FROM projects WHERE project_id = 'P9'")).isZero();
        assertThat(db.count("SELECT count(*) FROM events WHERE stream = 'project/P9'")).isZero();
    }
}
