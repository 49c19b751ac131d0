package dev.backlog.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** A test-side SSE reader: the stream's lines arrive in a queue; {@link #next} gathers one message or comment. */
final class SseClient implements AutoCloseable {
    /** One SSE block: its fields ({@code id}, {@code event}, {@code data}) or a comment ({@code comment}). */
    record Message(Map<String, String> fields) {
        String id() {
            return fields.get("id");
        }

        String event() {
            return fields.get("event");
        }

        String data() {
            return fields.get("data");
        }

        boolean isPing() {
            return "ping".equals(fields.get("comment"));
        }
    }

    final int status;
    final String contentType;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;

    SseClient(URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream");
        headers.forEach(b::header);
        response = HttpClient.newHttpClient().sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines());
        HttpResponse<Stream<String>> r = response.orTimeout(10, TimeUnit.SECONDS).join();
        status = r.statusCode();
        contentType = r.headers().firstValue("Content-Type").orElse("");
        Thread.ofVirtual().start(() -> {
            try {
                r.body().forEach(lines::add);
            } catch (RuntimeException closed) {
                // stream ended
            }
        });
    }

    /** The next block within {@code timeout}, or {@code null}. */
    Message next(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return null;
            }
            if (line.isEmpty()) {
                if (!fields.isEmpty()) {
                    return new Message(fields);
                }
                continue;
            }
            if (line.startsWith(":")) {
                fields.put("comment", line.substring(1).strip());
            } else {
                int colon = line.indexOf(':');
                fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
    }

    /** The next block that is not a ping. */
    Message nextEvent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m != null && !m.isPing()) {
                return m;
            }
        }
        return null;
    }

    /** Every non-ping block until {@code quiet} passes without one. */
    List<Message> drain(Duration quiet) throws InterruptedException {
        List<Message> out = new ArrayList<>();
        for (Message m; (m = nextEvent(quiet)) != null; ) {
            out.add(m);
        }
        return out;
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
    }
}
