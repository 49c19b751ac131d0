package dev.backlog.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.commands.CommandService.PreparedTask;
import dev.backlog.commands.CommandService.Written;
import dev.backlog.commands.requests.AddTask;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Db;
import dev.backlog.projector.Lookup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code import-findings} (SPEC §6.4): scanner or agent findings become tasks of one project in one transaction,
 * all events under one correlation id. The whole file is validated first (its shape, {@code version}, every item,
 * unknown keys); items whose ({@code source}, {@code external_ref}) match a live task of the project are skipped,
 * so importing the same file again creates nothing. {@code --dry-run} runs the very same import and rolls it back.
 */
public final class FindingsImport {
    /** Largest findings file, in bytes, and most items (SPEC §13). */
    public static final int MAX_FILE_BYTES = 16 << 20;
    public static final int MAX_ITEMS = 5000;

    private static final Set<String> FILE_KEYS = Set.of("version", "project", "source", "items");
    private static final Set<String> ITEM_KEYS = Set.of("title", "description", "type", "priority", "status", "assignee",
            "project_path", "external_ref", "source", "due_date", "labels", "plans");
    private static final Set<String> PLAN_KEYS = Set.of("title", "body", "change_note");
    private static final Pattern PRIORITY_TEXT = Pattern.compile("[Pp][1-5]");
    private static final String EXISTING_KEYS =
            "SELECT coalesce(source, ''), external_ref, number FROM tasks WHERE project_id = ? AND external_ref IS NOT NULL";
    private static final String PROJECT_ALIAS = "SELECT alias FROM projects WHERE project_id = ?";

    /** The §6.4 report. */
    public record Report(boolean dryRun, String project, int tasksCreated, int plansCreated, List<String> created,
                         List<Skipped> skippedDuplicates, List<ItemError> errors) {}

    public record Skipped(int index, String externalRef, String ref) {}

    public record ItemError(int index, String title, String code, String field, String message) {}

    private final CommandService commands;
    private final Db db;
    private final Lookup lookup;

    public FindingsImport(CommandService commands, Db db) {
        this.commands = commands;
        this.db = db;
        this.lookup = new Lookup(db);
    }

    /** One valid item, ready to create. */
    private record Item(int index, PreparedTask task) {}

