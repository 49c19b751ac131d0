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
import dev.backlog.projector.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The server's SQLite connections: one write connection, owned by one writer thread that group-commits the queued
 * write requests (SQLite has one writer anyway; other processes are waited for inside {@code BEGIN IMMEDIATE}), and a
 * small pool of read connections (WAL readers never block). Each connection has its own services, because {@link Db} and the
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

    /** One write request waiting for the writer thread. */
    private record Job<T>(Actor actor, Function<Writer, T> body, CompletableFuture<T> result) {
        void run(Writer w, Map<Job<?>, Object> done) {
            w.actor = actor;
            done.put(this, body.apply(w));
        }

        @SuppressWarnings("unchecked")
        void complete(Object value) {
            result.complete((T) value);
        }
    }

    /** Most commands one commit may carry. */
    static final int BATCH = 64;

    private final Writer writer;
    private final Db writeDb;
    private final BlockingQueue<Job<?>> jobs = new LinkedBlockingQueue<>();
    private final Thread writerThread;
    private volatile boolean running = true;
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
        this.writerThread = Thread.ofPlatform().daemon().name("backlog-writer").start(this::writeLoop);
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

    /**
     * Runs a write (and the read that renders its result) on the write connection, as {@code actor}, and returns once
     * it is committed. Writes queue for the one writer thread, which runs whatever has queued up (at most
     * {@value #BATCH}) as one group commit ({@link Transactions#batch}): each command is still atomic and decided
     * inside the write lock, but N of them share one WAL sync.
     */
    <T> T write(Actor actor, Function<Writer, T> body) {
        Job<T> job = new Job<>(actor, body, new CompletableFuture<>());
        if (!running) {
            throw stopping();
        }
        jobs.add(job);
        try {
            return job.result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new BacklogException(ErrorCode.INTERNAL, "write failed: " + e.getCause(), Map.of(), e.getCause());
        }
    }

    private void writeLoop() {
        while (running) {
            Job<?> first;
            try {
                first = jobs.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                continue;
            }
            List<Job<?>> batch = new ArrayList<>(List.of(first));
            jobs.drainTo(batch, BATCH - 1);
            runBatch(batch);
        }
        for (Job<?> j; (j = jobs.poll()) != null; ) {
            j.result.completeExceptionally(stopping());
        }
    }

    private void runBatch(List<Job<?>> batch) {
        Map<Job<?>, Object> done = new HashMap<>();
        Map<Job<?>, Throwable> failed = new HashMap<>();
        try {
            Transactions.batch(writeDb, () -> {
                for (Job<?> job : batch) {
                    try {
                        job.run(writer, done);
                    } catch (Transactions.BatchLost e) {
                        throw e;
                    } catch (RuntimeException | Error e) {
                        failed.put(job, e);
                    } finally {
                        writer.actor = null;
                    }
                }
            });
        } catch (RuntimeException | Error e) {
            for (Job<?> job : batch) { // nothing of the batch was committed
                job.result.completeExceptionally(failed.getOrDefault(job, e));
            }
            return;
        }
        for (Job<?> job : batch) {
            if (failed.containsKey(job)) {
                job.result.completeExceptionally(failed.get(job));
            } else {
                job.complete(done.get(job));
            }
        }
    }

    private static BacklogException stopping() {
        return new BacklogException(ErrorCode.WORKSPACE_BUSY, "the server is stopping", Map.of("timeout_ms", 0));
    }

    private BacklogException busy() {
        return new BacklogException(ErrorCode.WORKSPACE_BUSY, "workspace is busy: no connection free within " + busyMs + " ms",
                Map.of("timeout_ms", busyMs));
    }

    @Override
    public void close() {
        running = false;
        try {
            writerThread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeDb.close();
        for (Db db : readDbs) {
            db.close();
        }
    }
}
