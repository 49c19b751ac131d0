package dev.backlog.http;

import dev.backlog.query.Inputs;
import dev.backlog.query.Views.EventView;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /api/events/stream} (§8.4): Server-Sent Events. Replays the events after {@code after} or
 * {@code Last-Event-ID} (at most {@value #REPLAY_MAX}, else one {@code event: reset}); without either it starts at
 * the current head (§14). Then it forwards the {@link EventFeed}'s events and writes {@code : ping} every
 * {@code pingInterval}. Each stream runs on its own virtual thread, so streams never hold a worker thread.
 */
final class EventStream {
    static final int REPLAY_MAX = 1000;
    private static final HttpString LAST_EVENT_ID = new HttpString("Last-Event-ID");

    private final EventFeed feed;
    private final Duration pingInterval;
    private final ExecutorService streams;
    private volatile boolean closing;

    EventStream(EventFeed feed, Duration pingInterval, ExecutorService streams) {
        this.feed = feed;
        this.pingInterval = pingInterval;
        this.streams = streams;
    }

    Reply open(Call c) {
        Long after = start(c);
        HttpServerExchange ex = c.exchange;
        ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        ex.dispatch(streams, () -> {
            try (EventFeed.Subscription sub = feed.subscribe(); OutputStream out = ex.getOutputStream()) {
                serve(c, sub, out, after);
            } catch (IOException | RuntimeException e) {
                // the client went away or the server is stopping: the stream simply ends
            } finally {
                ex.endExchange();
            }
        });
        return null;
    }

    /** Stops every stream (server shutdown): they end within one ping interval at most. */
    void close() {
        closing = true;
    }

    private static Long start(Call c) {
        String header = c.exchange.getRequestHeaders().getFirst(LAST_EVENT_ID);
        String query = c.query("after");
        if (header != null && !header.isBlank()) {
            return Inputs.nonNegative("Last-Event-ID", header);
        }
        return query == null ? null : Inputs.nonNegative("after", query);
    }

    private void serve(Call c, EventFeed.Subscription sub, OutputStream out, Long after) throws IOException {
        long cursor = after == null ? c.db.read(q -> q.headSeq()) : after;
        write(out, ": ping\n\n");
        if (after != null) {
            cursor = replay(c, out, cursor);
        }
        long pingNanos = pingInterval.toNanos();
        long nextPing = System.nanoTime() + pingNanos;
        while (!closing) {
            long wait = Math.max(1, Math.min(nextPing - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(250)));
            EventView e;
            try {
                e = sub.queue.poll(wait, TimeUnit.NANOSECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return;
            }
            if (e == EventFeed.OVERFLOW) {
                sub.resynced();
                cursor = reset(c, out);
            } else if (e != null && e.seq() > cursor) {
                send(out, e);
                cursor = e.seq();
            }
            if (System.nanoTime() >= nextPing) {
                write(out, ": ping\n\n");
                nextPing = System.nanoTime() + pingNanos;
            }
        }
    }

    private long replay(Call c, OutputStream out, long cursor) throws IOException {
        List<EventView> missed = c.db.read(q -> q.events(cursor, REPLAY_MAX + 1).events());
        if (missed.size() > REPLAY_MAX) {
            return reset(c, out);
        }
        long last = cursor;
        for (EventView e : missed) {
            send(out, e);
            last = e.seq();
        }
        return last;
    }

    /** Too much to replay: the client refetches; the stream continues from the current head of the log. */
    private static long reset(Call c, OutputStream out) throws IOException {
        long head = c.db.read(q -> q.headSeq());
        write(out, "id: " + head + "\nevent: reset\ndata: {\"last_seq\":" + head + "}\n\n");
        return head;
    }

    private static void send(OutputStream out, EventView e) throws IOException {
        write(out, "id: " + e.seq() + "\nevent: " + e.type() + "\ndata: " + new String(Responses.json(e), StandardCharsets.UTF_8) + "\n\n");
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

}