    /**
     * Imports {@code file} (the parsed JSON). The project is {@code projectFlag}, else the file's {@code project},
     * else {@code defaultProject}. Invalid items fail the whole import ({@code INVALID_ARGUMENT}, the report in
     * {@code details}) unless {@code skipInvalid}.
     */
    public Report run(JsonNode file, String projectFlag, String defaultProject, boolean dryRun, boolean skipInvalid) {
        String fileProject = topLevel(file);
        String project = nonEmpty(projectFlag) != null ? projectFlag : nonEmpty(fileProject) != null ? fileProject : defaultProject;
        if (nonEmpty(project) == null) {
            throw new BacklogException(ErrorCode.PROJECT_REQUIRED, "no project: pass -p, set \"project\" in the file or a default project");
        }
        String fileSource = file.hasNonNull("source") ? file.get("source").asText() : null;
        List<Item> items = new ArrayList<>();
        List<ItemError> errors = new ArrayList<>();
        int index = 0;
        for (JsonNode node : file.get("items")) {
            String title = node.path("title").isTextual() ? node.get("title").asText() : null;
            try {
                items.add(new Item(index, commands.prepareTask(newTask(node, project, fileSource), plans(node))));
            } catch (BacklogException e) {
                Object field = e.details().get("field");
                errors.add(new ItemError(index, title, e.code().name(), field == null ? null : field.toString(), e.getMessage()));
            }
            index++;
        }
        if (!errors.isEmpty() && !skipInvalid) {
            Report failed = new Report(dryRun, project, 0, 0, List.of(), List.of(), errors);
            StringBuilder m = new StringBuilder().append(errors.size()).append(" invalid item").append(errors.size() == 1 ? "" : "s")
                    .append(" in the findings file, nothing imported (--skip-invalid imports the valid ones): ");
            for (int i = 0; i < Math.min(3, errors.size()); i++) {
                ItemError e = errors.get(i);
                m.append(i == 0 ? "" : "; ").append("item ").append(e.index()).append(e.field() == null ? "" : " (" + e.field() + ")")
                        .append(": ").append(e.message());
            }
            if (errors.size() > 3) {
                m.append("; and ").append(errors.size() - 3).append(" more (all in details.errors)");
            }
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, m.toString(), details(failed));
        }
        try {
            return commands.command(() -> {
                Report r = create(items, project, errors, dryRun);
                if (dryRun) {
                    throw new DryRun(r);
                }
                return r;
            });
        } catch (DryRun d) {
            return d.report;
        }
    }

    /** Creates the items in order, skipping duplicates of live tasks (and of items created just before). */
    private Report create(List<Item> items, String project, List<ItemError> errors, boolean dryRun) {
        String projectId = lookup.project(project);
        String alias = db.string(PROJECT_ALIAS, projectId);
        Map<String, String> existing = new HashMap<>();
        db.each(EXISTING_KEYS, rs -> {
            existing.put(key(rs.getString(1), rs.getString(2)), "TASK-" + rs.getLong(3));
            return null;
        }, projectId);
        String correlation = Ids.next();
        List<String> created = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        int plans = 0;
        for (Item item : items) {
            PreparedTask t = item.task();
            String key = t.externalRef() == null ? null : key(t.source(), t.externalRef());
            if (key != null && existing.containsKey(key)) {
                skipped.add(new Skipped(item.index(), t.externalRef(), existing.get(key)));
                continue;
            }
            Written w = commands.createTask(t, correlation);
            created.add(w.ref());
            plans += t.plans().size();
            if (key != null) {
                existing.put(key, w.ref());
            }
        }
        return new Report(dryRun, alias, created.size(), plans, created, skipped, errors);
    }

    private static String key(String source, String externalRef) {
        return (source == null ? "" : source) + '\u0000' + externalRef;
    }

    /** Checks the top level: an object of known keys, {@code version} 1, an {@code items} array; returns its project. */
    private static String topLevel(JsonNode file) {
        if (file == null || !file.isObject()) {
            throw BacklogException.invalid("file", null, "a findings file is a JSON object {\"version\":1, \"items\":[…]}");
        }
        JsonFields.onlyKnownKeys(file, FILE_KEYS, "", " in the findings file; allowed: version, project, source, items");
        JsonNode version = file.get("version");
        if (version == null || !version.isIntegralNumber() || version.asInt() != 1) {
            throw BacklogException.invalid("version", version == null ? null : version.toString(), "findings file version must be 1");
        }
        JsonNode items = file.get("items");
        if (items == null || !items.isArray()) {
            throw BacklogException.invalid("items", null, "\"items\" must be an array");
        }
        if (items.size() > MAX_ITEMS) {
            throw new BacklogException(ErrorCode.PAYLOAD_TOO_LARGE, "too many items: " + items.size() + " (at most " + MAX_ITEMS + ")",
                    Map.of("field", "items", "limit", MAX_ITEMS, "actual", items.size()));
        }
        return JsonFields.text(file, "project", "project");
    }

    private static NewTask newTask(JsonNode item, String project, String fileSource) {
        if (!item.isObject()) {
            throw BacklogException.invalid("item", null, "every item is a JSON object");
        }
        JsonFields.onlyKnownKeys(item, ITEM_KEYS, "", "");
        JsonNode title = item.get("title");
        if (title == null || title.isNull()) {
            throw BacklogException.invalid("title", null, "title is required");
        }
        String source = item.has("source") ? JsonFields.text(item, "source", "source") : fileSource;
        return new NewTask(project, JsonFields.text(item, "title", "title"), JsonFields.text(item, "description", "description"),
                JsonFields.text(item, "type", "type"), priority(item.get("priority")), JsonFields.text(item, "status", "status"), JsonFields.text(item, "assignee", "assignee"),
                JsonFields.text(item, "due_date", "due_date"), source, JsonFields.text(item, "external_ref", "external_ref"),
                JsonFields.text(item, "project_path", "project_path"), labels(item.get("labels")), List.of());
    }

    /** {@code 1}-{@code 5} or {@code "P1"}-{@code "P5"}; anything else is an error, never a silent default. */
    private static String priority(JsonNode p) {
        if (p == null || p.isNull()) {
            return null;
        }
        if (p.isIntegralNumber() && p.asLong() >= 1 && p.asLong() <= 5) {
            return Long.toString(p.asLong());
        }
        if (p.isTextual() && PRIORITY_TEXT.matcher(p.asText()).matches()) {
            return p.asText();
        }
        throw BacklogException.invalid("priority", p.toString(), dev.backlog.model.Priority.ALLOWED,
                "invalid priority " + p + "; use 1..5 or \"P1\"..\"P5\"");
    }

    private static List<String> labels(JsonNode labels) {
        if (labels == null || labels.isNull()) {
            return List.of();
        }
        if (!labels.isArray()) {
            throw BacklogException.invalid("labels", labels.toString(), "labels must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode l : labels) {
            if (!l.isTextual()) {
                throw BacklogException.invalid("labels", l.toString(), "labels must be an array of strings");
            }
            out.add(l.asText());
        }
        return out;
    }

    private static List<AddTask.Plan> plans(JsonNode item) {
        JsonNode plans = item.get("plans");
        if (plans == null || plans.isNull()) {
            return List.of();
        }
        if (!plans.isArray()) {
            throw BacklogException.invalid("plans", null, "plans must be an array of {title, body, change_note?}");
        }
        List<AddTask.Plan> out = new ArrayList<>();
        for (JsonNode p : plans) {
            if (!p.isObject()) {
                throw BacklogException.invalid("plans", null, "every plan is an object {title, body, change_note?}");
            }
            JsonFields.onlyKnownKeys(p, PLAN_KEYS, "plans.", "");
            String title = JsonFields.text(p, "title", "plans.title");
            String body = JsonFields.text(p, "body", "plans.body");
            if (title == null || body == null) {
                throw BacklogException.invalid(title == null ? "plans.title" : "plans.body", null, "every plan needs a title and a body");
            }
            out.add(new AddTask.Plan(title, body, null, JsonFields.text(p, "change_note", "plans.change_note")));
        }
        return out;
    }

    private static String nonEmpty(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The report as {@code error.details} (SPEC §14: failures that carry a report print nothing on stdout). */
    private static Map<String, Object> details(Report r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("field", "items"); // what INVALID_ARGUMENT names (SPEC §2.6); the report follows
        d.put("dry_run", r.dryRun());
        d.put("project", r.project());
        d.put("tasks_created", 0);
        d.put("plans_created", 0);
        d.put("created", List.of());
        d.put("skipped_duplicates", List.of());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (ItemError e : r.errors()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", e.index());
            m.put("title", e.title());
            m.put("code", e.code());
            m.put("field", e.field());
            m.put("message", e.message());
            errors.add(m);
        }
        d.put("errors", errors);
        return d;
    }

    /** Rolls a dry run's transaction back, carrying out what it would have written. */
    private static final class DryRun extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient Report report;

        DryRun(Report report) {
            super(null, null, false, false);
            this.report = report;
        }
    }
}
