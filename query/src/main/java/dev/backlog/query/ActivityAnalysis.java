package dev.backlog.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.model.Timestamps;
import dev.backlog.projector.Db;
import dev.backlog.projector.Json;
import dev.backlog.query.Views.ActorView;
import dev.backlog.query.Views.LintIssue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code activity analyze} (SPEC §12.5): flow metrics of one project over a window, folded from its typed events
 * (never from summary text) in one pass over the project's streams. Not thread-safe (one connection).
 */
public final class ActivityAnalysis {
    private static final String EVENTS = """
            SELECT e.seq, e.stream, e.type, e.actor_kind, e.actor_name, e.occurred_at, e.payload, s.kind, s.task_id
            FROM events e JOIN streams s ON s.stream = e.stream WHERE s.project_id = ? ORDER BY e.seq""";
    private static final String COUNTS = """
            SELECT status, count(*) FROM tasks WHERE project_id = ? AND archived_at IS NULL GROUP BY status""";
    private static final String WIP = """
            SELECT number, claim_kind, claim_name, actor_kind, actor_name, task_id FROM tasks
            WHERE project_id = ? AND archived_at IS NULL AND status = 'doing' ORDER BY number""";
    private static final String LABEL_NAMES = "SELECT name FROM labels WHERE project_id = ? ORDER BY created_seq";

    /** Count and spread of one kind of duration; {@code avg} is human-readable, e.g. {@code 1.5d}. */
    public record Durations(int count, Long avgMs, Long p50Ms, Long p90Ms, String avg) {}

    public record TypedDurations(String type, int count, Long avgMs, Long p50Ms, Long p90Ms, String avg) {}

    public record TaskCounts(int created, int completed, long todo, long doing, long review, long done) {}

    public record Week(String week, int count, Map<String, Integer> byActorKind) {}

    public record StatusLatency(Durations todoDoing, Durations doingReview, Durations reviewDone, Durations doingDone) {}

    public record Closes(int human, int ai, Double aiRatio) {}

    public record Wip(ActorView actor, int count, List<String> refs) {}

    public record Claims(int made, int renewed, int supersededAfterExpiry, int forcedReleases) {}

    public record Reopen(String ref, String at, String to, ActorView by) {}

    public record Bug(String ref, String title, String createdAt) {}

    public record Duplicate(String kind, String ref, String value, int count) {}

    public record Churn(String label, int attached, int detached) {}

    /** The §12.5 report. */
    public record Report(String project, String generatedAt, String since, TaskCounts tasks, Durations leadTime,
                  List<TypedDurations> leadTimeByType, Durations cycleTime, List<TypedDurations> cycleTimeByType, List<Week> throughput,
                  StatusLatency statusLatency, Closes closesByActorKind, List<Wip> wipByActor, Claims claims, List<Reopen> reopened,
                  List<LintIssue> staleDoing, List<LintIssue> noCompletionEvidence, List<Bug> bugFollowups, List<Duplicate> duplicates,
                  List<Churn> labelChurn) {}

    /** What the fold keeps per task. */
    private static final class Task {
        String ref;
        String title;
        String type = "task";
        Instant created;
        Instant firstStart;
        Instant lastChange;
        String status;
        final Map<String, Integer> planTitles = new HashMap<>();
        final Map<String, Integer> comments = new HashMap<>();
    }

    private final Db db;

    ActivityAnalysis(Db db) {
        this.db = db;
    }

