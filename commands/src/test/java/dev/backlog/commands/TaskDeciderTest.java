package dev.backlog.commands;

import static org.assertj.core.api.Assertions.assertThat;

import dev.backlog.model.Actor;
import dev.backlog.model.ActorKind;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Timestamps;
import dev.backlog.model.event.EventPayload;
import dev.backlog.model.event.EventPayload.*;
import dev.backlog.model.event.RecordedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The claim and status rules of SPEC §5.2 and §14, given events, when a command, then events or an error code. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class TaskDeciderTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Actor ALICE = new Actor(ActorKind.HUMAN, "alice");
    static final Actor AGENT = new Actor(ActorKind.AI, "claude-1");
    static final Actor OTHER = new Actor(ActorKind.AI, "claude-2");
    static final Optional<Duration> TWO_HOURS = Optional.of(Duration.ofHours(2));

    // ---------------------------------------------------------------- mothers

    static EventPayload created() {
        return created("todo");
    }

    static EventPayload created(String status) {
        return new TaskCreated("01JTASK00000000000000000001", 1, "01JPROJ00000000000000000001", "Title", null, "task", status, 3,
                null, null, null, null, null);
    }

    static EventPayload claimedBy(Actor a) {
        return new TaskClaimed(Timestamps.format(T0.plus(Duration.ofHours(2))), false, null);
    }

    record Given(List<RecordedEvent> events) {
        Given and(Actor by, Instant at, EventPayload p) {
            List<RecordedEvent> next = new ArrayList<>(events);
            next.add(new RecordedEvent(next.size() + 1, "E" + next.size(), "task/01JTASK00000000000000000001", next.size() + 1,
                    p.getClass().getSimpleName(), 1, by, at, at, "W", "C", p, "0", "0"));
            return new Given(next);
        }

        Then when(TaskCommand c) {
            return new Then(TaskDecider.decide(c, TaskState.fold(events)));
        }
    }

    record Then(Decision decision) {
        void thenEvents(EventPayload... expected) {
            assertThat(decision).isInstanceOf(Decision.Accepted.class);
            assertThat(((Decision.Accepted) decision).events()).containsExactly(expected);
        }

        List<EventPayload> events() {
            assertThat(decision).isInstanceOf(Decision.Accepted.class);
            return ((Decision.Accepted) decision).events();
        }

        Decision.Rejected thenRejectedWith(ErrorCode code) {
            assertThat(decision).isInstanceOf(Decision.Rejected.class);
            Decision.Rejected r = (Decision.Rejected) decision;
            assertThat(r.code()).isEqualTo(code);
            return r;
        }
    }

    static Given given(EventPayload first) {
        return new Given(List.of()).and(ALICE, T0, first);
    }

    static Given givenNothing() {
        return new Given(List.of());
    }

    static TaskCommand.Claim claim(Actor by, Instant at) {
        return new TaskCommand.Claim(at, by, TWO_HOURS);
    }

    static TaskCommand.Move move(Actor by, String to, boolean force) {
        return new TaskCommand.Move(T0.plusSeconds(60), by, to, force, null, TWO_HOURS);
    }

    // ---------------------------------------------------------------- claims

    @Test
    void claiming_a_todo_task_claims_it_and_moves_it_to_doing() {
        given(created()).when(claim(AGENT, T0)).thenEvents(
                new TaskClaimed("2026-03-01T12:00:00.000Z", false, null), new TaskStatusChanged("todo", "doing", false));
    }

    @Test
    void a_claimed_task_cannot_be_claimed_by_another_agent() {
        var r = given(created()).and(AGENT, T0, claimedBy(AGENT))
                .when(claim(OTHER, T0.plusSeconds(10))).thenRejectedWith(ErrorCode.TASK_ALREADY_CLAIMED);
        assertThat(r.details()).containsEntry("claimed_by", Map.of("kind", "ai", "name", "claude-1"));
        assertThat(r.details()).containsEntry("lease_expires_at", "2026-03-01T12:00:00.000Z");
    }

    @Test
    void the_holder_claiming_again_renews_the_lease() {
        given(created("doing")).and(AGENT, T0, claimedBy(AGENT)).when(claim(AGENT, T0.plusSeconds(3600)))
                .thenEvents(new TaskClaimed("2026-03-01T13:00:00.000Z", true, null));
    }

    @Test
    void an_expired_claim_is_superseded_and_records_the_previous_holder() {
        given(created("doing")).and(AGENT, T0, claimedBy(AGENT)).when(claim(OTHER, T0.plus(Duration.ofHours(3))))
                .thenEvents(new TaskClaimed("2026-03-01T15:00:00.000Z", false,
                        new Superseded("ai", "claude-1", "2026-03-01T12:00:00.000Z")));
    }

    @Test
    void done_and_archived_tasks_are_not_claimable() {
        given(created("done")).when(claim(AGENT, T0)).thenRejectedWith(ErrorCode.TASK_NOT_CLAIMABLE);
        given(created()).and(ALICE, T0, new TaskArchived()).when(claim(AGENT, T0)).thenRejectedWith(ErrorCode.TASK_NOT_CLAIMABLE);
    }

    @Test
    void a_never_expiring_lease_has_no_expiry() {
        given(created()).when(new TaskCommand.Claim(T0, AGENT, Optional.empty()))
                .thenEvents(new TaskClaimed(null, false, null), new TaskStatusChanged("todo", "doing", false));
    }

    @Test
    void a_deleted_or_missing_task_is_not_found() {
        givenNothing().when(claim(AGENT, T0)).thenRejectedWith(ErrorCode.TASK_NOT_FOUND);
        given(created()).and(ALICE, T0, new TaskDeleted()).when(claim(AGENT, T0)).thenRejectedWith(ErrorCode.TASK_NOT_FOUND);
    }

    // ---------------------------------------------------------------- release

    @Test
    void the_holder_releasing_returns_a_doing_task_to_todo() {
        given(created()).and(AGENT, T0, claimedBy(AGENT)).and(AGENT, T0, new TaskStatusChanged("todo", "doing", false))
                .when(new TaskCommand.Release(T0, AGENT, null, false))
                .thenEvents(new TaskReleased("released", new Holder("ai", "claude-1")), new TaskStatusChanged("doing", "todo", false));
    }

    @Test
    void a_non_holder_cannot_release_without_force() {
        given(created()).and(AGENT, T0, claimedBy(AGENT)).when(new TaskCommand.Release(T0, OTHER, null, false))
                .thenRejectedWith(ErrorCode.NOT_CLAIM_HOLDER);
    }

    @Test
    void a_forced_release_by_a_non_holder_is_recorded_as_forced() {
        given(created("doing")).and(AGENT, T0, claimedBy(AGENT)).when(new TaskCommand.Release(T0, ALICE, "review", true))
                .thenEvents(new TaskReleased("forced", new Holder("ai", "claude-1")), new TaskStatusChanged("doing", "review", true));
    }

    @Test
    void releasing_an_unclaimed_task_writes_nothing() {
        given(created()).when(new TaskCommand.Release(T0, AGENT, null, false)).thenEvents();
    }

    // ---------------------------------------------------------------- moves

    @Test
    void moving_an_unclaimed_task_to_doing_claims_it_for_the_mover() {
        var events = given(created()).when(move(AGENT, "doing", false)).events();
        assertThat(events.get(0)).isEqualTo(new TaskStatusChanged("todo", "doing", false));
        assertThat(events.get(1)).isInstanceOf(TaskClaimed.class);
    }

    @Test
    void a_status_change_by_a_non_holder_is_refused_while_the_claim_is_live() {
        given(created("doing")).and(AGENT, T0, claimedBy(AGENT)).when(move(OTHER, "review", false))
                .thenRejectedWith(ErrorCode.TASK_ALREADY_CLAIMED);
    }

    @Test
    void a_forced_move_to_doing_releases_the_old_claim_and_claims_for_the_mover() {
        var events = given(created("doing")).and(AGENT, T0, claimedBy(AGENT)).when(move(OTHER, "todo", true)).events();
        assertThat(events).startsWith(new TaskReleased("forced", new Holder("ai", "claude-1")),
                new TaskStatusChanged("doing", "todo", true));
        var toDoing = given(created("review")).and(AGENT, T0, claimedBy(AGENT)).when(move(OTHER, "doing", true)).events();
        assertThat(toDoing).hasSize(3);
        assertThat(toDoing.get(2)).isInstanceOf(TaskClaimed.class);
    }

    @Test
    void the_holder_completing_releases_the_claim_as_completed() {
        given(created("doing")).and(AGENT, T0, claimedBy(AGENT)).when(move(AGENT, "done", false))
                .thenEvents(new TaskStatusChanged("doing", "done", false), new TaskReleased("completed", new Holder("ai", "claude-1")));
    }

    @Test
    void the_holder_moving_to_review_keeps_the_claim() {
        given(created("doing")).and(AGENT, T0, claimedBy(AGENT)).when(move(AGENT, "review", false))
                .thenEvents(new TaskStatusChanged("doing", "review", false));
    }

    @Test
    void moving_to_the_same_status_writes_nothing() {
        given(created()).when(move(ALICE, "todo", false)).thenEvents();
    }

    @Test
    void a_stale_base_version_is_refused() {
        var r = given(created()).and(ALICE, T0, new TaskUpdated(Map.of("title", "New")))
                .when(new TaskCommand.Move(T0, ALICE, "review", false, 1L, TWO_HOURS)).thenRejectedWith(ErrorCode.STALE_VERSION);
        assertThat(r.details()).containsEntry("expected_version", 1L).containsEntry("actual_version", 2L);
    }

    // ---------------------------------------------------------------- edits, links, labels, archive

    @Test
    void an_update_writes_only_the_fields_that_change() {
        given(created()).when(new TaskCommand.Update(T0, OTHER, Map.of("title", "Title", "priority", 1), null, false, null, TWO_HOURS))
                .thenEvents(new TaskUpdated(Map.of("priority", 1)));
    }

    @Test
    void non_holders_may_edit_a_claimed_task() {
        given(created("doing")).and(AGENT, T0, claimedBy(AGENT))
                .when(new TaskCommand.Update(T0, OTHER, Map.of("assignee", "bob"), null, false, null, TWO_HOURS))
                .thenEvents(new TaskUpdated(Map.of("assignee", "bob")));
    }

    @Test
    void linking_twice_and_unlinking_an_absent_link_write_nothing() {
        Given linked = given(created()).and(ALICE, T0, new TaskLinked("blocks", "B"));
        linked.when(new TaskCommand.Link(T0, ALICE, "B", true)).thenEvents();
        given(created()).when(new TaskCommand.Link(T0, ALICE, "B", false)).thenEvents();
        linked.when(new TaskCommand.Link(T0, ALICE, "B", false)).thenEvents(new TaskUnlinked("blocks", "B"));
    }

    @Test
    void attaching_an_attached_label_writes_nothing() {
        given(created()).and(ALICE, T0, new LabelAttached("L1", "bug")).when(new TaskCommand.Label(T0, ALICE, "L1", "bug", true))
                .thenEvents();
    }

    @Test
    void archiving_releases_the_claim_and_archiving_twice_writes_nothing() {
        Given claimed = given(created("doing")).and(AGENT, T0, claimedBy(AGENT));
        claimed.when(new TaskCommand.Archive(T0, ALICE, true))
                .thenEvents(new TaskReleased("archived", new Holder("ai", "claude-1")), new TaskArchived());
        claimed.and(ALICE, T0, new TaskArchived()).when(new TaskCommand.Archive(T0, ALICE, true)).thenEvents();
    }

    @Test
    void folding_events_split_at_any_point_gives_the_same_state() {
        Given g = given(created()).and(AGENT, T0, claimedBy(AGENT)).and(AGENT, T0, new TaskStatusChanged("todo", "doing", false))
                .and(ALICE, T0, new LabelAttached("L1", "x")).and(ALICE, T0, new TaskUpdated(Map.of("title", "T2")))
                .and(ALICE, T0, new TaskLinked("blocks", "B"));
        TaskState whole = TaskState.fold(g.events());
        for (int split = 0; split <= g.events().size(); split++) {
            TaskState s = TaskState.fold(g.events().subList(0, split));
            for (RecordedEvent e : g.events().subList(split, g.events().size())) {
                s = s.evolve(e);
            }
            assertThat(s).isEqualTo(whole);
        }
    }
}
