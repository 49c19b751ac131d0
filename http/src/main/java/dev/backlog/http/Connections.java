package dev.backlog.http;

import dev.backlog.commands.AttachmentService;
import dev.backlog.commands.CommandService;
import dev.backlog.commands.ContextService;
import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import dev.backlog.query.QueryService;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The server's SQLite connections: one write connection, used by one request at a time (SQLite has one writer
 * anyway, and other processes are waited for by the busy handler inside {@code BEGIN IMMEDIATE}), and a small pool
 * of read connections (WAL readers never block). Each connection has its own services, because {@link Db} and the
 * services over it are not thread-safe. Thread-safe.
 */
final class Connections implements AutoCloseable {
    /** What a write sees: the services of the write connection, signed by the request's actor. */
    static final class Writer {
        private final Db db;
        private final Settings settings;
        private final Clock clock;
        private final QueryService queries;
        private final Map<Actor, CommandService> commands = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Actor, CommandService> eldest) {
                return size() > 64;
            }
        };
        private Actor actor;

        Writer(Db db, Settings settings, Clock clock) {
            this.db = db;
            this.settings = settings;
            this.clock = clock;
            this.queries = new QueryService(db, clock);
        }

        CommandService commands() {
            return commands.computeIfAbsent(actor, a -> new CommandService(db, settings, clock, a));
        }

        ContextService context() {
            return new ContextService(db, settings, clock, actor);
        }

        AttachmentService attachments() {
            return new AttachmentService(db, settings, clock, actor);
        }

        /** Reads on the write connection: they see the write just made. */
        QueryService queries() {
            return queries;
        }
    }

    private final Writer writer;
    private final Db writeDb;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<QueryService> readers;
    private final List<Db> readDbs = new ArrayList<>();
    private final long busyMs;

    Connections(Path dbFile, Settings settings, Clock clock, int readerCount) {
        this.busyMs = settings.busyTimeout().toMillis();
        this.writeDb = WorkspaceDatabase.open(dbFile, busyMs);
        this.writer = new Writer(writeDb, settings, clock);
        this.readers = new ArrayBlockingQueue<>(readerCount);
        for (int i = 0; i < readerCount; i++) {
            Db db = WorkspaceDatabase.open(dbFile, busyMs);
            readDbs.add(db);
            readers.add(new QueryService(db, clock));
        }
    }

    /** Runs a read on a pooled connection; waits at most the busy timeout for a free one ({@code WORKSPACE_BUSY}). */
    <T> T read(Function<QueryService, T> body) {
        QueryService q;
        try {
            q = readers.poll(busyMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        if (q == null) {
            throw busy();
        }
        try {
            return body.apply(q);
        } finally {
            readers.add(q);
        }
    }

    /** Runs a write (and the read that renders its result) on the write connection, as {@code actor}. */
    <T> T write(Actor actor, Function<Writer, T> body) {
        try {
            if (!writeLock.tryLock(busyMs, TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
        try {
            writer.actor = actor;
            return body.apply(writer);
        } finally {
            writer.actor = null;
            writeLock.unlock();
        }
    }

    private BacklogException busy() {
        return new BacklogException(ErrorCode.WORKSPACE_BUSY, "workspace is busy: no connection free within " + busyMs + " ms",
                Map.of("timeout_ms", busyMs));
    }

    @Override
    public void close() {
        writeLock.lock();
        try {
            writeDb.close();
        } finally {
            writeLock.unlock();
        }
        for (Db db : readDbs) {
            db.close();
        }
    }
}
