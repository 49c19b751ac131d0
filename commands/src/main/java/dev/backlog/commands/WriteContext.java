package dev.backlog.commands;

import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.event.NewEvent;
import dev.backlog.model.event.RecordedEvent;
import dev.backlog.projector.Db;
import dev.backlog.projector.Lookup;
import dev.backlog.projector.Projector;
import dev.backlog.projector.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every command service shares: the connection, the event store with its projector, reference lookups, the
 * actor and one clock reading per command. Not thread-safe: one per connection.
 */
final class WriteContext {
    private static final String WORKSPACE_ID = "SELECT workspace_id FROM workspace";
    private static final String LAST_EVENT = "SELECT actor_kind, actor_name, occurred_at FROM events WHERE stream = ? ORDER BY seq DESC LIMIT 1";
    final Db db;
    final Settings settings;
    final Actor actor;
    final Lookup lookup;
    final EventStore store;
    private final Clock clock;
    private Instant commandTime;

    WriteContext(Db db, Settings settings, Clock clock, Actor actor) {
        this.db = db;
        this.settings = settings;
        this.clock = clock;
        this.actor = actor;
        this.lookup = new Lookup(db);
        this.store = new EventStore(db, new Projector(db));
    }

    /** One command: the write transaction, with one clock reading shared by the decision and every event. */
    <T> T write(Supplier<T> body) {
        return Transactions.write(db, () -> {
            commandTime = clock.instant();
            try {
                return body.get();
            } finally {
                commandTime = null;
            }
        });
    }

    /** Appends the events of one command with one correlation id. */
    List<RecordedEvent> append(List<NewEvent> events) {
        return events.isEmpty() ? List.of() : store.append(events, actor, Ids.next(), now(), origin());
    }

    List<RecordedEvent> append(NewEvent event) {
        return append(List.of(event));
    }

    /** {@code STALE_VERSION} naming the stream, both versions, and who wrote the newer version when. */
    BacklogException stale(String stream, long expected, long actual, String message) {
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("stream", stream);
        d.put("expected_version", expected);
        d.put("actual_version", actual);
        db.one(LAST_EVENT, rs -> {
            d.put("last_actor", TaskDecider.actor(TaskState.actorOf(rs.getString(1), rs.getString(2))));
            d.put("last_at", rs.getString(3));
            return null;
        }, stream);
        return new BacklogException(ErrorCode.STALE_VERSION, message, d);
    }

    Instant now() {
        return commandTime != null ? commandTime : clock.instant();
    }

    String origin() {
        return db.string(WORKSPACE_ID);
    }
}