    Report run(String projectId, String alias, String sinceText, String since, Instant now, ProjectLint lint, String staleAfter,
               Duration staleAfterDuration, int limit) {
        Instant from = since == null ? Instant.EPOCH : Timestamps.parse(since);
        Map<String, Task> tasks = new LinkedHashMap<>();
        Map<String, List<Long>> lead = new TreeMap<>();
        Map<String, List<Long>> cycle = new TreeMap<>();
        Map<String, List<Long>> latency = new HashMap<>();
        Map<String, Map<String, Integer>> weeks = new TreeMap<>();
        int[] created = {0};
        int[] closes = {0, 0};
        int[] claims = {0, 0, 0, 0};
        List<Reopen> reopened = new ArrayList<>();
        List<Bug> bugs = new ArrayList<>();
        Map<String, int[]> churn = new TreeMap<>();
        db.each(EVENTS, rs -> {
            Instant at = Timestamps.parse(rs.getString(6));
            boolean inWindow = !at.isBefore(from);
            String type = rs.getString(3);
            String taskId = rs.getString(9) != null ? rs.getString(9) : "task".equals(rs.getString(8)) ? rs.getString(2).substring(5) : null;
            JsonNode p = payload(rs.getString(7));
            if (taskId == null) {
                return null; // project, label and doc streams carry nothing the metrics use
            }
            Task t = tasks.computeIfAbsent(taskId, k -> new Task());
            String actorKind = rs.getString(4);
            switch (type) {
                case "TaskCreated" -> {
                    t.ref = "TASK-" + p.path("number").asLong();
                    t.title = p.path("title").asText();
                    t.type = p.path("type").asText("task");
                    t.status = p.path("status").asText("todo");
                    t.created = at;
                    t.lastChange = at;
                    if (inWindow) {
                        created[0]++;
                        if (t.type.equals("bug")) {
                            bugs.add(new Bug(t.ref, t.title, rs.getString(6)));
                        }
                    }
                }
                case "TaskUpdated" -> {
                    if (p.path("changes").has("type")) {
                        t.type = p.path("changes").path("type").asText(t.type);
                    }
                    if (p.path("changes").has("title")) {
                        t.title = p.path("changes").path("title").asText(t.title);
                    }
                }
                case "TaskClaimed" -> {
                    if (t.firstStart == null) {
                        t.firstStart = at;
                    }
                    if (inWindow) {
                        claims[p.path("renewal").asBoolean() ? 1 : 0]++;
                        if (p.hasNonNull("superseded")) {
                            claims[2]++;
                        }
                    }
                }
                case "TaskReleased" -> {
                    if (inWindow && "forced".equals(p.path("reason").asText())) {
                        claims[3]++;
                    }
                }
                case "TaskStatusChanged" -> {
                    String fromStatus = p.path("from").asText();
                    String to = p.path("to").asText();
                    if (t.lastChange != null && inWindow) {
                        latency.computeIfAbsent(fromStatus + "_" + to, k -> new ArrayList<>()).add(Duration.between(t.lastChange, at).toMillis());
                    }
                    t.lastChange = at;
                    t.status = to;
                    if (to.equals("doing") && t.firstStart == null) {
                        t.firstStart = at;
                    }
                    if (fromStatus.equals("done") && inWindow) {
                        reopened.add(new Reopen(t.ref, rs.getString(6), to, new ActorView(actorKind, rs.getString(5))));
                    }
                    if (to.equals("done") && inWindow) {
                        closes[actorKind.equals("ai") ? 1 : 0]++;
                        if (t.created != null) {
                            lead.computeIfAbsent(t.type, k -> new ArrayList<>()).add(Duration.between(t.created, at).toMillis());
                        }
                        if (t.firstStart != null) {
                            cycle.computeIfAbsent(t.type, k -> new ArrayList<>()).add(Duration.between(t.firstStart, at).toMillis());
                        }
                        String week = isoWeek(at);
                        weeks.computeIfAbsent(week, k -> new TreeMap<>()).merge(actorKind, 1, Integer::sum);
                    }
                }
                case "LabelAttached", "LabelDetached" -> {
                    if (inWindow) {
                        churn.computeIfAbsent(p.path("name").asText(), k -> new int[2])[type.equals("LabelAttached") ? 0 : 1]++;
                    }
                }
                case "PlanAdded" -> t.planTitles.merge(p.path("title").asText().toLowerCase(Locale.ROOT), 1, Integer::sum);
                case "CommentAdded" -> t.comments.merge(p.path("body").asText().strip(), 1, Integer::sum);
                default -> { }
            }
            return null;
        }, projectId);

        Map<String, Long> counts = new HashMap<>();
        db.each(COUNTS, rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
            return null;
        }, projectId);
        int completed = closes[0] + closes[1];
        TaskCounts taskCounts = new TaskCounts(created[0], completed, counts.getOrDefault("todo", 0L), counts.getOrDefault("doing", 0L),
                counts.getOrDefault("review", 0L), counts.getOrDefault("done", 0L));
        List<Week> throughput = new ArrayList<>();
        weeks.forEach((w, byKind) -> throughput.add(new Week(w, byKind.values().stream().mapToInt(Integer::intValue).sum(), byKind)));
        StatusLatency lat = new StatusLatency(durations(latency.get("todo_doing")), durations(latency.get("doing_review")),
                durations(latency.get("review_done")), durations(latency.get("doing_done")));
        Closes byKind = new Closes(closes[0], closes[1], completed == 0 ? null : Math.round(closes[1] * 1000.0 / completed) / 1000.0);

        List<LintIssue> issues = lint.run(projectId, alias, now, staleAfter, staleAfterDuration, 0).issues();
        List<LintIssue> stale = cap(issues.stream().filter(i -> i.code().equals("stale_doing_task")).toList(), limit);
        List<LintIssue> noEvidence = cap(issues.stream().filter(i -> i.code().equals("done_without_completion_comment")).toList(), limit);

