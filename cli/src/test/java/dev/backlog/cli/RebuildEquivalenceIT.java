package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.commands.CommandService.Written;
import dev.backlog.commands.Rebuild;
import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Timestamps;
import dev.backlog.projector.Db;
import dev.backlog.projector.Json;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.projector.WorkspaceDatabase;
import dev.backlog.query.QueryService;
import dev.backlog.query.TaskQuery;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §4.3 (one projection rule set for incremental apply, rebuild and time travel), §6.1 and §12.2, over a
 * randomized history of several thousand events written through the real {@link CommandService} by five actors
 * under a controllable clock that advances 1–1000 ms per command, so leases (1–5 minutes, and the 3-minute default)
 * expire during the run. At ~50 points the live {@code task list} (archived included) and a sample of live task
 * details are recorded with the clock standing at the last event's {@code occurred_at}; afterwards time travel to
 * each point must reproduce them exactly, and a rebuild must find the projections identical.
 *
 * <p>The history is deterministic for a seed ({@code -Dbacklog.seed=N}); every failure message names it. Not covered:
 * plans, docs, memory and attachments (not in this {@code CommandService}), imported (out-of-order) events.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildEquivalenceIT {
    private static final long SEED = Long.getLong("backlog.seed", 20260301L);
    private static final int TARGET_EVENTS = Integer.getInteger("backlog.events", 4000);
    private static final int POINTS = 50;
    private static final String SEED_TEXT = "seed " + SEED + " (rerun with -Dbacklog.seed=" + SEED + ")";
    private static final List<Actor> ACTORS = List.of(Actor.parse("human:alice"), Actor.parse("human:bob"),
            Actor.parse("ai:claude-1"), Actor.parse("ai:claude-2"), Actor.parse("ai:codex"));
    private static final String[] STATUSES = {"todo", "doing", "review", "done"};
    private static final String[] TYPES = {"task", "bug", "feature", "chore", "spike", "vulnerability"};
    private static final String[] LABELS = {"bug", "ui", "backend", "Urgent", "urgent", "docs", "perf", "final-audit"};
    private static final String[] LEASES = {"1m", "2m", "5m", "30m", "never"};
    private static final TaskQuery ALL = new TaskQuery(null, null, List.of(), List.of(), List.of(), List.of(), null, null,
            null, null, null, null, false, null, true, false, "priority", false, 0, 0);

    @TempDir
    static Path root;

    /** A clock that stands still until told to move: instants are whole milliseconds, so they survive the wire format. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start.truncatedTo(ChronoUnit.MILLIS);
        }

        void advance(long ms) {
            now = now.plusMillis(ms);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** One recorded point: the head seq and time, the live list, and live details of some tasks (by id, with refs). */
    private record Point(long seq, String time, JsonNode tasks, Map<String, JsonNode> details, Map<String, String> refs) {}

    private Db db;
    private TestClock clock;
    private Random random;
    private final Map<Actor, CommandService> services = new LinkedHashMap<>();
    private QueryService queries;
    private final List<Point> points = new ArrayList<>();
    private final List<String> unexpected = new ArrayList<>();
    private final Map<String, List<String>> unexpectedBySite = new LinkedHashMap<>();
    private final Map<String, Integer> rejections = new TreeMap<>();
    private final Map<String, Integer> operations = new TreeMap<>();
    private final List<String> everRefs = new ArrayList<>();
    private final List<String> everAliases = new ArrayList<>();
    private int projectCounter;
    private String currentOp = "setup";
    private int ops;
    private long buildMillis;

    @BeforeAll
    void history() {
        long started = System.nanoTime();
        Path ws = root.resolve("ws");
        new CliRunner(root).json("init", ws.toString());
        db = WorkspaceDatabase.open(ws.resolve(WorkspaceDatabase.FILE), 5000);
        clock = new TestClock(Instant.now().plusSeconds(1));
        Settings settings = new Settings("task", 3, "todo", Optional.of(Duration.ofMinutes(3)), Duration.ofSeconds(5));
        for (Actor a : ACTORS) {
            services.put(a, new CommandService(db, settings, clock, a));
        }
        queries = new QueryService(db, clock);
        random = new Random(SEED);

        TreeSet<Long> thresholds = new TreeSet<>();
        while (thresholds.size() < POINTS) {
            thresholds.add(2L + random.nextInt(TARGET_EVENTS - 2));
        }
        for (int i = 0; i < 3; i++) {
            step(this::addProject);
        }
        while (headSeq() < TARGET_EVENTS) {
            Written w = step(this::randomOperation);
            if (w != null && !w.events().isEmpty() && !thresholds.isEmpty() && headSeq() >= thresholds.first()) {
                while (!thresholds.isEmpty() && thresholds.first() <= headSeq()) {
                    thresholds.pollFirst();
                }
                record(w);
            }
            if (ops > TARGET_EVENTS * 5) {
                throw new AssertionError("history does not grow: " + headSeq() + " events after " + ops + " operations");
            }
        }
        buildMillis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("RebuildEquivalenceIT: %s, %d operations, %d events, %d points, %d ms%n  operations %s%n  rejections %s%n",
                SEED_TEXT, ops, headSeq(), points.size(), buildMillis, operations, rejections);
    }

    @AfterAll
    void close() {
        if (db != null) {
            db.close();
        }
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void the_random_history_raises_no_internal_error() {
        assertThat(points).as("points recorded (%s)", SEED_TEXT).hasSizeGreaterThanOrEqualTo(POINTS / 2);
        List<String> report = new ArrayList<>(unexpected);
        unexpectedBySite.forEach((site, all) -> report.add(all.size() + "× " + site + "; first: " + all.get(0)
                + (all.size() > 1 ? "\n    also operations: " + all.stream().skip(1).limit(10)
                        .map(x -> x.substring(0, x.indexOf(" at seq"))).toList() : "")));
        assertThat(report).as("unexpected failures while writing the history (%s)", SEED_TEXT).isEmpty();
    }

    @Test
    @Order(1)
    void the_recorded_points_cover_expired_and_live_claims_links_labels_comments_and_archived_tasks() {
        Map<String, Integer> seen = new TreeMap<>();
        for (Point p : points) {
            List<JsonNode> tasks = new ArrayList<>();
            p.tasks().path("tasks").forEach(tasks::add);
            tasks.addAll(p.details().values());
            for (JsonNode t : tasks) {
                JsonNode claim = t.path("claim");
                if (claim.isObject()) {
                    seen.merge(claim.path("expired").asBoolean() ? "expired claim" : "live claim", 1, Integer::sum);
                    seen.merge(claim.path("lease_expires_at").isNull() ? "claim without expiry" : "claim with lease", 1, Integer::sum);
                }
                seen.merge(t.path("ready").asBoolean() ? "ready" : "not ready", 1, Integer::sum);
                if (!t.path("blocked_by").isEmpty()) {
                    seen.merge("blocked", 1, Integer::sum);
                }
                if (!t.path("labels").isEmpty()) {
                    seen.merge("labelled", 1, Integer::sum);
                }
                if (!t.path("archived_at").isNull()) {
                    seen.merge("archived", 1, Integer::sum);
                }
                if (!t.path("completed_at").isNull()) {
                    seen.merge("done", 1, Integer::sum);
                }
                if (t.path("comments").size() > 0) {
                    seen.merge("with comments", 1, Integer::sum);
                }
            }
        }
        System.out.printf("RebuildEquivalenceIT: recorded task states %s%n", seen);
        assertThat(seen.keySet()).as("the comparisons meet every kind of state (%s)", SEED_TEXT).contains("expired claim", "live claim",
                "claim without expiry", "claim with lease", "ready", "not ready", "blocked", "labelled", "archived", "done",
                "with comments");
    }

    @Test
    @Order(2)
    void task_list_at_each_recorded_seq_and_instant_equals_the_live_list_recorded_then() {
        List<String> mismatches = new ArrayList<>();
        for (Point p : points) {
            for (String at : List.of(String.valueOf(p.seq()), p.time())) {
                JsonNode actual;
                try {
                    actual = Json.MAPPER.valueToTree(queries.tasksAt(ALL, at));
                } catch (RuntimeException e) {
                    mismatches.add("task list --at " + at + " (seq " + p.seq() + ") failed: " + e);
                    continue;
                }
                JsonNode asOf = actual.path("as_of");
                if (asOf.path("seq").asLong() != p.seq() || !p.time().equals(asOf.path("time").asText())) {
                    mismatches.add("task list --at " + at + ": as_of " + asOf + ", expected seq " + p.seq() + " time " + p.time());
                }
                ((ObjectNode) actual).remove("as_of");
                List<String> diffs = diff("", p.tasks(), actual);
                if (!diffs.isEmpty()) {
                    mismatches.add("task list --at " + at + " (seq " + p.seq() + ") differs from the live list recorded then:\n    "
                            + String.join("\n    ", diffs));
                }
            }
        }
        assertThat(mismatches).as("time travel of task list (%s, %d points)", SEED_TEXT, points.size()).isEmpty();
    }

    @Test
    @Order(3)
    void task_show_at_each_recorded_seq_equals_the_live_task_recorded_then() {
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (Point p : points) {
            for (Map.Entry<String, JsonNode> e : p.details().entrySet()) {
                String ref = p.refs().get(e.getKey());
                for (String at : List.of(String.valueOf(p.seq()), p.time())) {
                    JsonNode actual;
                    try {
                        actual = Json.MAPPER.valueToTree(queries.taskAt(ref, at));
                    } catch (RuntimeException ex) {
                        mismatches.add("task show " + ref + " --at " + at + " (seq " + p.seq() + ") failed: " + ex);
                        continue;
                    }
                    ((ObjectNode) actual).remove("as_of");
                    List<String> diffs = diff("", e.getValue(), actual);
                    compared++;
                    if (!diffs.isEmpty()) {
                        mismatches.add("task show " + ref + " --at " + at + " (seq " + p.seq() + ") differs from the live task "
                                + "recorded then:\n    " + String.join("\n    ", diffs));
                    }
                }
            }
        }
        System.out.printf("RebuildEquivalenceIT: %d task details compared%n", compared);
        assertThat(mismatches).as("time travel of task show (%s)", SEED_TEXT).isEmpty();
    }

    @Test
    @Order(4)
    void doctor_check_passes_after_the_history() {
        try {
            var report = queries.check(false);
            assertThat(report.ok()).isTrue();
        } catch (BacklogException e) {
            throw new AssertionError("doctor check failed (" + SEED_TEXT + "): " + e.getMessage() + " " + e.details(), e);
        }
    }

    @Test
    @Order(5)
    void a_dry_run_rebuild_and_then_a_real_rebuild_find_the_projections_identical() {
        Rebuild.Report dry = Rebuild.run(db, true);
        Rebuild.Report real = Rebuild.run(db, false);
        assertThat(dry.eventsReplayed()).isEqualTo(headSeq());
        assertThat(dry.identical()).as("dry-run rebuild (%s): tables %s, differences %s", SEED_TEXT, dry.tables(), dry.differences())
                .isTrue();
        assertThat(real.identical()).as("rebuild (%s): tables %s, differences %s", SEED_TEXT, real.tables(), real.differences())
                .isTrue();
        assertThat(real.applied()).isTrue();
        assertThat(Rebuild.run(db, true).identical()).as("a second dry run after the rebuild (%s)", SEED_TEXT).isTrue();
    }

    // ------------------------------------------------------------------------------------------------ history

    private interface Operation {
        Written run(CommandService as);
    }

    /** Advances the clock, runs one command as a random actor; expected rejections are counted, anything else kept. */
    private Written step(Operation op) {
        clock.advance(1 + random.nextInt(1000));
        CommandService as = services.get(ACTORS.get(random.nextInt(ACTORS.size())));
        ops++;
        try {
            return op.run(as);
        } catch (BacklogException e) {
            if (e.code() == ErrorCode.INTERNAL) {
                unexpected(e);
            } else {
                rejections.merge(e.code().name(), 1, Integer::sum);
            }
            return null;
        } catch (RuntimeException e) {
            unexpected(e);
            return null;
        }
    }

    /** Keeps an unexpected failure, grouped by where it was thrown, so one defect reads as one entry with its count. */
    private void unexpected(RuntimeException e) {
        String site = String.valueOf(e);
        for (Throwable c = e; c != null; c = c.getCause()) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement f : c.getStackTrace()) {
                if (f.getClassName().startsWith("dev.backlog.") && !f.getClassName().endsWith("IT") && frames.size() < 2) {
                    frames.add(f.toString());
                }
            }
            if (!frames.isEmpty()) {
                site = c.getClass().getSimpleName() + " at " + String.join(" ← ", frames);
            }
        }
        unexpectedBySite.computeIfAbsent(site, k -> new ArrayList<>())
                .add("operation " + ops + " (" + currentOp + ") at seq " + headSeq() + ": " + e + causeOf(e));
    }

    private static String causeOf(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause()) {
            sb.append("\n      ").append(c);
            int shown = 0;
            for (StackTraceElement f : c.getStackTrace()) {
                if (shown < 2 || f.getClassName().startsWith("dev.backlog.") && !f.getClassName().contains("IT") && shown < 8) {
                    sb.append("\n        at ").append(f);
                    shown++;
                }
            }
        }
        return sb.toString();
    }

    private Written randomOperation(CommandService as) {
        int r = random.nextInt(1000);
        if (db.count("SELECT count(*) FROM projects WHERE archived_at IS NULL") < 2) {
            currentOp = "project add";
            operations.merge(currentOp, 1, Integer::sum);
            return addProject(as);
        }
        Written w;
        if (r < 150) {
            currentOp = "task add";
            w = addTask(as);
        } else if (r < 230) {
            currentOp = "task update";
            w = updateTask(as);
        } else if (r < 340) {
            currentOp = "task move";
            w = as.moveTask(anyTask(), pick(STATUSES), random.nextInt(3) == 0, baseVersion());
        } else if (r < 440) {
            currentOp = "task claim";
            w = as.claimTask(anyTask(), random.nextInt(4) == 0 ? null : pick(LEASES));
        } else if (r < 500) {
            currentOp = "task release";
            w = as.releaseTask(anyTask(), random.nextInt(3) == 0 ? pick(STATUSES) : null, random.nextInt(3) == 0);
        } else if (r < 540) {
            currentOp = "task next --claim";
            String project = random.nextBoolean() ? null : liveProjectId();
            List<String> labels = random.nextInt(4) == 0 ? List.of(pick(LABELS)) : List.of();
            List<Integer> priorities = random.nextInt(4) == 0 ? List.of(1 + random.nextInt(5)) : List.of();
            w = as.claimNext(new ReadyTasks.Filter(project, List.of(), labels, priorities), random.nextBoolean() ? null : pick(LEASES));
        } else if (r < 610) {
            currentOp = random.nextInt(3) == 0 ? "task unlink" : "task link";
            w = as.linkTasks(anyTask(), anyTask(), random.nextBoolean(), currentOp.equals("task link"));
        } else if (r < 690) {
            boolean attach = random.nextInt(3) != 0;
            currentOp = attach ? "label attach" : "label detach";
            w = as.labelTask(anyTask(), pick(LABELS), attach);
        } else if (r < 710) {
            currentOp = "label create";
            w = as.createLabel(anyProject(), pick(LABELS), random.nextBoolean() ? null : color());
        } else if (r < 730) {
            currentOp = "label update";
            String project = anyProject();
            w = as.updateLabel(project, anyLabel(project), random.nextBoolean() ? pick(LABELS) + (random.nextBoolean() ? "" : "-2") : null,
                    random.nextBoolean() ? color() : null);
        } else if (r < 745) {
            currentOp = "label delete";
            String project = anyProject();
            w = as.deleteLabel(project, anyLabel(project));
        } else if (r < 830) {
            currentOp = "comment add";
            w = as.addComment(anyTask(), "comment " + ops + " " + words(1 + random.nextInt(6)));
        } else if (r < 850) {
            currentOp = "comment delete";
            w = as.deleteComment(anyComment());
        } else if (r < 885) {
            currentOp = "task archive";
            w = as.archiveTask(anyTask(), true);
        } else if (r < 910) {
            currentOp = "task restore";
            w = as.archiveTask(anyTask(), false);
        } else if (r < 925) {
            currentOp = "task delete";
            w = as.deleteTask(anyTask());
        } else if (r < 940) {
            currentOp = "project add";
            w = addProject(as);
        } else if (r < 955) {
            currentOp = "project update";
            Map<String, String> changes = new LinkedHashMap<>();
            if (random.nextBoolean()) {
                changes.put("name", "Project " + words(2));
            }
            if (random.nextBoolean()) {
                changes.put("description", random.nextInt(3) == 0 ? "" : words(5));
            }
            if (random.nextInt(4) == 0) {
                changes.put("alias", random.nextBoolean() || everAliases.isEmpty() ? "p" + (++projectCounter) : pick(everAliases));
            }
            if (changes.isEmpty()) {
                changes.put("repo_path", "/src/" + words(1));
            }
            w = as.updateProject(anyProject(), changes, random.nextInt(5) == 0 ? (long) random.nextInt(6) : null);
        } else if (r < 975) {
            currentOp = "project archive";
            w = as.archiveProject(anyProject(), true);
        } else if (r < 990) {
            currentOp = "project restore";
            w = as.archiveProject(anyProject(), false);
        } else {
            currentOp = "project delete";
            String archived = pickRow("SELECT alias FROM projects WHERE archived_at IS NOT NULL ORDER BY alias");
            w = as.deleteProject(archived != null && random.nextInt(4) != 0 ? archived : anyProject());
        }
        operations.merge(currentOp, 1, Integer::sum);
        return w;
    }

    private Written addProject(CommandService as) {
        String alias = random.nextInt(5) == 0 && !everAliases.isEmpty() ? pick(everAliases) : "p" + (++projectCounter);
        Written w = as.addProject(alias, random.nextBoolean() ? null : "Project " + words(2), random.nextBoolean() ? null : words(4),
                random.nextBoolean() ? null : "/repo/" + alias);
        everAliases.add(alias);
        return w;
    }

    private Written addTask(CommandService as) {
        List<String> labels = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            labels.add(pick(LABELS));
        }
        List<String> blockedBy = new ArrayList<>();
        for (int i = random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0; i > 0; i--) {
            blockedBy.add(anyTask());
        }
        int s = random.nextInt(10);
        String status = s < 6 ? null : s < 7 ? "doing" : s < 8 ? "review" : s < 9 ? "done" : "todo";
        Written w = as.addTask(new NewTask(anyProject(), "Task " + words(1 + random.nextInt(4)),
                random.nextBoolean() ? null : words(3 + random.nextInt(10)),
                random.nextBoolean() ? null : pick(TYPES), random.nextBoolean() ? null : "P" + (1 + random.nextInt(5)), status,
                random.nextInt(4) == 0 ? pick(new String[] {"alice", "bob", "claude"}) : null,
                random.nextInt(4) == 0 ? "2026-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10) : null,
                random.nextInt(5) == 0 ? "scanner" : null, random.nextInt(6) == 0 ? "GH-" + random.nextInt(1000) : null,
                random.nextInt(6) == 0 ? "src/" + words(1) : null, labels, blockedBy));
        everRefs.add(w.ref());
        return w;
    }

    private Written updateTask(CommandService as) {
        Map<String, String> changes = new LinkedHashMap<>();
        String[] fields = {"title", "description", "type", "priority", "assignee", "due_date", "source", "external_ref", "project_path"};
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            String f = pick(fields);
            boolean clear = random.nextInt(4) == 0;
            changes.put(f, switch (f) {
                case "title" -> "Task " + words(1 + random.nextInt(4));
                case "description" -> clear ? "" : words(4);
                case "type" -> pick(TYPES);
                case "priority" -> String.valueOf(1 + random.nextInt(5));
                case "assignee" -> clear ? "" : pick(new String[] {"alice", "bob", "claude"});
                case "due_date" -> clear ? (random.nextBoolean() ? "" : "none") : "2026-1" + random.nextInt(3) + "-0" + (1 + random.nextInt(9));
                case "source" -> clear ? "" : "import";
                case "external_ref" -> clear ? "" : "JIRA-" + random.nextInt(100);
                default -> clear ? "" : "lib/" + words(1);
            });
        }
        String status = random.nextInt(4) == 0 ? pick(STATUSES) : null;
        return as.updateTask(anyTask(), changes, status, random.nextInt(3) == 0, baseVersion());
    }

    /** Records the live state with the clock at the head event's occurred_at (nothing has advanced it since). */
    private void record(Written last) {
        long seq = headSeq();
        String time = db.string("SELECT occurred_at FROM events WHERE seq = ?", seq);
        if (!Timestamps.format(clock.instant()).equals(time)) {
            unexpected.add("head event " + seq + " occurred_at " + time + " but the command ran at " + Timestamps.format(clock.instant()));
            return;
        }
        JsonNode tasks = Json.MAPPER.valueToTree(queries.tasks(ALL));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(pickRow("SELECT task_id FROM tasks ORDER BY number"));
        }
        if (last.kind().equals("task") && !ids.contains(last.id()) && db.count("SELECT count(*) FROM tasks WHERE task_id = ?", last.id()) == 1) {
            ids.add(last.id());
        }
        for (int i = 0; i < 2; i++) {
            ids.add(pickRow("""
                    SELECT t.task_id FROM tasks t WHERE EXISTS (SELECT 1 FROM task_links l WHERE l.blocked_id = t.task_id)
                    ORDER BY t.number"""));
            ids.add(pickRow("SELECT task_id FROM tasks WHERE claim_kind IS NOT NULL ORDER BY number"));
            ids.add(pickRow("SELECT task_id FROM tasks WHERE archived_at IS NOT NULL ORDER BY number"));
            ids.add(pickRow("SELECT DISTINCT task_id FROM comments ORDER BY task_id"));
        }
        ids.removeIf(java.util.Objects::isNull);
        Map<String, JsonNode> details = new LinkedHashMap<>();
        Map<String, String> refs = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(ids)) {
            details.put(id, Json.MAPPER.valueToTree(queries.taskById(id)));
            refs.put(id, "TASK-" + db.count("SELECT number FROM tasks WHERE task_id = ?", id));
        }
        points.add(new Point(seq, time, tasks, details, refs));
    }

    // ------------------------------------------------------------------------------------------------ picking

    private long headSeq() {
        return db.count("SELECT coalesce(max(seq), 0) FROM events");
    }

    /** A live task ref mostly; now and then one that was deleted (TASK_NOT_FOUND) or never existed. */
    private String anyTask() {
        int r = random.nextInt(20);
        if (r == 0 && !everRefs.isEmpty()) {
            return pick(everRefs);
        }
        if (r == 1) {
            return "TASK-" + (100_000 + random.nextInt(10));
        }
        String ref = pickRow("SELECT 'TASK-' || number FROM tasks ORDER BY number");
        return ref != null ? ref : "TASK-1";
    }

    private String anyProject() {
        if (random.nextInt(25) == 0 && !everAliases.isEmpty()) {
            return pick(everAliases);
        }
        String alias = pickRow(random.nextInt(5) == 0 ? "SELECT alias FROM projects ORDER BY alias"
                : "SELECT alias FROM projects WHERE archived_at IS NULL ORDER BY alias");
        return alias != null ? alias : "none";
    }

    private String liveProjectId() {
        return pickRow("SELECT project_id FROM projects WHERE archived_at IS NULL ORDER BY alias");
    }

    private String anyLabel(String projectAlias) {
        String name = pickRow("""
                SELECT l.name FROM labels l JOIN projects p ON p.project_id = l.project_id WHERE p.alias = ? ORDER BY l.created_seq
                """, projectAlias);
        return name != null && random.nextInt(8) != 0 ? name : pick(LABELS);
    }

    private String anyComment() {
        String id = pickRow("SELECT comment_id FROM comments ORDER BY created_at, comment_id");
        return id != null ? id : "01JAAAAAAAAAAAAAAAAAAAAAAA";
    }

    /** One row of a deterministically ordered query, chosen by the seeded random; {@code null} when there is none. */
    private String pickRow(String sql, Object... args) {
        List<String> rows = db.list(sql, rs -> rs.getString(1), args);
        return rows.isEmpty() ? null : rows.get(random.nextInt(rows.size()));
    }

    private Long baseVersion() {
        return random.nextInt(6) == 0 ? (long) (1 + random.nextInt(12)) : null;
    }

    private String color() {
        return String.format("#%06x", random.nextInt(0x1000000));
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static final String[] WORDS = {"alpha", "beta", "gamma", "delta", "parser", "login", "cache", "index", "retry",
        "timeout", "schema", "render", "queue", "token", "export", "import"};

    private String words(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? " " : "").append(pick(WORDS));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ diff

    /** Paths where two JSON documents differ, expected (recorded live) vs actual (time travel); at most 25. */
    static List<String> diff(String path, JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        diff(path, expected, actual, out);
        return out.size() > 25 ? new ArrayList<>(out.subList(0, 25)) : out;
    }

    private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
        if (out.size() > 25) {
            return;
        }
        if (e.isObject() && a.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            e.fieldNames().forEachRemaining(keys::add);
            a.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                if (!e.has(k) || !a.has(k)) {
                    out.add(path + "." + k + ": live " + (e.has(k) ? e.get(k) : "<absent>") + ", time travel "
                            + (a.has(k) ? a.get(k) : "<absent>"));
                } else {
                    diff(path + "." + k, e.get(k), a.get(k), out);
                }
            }
        } else if (e.isArray() && a.isArray() && path.endsWith(".tasks")) {
            Map<String, JsonNode> byRef = new LinkedHashMap<>();
            a.forEach(t -> byRef.put(t.path("ref").asText(), t));
            Iterator<JsonNode> it = e.elements();
            int i = 0;
            while (it.hasNext()) {
                JsonNode t = it.next();
                String ref = t.path("ref").asText();
                JsonNode other = byRef.remove(ref);
                if (other == null) {
                    out.add(path + "[" + ref + "]: live task missing in time travel: " + t);
                } else {
                    JsonNode at = i < a.size() ? a.get(i) : null;
                    if (at != null && !ref.equals(at.path("ref").asText())) {
                        out.add(path + "[" + i + "]: order differs: live " + ref + ", time travel " + at.path("ref").asText());
                    }
                    diff(path + "[" + ref + "]", t, other, out);
                }
                i++;
            }
            byRef.forEach((ref, t) -> out.add(path + "[" + ref + "]: extra task in time travel: " + t));
        } else if (!e.equals(a)) {
            out.add(path + ": live " + e + ", time travel " + a);
        }
    }
}
