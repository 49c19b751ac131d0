import dev.backlog.commands.CommandService;
import dev.backlog.commands.Rebuild;
import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import dev.backlog.query.QueryService;
import dev.backlog.query.TaskQuery;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * In-process service timings on the seeded workspace (a copy, so the seed stays reusable): medians and p90 over
 * {@code runs} calls after warm-up, with the product's connection settings (WAL, synchronous=FULL).
 */
public final class InProcess {
    static final List<String> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path seed = Path.of(args[0]).resolve("backlog.db");
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path work = Files.createTempDirectory("backlog-bench");
        Path db = work.resolve("backlog.db");
        Files.copy(seed, db, StandardCopyOption.REPLACE_EXISTING);
        try (Db conn = WorkspaceDatabase.open(db, 5000)) {
            Clock clock = Clock.systemUTC();
            CommandService cmd = new CommandService(conn, Settings.defaults(), clock, Actor.parse("ai:bench"));
            QueryService q = new QueryService(conn, clock);
            long events = conn.count("SELECT count(*) FROM events");
            long tasks = conn.count("SELECT count(*) FROM tasks");
            System.out.printf("workspace: %d tasks, %d events%n%n", tasks, events);
            int[] next = {0};
            List<String> fresh = new ArrayList<>();
            time("task add", runs, i -> fresh.add(cmd.addTask(new CommandService.NewTask("api", "Bench task " + i, null, null, "P2",
                    null, null, null, null, null, null, List.of("perf"), List.of())).ref()));
            time("task claim", runs, i -> cmd.claimTask(fresh.get(i), null));
            time("task move (doing→review)", runs, i -> cmd.moveTask(fresh.get(i), "review", false, null));
            time("task list (50 rows, default)", runs, i -> q.tasks(query(null, false, null, List.of(), List.of())));
            time("task list --ready", runs, i -> q.tasks(query(null, true, null, List.of(), List.of())));
            time("task list -p api --status todo,doing --label bug", runs,
                    i -> q.tasks(query(conn.string("SELECT project_id FROM projects WHERE alias='api'"), false, null,
                            List.of("todo", "doing"), List.of("bug"))));
            time("task list --search token (common)", runs, i -> q.tasks(query(null, false, "token", List.of(), List.of())));
            time("task list --search \"#4242\" (rare)", runs, i -> q.tasks(query(null, false, "4242", List.of(), List.of())));
            long maxSeq = conn.count("SELECT max(seq) FROM events");
            long comments = conn.count("SELECT count(*) FROM comments");
            long planVersions = conn.count("SELECT count(*) FROM versions v JOIN plans p ON p.plan_id = v.owner_id");
            long docs = conn.count("SELECT count(*) FROM docs");
            System.out.printf("context: %d comments, %d plan versions, %d docs%n%n", comments, planVersions, docs);
            time("search token (common, 20 results)", runs, i -> q.search("token", null, List.of(), false, 20, 0));
            time("search \"webhook retry\" (two terms)", runs, i -> q.search("webhook retry", null, List.of(), false, 20, 0));
            time("search runbook* --kind doc (prefix)", runs, i -> q.search("runbook*", null, List.of("doc"), false, 20, 0));
            time("search #4242 (rare)", runs, i -> q.search("4242", null, List.of(), false, 20, 0));
            var ctx = new dev.backlog.commands.ContextService(conn, Settings.defaults(), clock, Actor.parse("ai:bench"));
            String planId = conn.string("SELECT plan_id FROM plans LIMIT 1");
            time("plan update", runs, i -> ctx.revisePlan(planId, null, "revision " + i + " of the plan", null, null));
            long firstSafe = Math.min(maxSeq, 60_000L);
            time("task show --at (seq sample)", runs, i -> q.taskAt("TASK-" + (1 + (i * 197) % tasks),
                    Long.toString(firstSafe + (i % runs) * Math.max(1, (maxSeq - firstSafe) / runs))));
            time("task show (live)", runs, i -> q.task("TASK-" + (1 + (i * 131) % tasks)));
            next[0] = 0;
            long t0 = System.nanoTime();
            Rebuild.Report r = Rebuild.run(conn, false);
            double secs = (System.nanoTime() - t0) / 1e9;
            rows.add(String.format(Locale.ROOT, "| doctor rebuild | %d events in %.1f s = **%,.0f events/s** (identical: %s) | 1 run |",
                    r.eventsReplayed(), secs, r.eventsReplayed() / secs, r.identical()));
        }
        System.out.println("| path | median | p90 | runs |");
        System.out.println("|---|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    static TaskQuery query(String projectId, boolean ready, String search, List<String> statuses, List<String> labels) {
        return new TaskQuery(projectId, null, statuses, List.of(), List.of(), labels, null, null, null, null, null, null, ready,
                search, false, false, null, false, 50, 0);
    }

    static void time(String name, int runs, IntConsumer body) {
        for (int i = 0; i < 5; i++) {
            body.accept(runs + i);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            body.accept(i);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        rows.add(String.format(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %d |", name, ms[runs / 2], ms[(int) (runs * 0.9)], runs));
    }
}