        return new Report(alias, Timestamps.format(now), sinceText, taskCounts, durations(all(lead)), byType(lead), durations(all(cycle)),
                byType(cycle), throughput, lat, byKind, wip(projectId, limit), new Claims(claims[0], claims[1], claims[2], claims[3]),
                cap(reopened, limit), stale, noEvidence, cap(bugs, limit), cap(duplicates(projectId, tasks), limit), cap(churn(churn), limit));
    }

    private List<Wip> wip(String projectId, int limit) {
        Map<String, List<String>> byActor = new LinkedHashMap<>();
        db.each(WIP, rs -> {
            String kind = rs.getString(2) != null ? rs.getString(2) : rs.getString(4);
            String name = rs.getString(2) != null ? rs.getString(3) : rs.getString(5);
            byActor.computeIfAbsent(kind + ":" + name, k -> new ArrayList<>()).add("TASK-" + rs.getLong(1));
            return null;
        }, projectId);
        List<Wip> out = new ArrayList<>();
        byActor.forEach((actor, refs) -> {
            int colon = actor.indexOf(':');
            out.add(new Wip(new ActorView(actor.substring(0, colon), actor.substring(colon + 1)), refs.size(), refs));
        });
        out.sort(Comparator.comparingInt((Wip w) -> -w.count()));
        return cap(out, limit);
    }

    private List<Duplicate> duplicates(String projectId, Map<String, Task> tasks) {
        List<Duplicate> out = new ArrayList<>();
        Map<String, Integer> labels = new LinkedHashMap<>();
        db.list(LABEL_NAMES, rs -> rs.getString(1), projectId).forEach(n -> labels.merge(n.toLowerCase(Locale.ROOT), 1, Integer::sum));
        labels.forEach((name, n) -> {
            if (n > 1) {
                out.add(new Duplicate("label", null, name, n));
            }
        });
        for (Task t : tasks.values()) {
            t.planTitles.forEach((title, n) -> {
                if (n > 1) {
                    out.add(new Duplicate("plan_title", t.ref, title, n));
                }
            });
            t.comments.forEach((body, n) -> {
                if (n > 1) {
                    out.add(new Duplicate("comment", t.ref, body, n));
                }
            });
        }
        return out;
    }

    private static List<Churn> churn(Map<String, int[]> churn) {
        List<Churn> out = new ArrayList<>();
        churn.forEach((label, c) -> out.add(new Churn(label, c[0], c[1])));
        out.sort(Comparator.comparingInt((Churn c) -> -(c.attached() + c.detached())));
        return out;
    }

    private static List<Long> all(Map<String, List<Long>> byType) {
        List<Long> all = new ArrayList<>();
        byType.values().forEach(all::addAll);
        return all;
    }

    private static List<TypedDurations> byType(Map<String, List<Long>> byType) {
        List<TypedDurations> out = new ArrayList<>();
        byType.forEach((type, values) -> {
            Durations d = durations(values);
            out.add(new TypedDurations(type, d.count(), d.avgMs(), d.p50Ms(), d.p90Ms(), d.avg()));
        });
        return out;
    }

    static Durations durations(List<Long> values) {
        if (values == null || values.isEmpty()) {
            return new Durations(0, null, null, null, null);
        }
        List<Long> sorted = values.stream().sorted().toList();
        long avg = Math.round(sorted.stream().mapToLong(Long::longValue).average().orElse(0));
        return new Durations(sorted.size(), avg, percentile(sorted, 0.5), percentile(sorted, 0.9), human(avg));
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(List<Long> sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** {@code 45s}, {@code 12m}, {@code 3.5h}, {@code 1.5d}: one decimal, the largest unit that is at least 1. */
    static String human(long ms) {
        double s = ms / 1000.0;
        if (s < 60) {
            return trim(s) + "s";
        }
        if (s < 3600) {
            return trim(s / 60) + "m";
        }
        if (s < 86400) {
            return trim(s / 3600) + "h";
        }
        return trim(s / 86400) + "d";
    }

    private static String trim(double v) {
        double r = Math.round(v * 10) / 10.0;
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }

    private static String isoWeek(Instant at) {
        var d = at.atZone(ZoneOffset.UTC);
        return String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR), d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }

    private static <T> List<T> cap(List<T> list, int limit) {
        return limit > 0 && list.size() > limit ? List.copyOf(list.subList(0, limit)) : list;
    }

    private static JsonNode payload(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable payload", e);
        }
    }
}
