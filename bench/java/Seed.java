import dev.backlog.cli.Main;
import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Builds the benchmark workspace through the real command service: 10,000 tasks and about 200,000 events
 * (labels, claims, moves, comments, edits). Seeding alone runs with synchronous=OFF; the benchmark reopens
 * the database with the product's settings.
 */
public final class Seed {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]).toAbsolutePath();
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        long targetEvents = args.length > 2 ? Long.parseLong(args[2]) : 200_000;
        if (Files.exists(dir.resolve("backlog.db"))) {
            System.err.println("seed: reusing " + dir);
            return;
        }
        Files.createDirectories(dir);
        int rc = Main.run(new String[] {"init", dir.toString(), "--name", "bench"}, System.getenv(), dir, System.err, System.err);
        if (rc != 0) {
            throw new IllegalStateException("init failed");
        }
        Random rnd = new Random(42);
        long t0 = System.nanoTime();
        try (Db db = WorkspaceDatabase.open(dir.resolve("backlog.db"), 5000)) {
            db.execute("PRAGMA synchronous = OFF");
            Actor human = Actor.parse("human:seed");
            CommandService h = new CommandService(db, Settings.defaults(), Clock.systemUTC(), human);
            List<String> projects = List.of("api", "web", "cli", "infra", "docs");
            for (String p : projects) {
                h.addProject(p, p.toUpperCase() + " project", null, null);
            }
            String[] labels = {"bug", "perf", "auth", "ui", "db", "infra", "docs", "security"};
            String[] words = {"login", "redirect", "cache", "index", "timeout", "token", "render", "query", "retry", "parser",
                "migration", "upload", "search", "export", "metrics", "billing", "session", "webhook", "queue", "sync"};
            for (int i = 1; i <= tasks; i++) {
                String title = "Fix " + words[rnd.nextInt(words.length)] + " " + words[rnd.nextInt(words.length)] + " #" + i;
                h.addTask(new NewTask(projects.get(rnd.nextInt(projects.size())), title,
                        "Steps to reproduce the " + words[rnd.nextInt(words.length)] + " problem in detail.",
                        null, "P" + (1 + rnd.nextInt(5)), null, null, null, null, null, null,
                        List.of(labels[rnd.nextInt(labels.length)], labels[rnd.nextInt(labels.length)]), List.of()));
            }
            long events = db.count("SELECT count(*) FROM events");
            int i = 0;
            while (events < targetEvents) {
                String ref = "TASK-" + (1 + rnd.nextInt(tasks));
                CommandService agent = new CommandService(db, Settings.defaults(), Clock.systemUTC(), Actor.parse("ai:agent-" + rnd.nextInt(8)));
                try {
                    switch (rnd.nextInt(10)) {
                        case 0, 1, 2, 3 -> agent.addComment(ref, "Progress note " + i + ": checked the " + words[rnd.nextInt(words.length)] + " path.");
                        case 4 -> agent.claimTask(ref, null);
                        case 5 -> agent.moveTask(ref, rnd.nextBoolean() ? "review" : "done", true, null);
                        case 6 -> agent.updateTask(ref, Map.of("priority", "P" + (1 + rnd.nextInt(5))), null, false, null);
                        case 7 -> agent.releaseTask(ref, null, true);
                        case 8 -> agent.moveTask(ref, "todo", true, null);
                        default -> agent.labelTask(ref, labels[rnd.nextInt(labels.length)], rnd.nextBoolean());
                    }
                } catch (dev.backlog.model.BacklogException expected) {
                    // conflicts (claimed, not claimable...) are part of a realistic history
                }
                if (++i % 5000 == 0) {
                    events = db.count("SELECT count(*) FROM events");
                    System.err.printf("seed: %d events%n", events);
                }
            }
            // issue 3's context: 2,500 plans with 2 versions each (5,000 plan versions) and 1,000 docs
            dev.backlog.commands.ContextService ctx = new dev.backlog.commands.ContextService(db, Settings.defaults(), Clock.systemUTC(), human);
            for (int p = 0; p < 2_500; p++) {
                String ref = "TASK-" + (1 + rnd.nextInt(tasks));
                var plan = ctx.addPlan(ref, "Plan for " + words[rnd.nextInt(words.length)], "1. check the "
                        + words[rnd.nextInt(words.length)] + "\n2. fix the " + words[rnd.nextInt(words.length)], null, null);
                ctx.revisePlan(plan.id(), null, "1. reproduce\n2. fix the " + words[rnd.nextInt(words.length)] + "\n3. test", "refined", null);
            }
            for (int d = 0; d < 1_000; d++) {
                ctx.addDoc(projects.get(rnd.nextInt(projects.size())), "Runbook " + d + " " + words[rnd.nextInt(words.length)],
                        "How to handle the " + words[rnd.nextInt(words.length)] + " and the " + words[rnd.nextInt(words.length)] + ".", null);
            }
            events = db.count("SELECT count(*) FROM events");
            System.err.printf("seed: %d tasks, %d events in %.1f s%n", tasks, events, (System.nanoTime() - t0) / 1e9);
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
    }
}
