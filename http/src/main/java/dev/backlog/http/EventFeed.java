package dev.backlog.http;

import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import dev.backlog.query.QueryService;
import dev.backlog.query.Views.EventView;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * New events for the SSE streams (§8.4). One thread polls {@code PRAGMA data_version} on its own connection every
 * {@code pollInterval}: the value changes whenever any other connection (this server's writer or another process)
 * commits, so writes of other processes are seen within one interval. It then reads the events after the last seq
 * it saw and offers each to every subscriber. Thread-safe.
 */
final class EventFeed implements AutoCloseable {
    /** A subscriber's queue overflowed; it must resynchronise (SSE {@code event: reset}). */
    static final EventView OVERFLOW = new EventView(-1, null, null, 0, "overflow", 0, null, null, null, null, null, null, null, null,
            null, null, null, null);
    private static final String DATA_VERSION = "PRAGMA data_version";
    private static final int BATCH = 500;

    /** One SSE client's inbox. */
    static final class Subscription implements AutoCloseable {
        final BlockingQueue<EventView> queue = new ArrayBlockingQueue<>(2000);
        private final EventFeed feed;
        private volatile boolean overflowed;

        private Subscription(EventFeed feed) {
            this.feed = feed;
        }

        void offer(EventView e) {
            if (!overflowed && !queue.offer(e)) {
                overflowed = true;
                queue.clear();
                queue.offer(OVERFLOW);
            }
        }

        /** Called by the consumer after it handled {@link #OVERFLOW}. */
        void resynced() {
            overflowed = false;
        }

        @Override
        public void close() {
            feed.subscribers.remove(this);
        }
    }

    private final Db db;
    private final QueryService queries;
    private final Duration pollInterval;
    private final Set<Subscription> subscribers = ConcurrentHashMap.newKeySet();
    private final Thread poller;
    private volatile long head;
    private volatile boolean running = true;

    EventFeed(Path dbFile, long busyTimeoutMs, Duration pollInterval) {
        this.db = WorkspaceDatabase.open(dbFile, busyTimeoutMs);
        this.queries = new QueryService(db, Clock.systemUTC());
        this.pollInterval = pollInterval;
        this.head = queries.headSeq();
        this.poller = Thread.ofPlatform().daemon().name("backlog-event-feed").unstarted(this::run);
        poller.start();
    }

    Subscription subscribe() {
        Subscription s = new Subscription(this);
        subscribers.add(s);
        return s;
    }

    private void run() {
        long version = dataVersion();
        while (running) {
            try {
                Thread.sleep(pollInterval.toMillis());
                long v = dataVersion();
                if (v != version) {
                    version = v;
                    deliver();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                System.err.println("warning: event feed: " + e.getMessage());
            }
        }
    }

    private void deliver() {
        while (true) {
            List<EventView> batch = queries.events(head, BATCH).events();
            for (EventView e : batch) {
                for (Subscription s : subscribers) {
                    s.offer(e);
                }
                head = e.seq();
            }
            if (batch.size() < BATCH) {
                return;
            }
        }
    }

    private long dataVersion() {
        return db.count(DATA_VERSION);
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
        try {
            poller.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        db.close();
    }
}
