package dev.backlog.cli;

import dev.backlog.commands.CommandService;
import dev.backlog.commands.CommandService.NewTask;
import dev.backlog.commands.requests.AddTask;
import dev.backlog.commands.requests.UpdateTask;
import dev.backlog.commands.CommandService.Written;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Priority;
import dev.backlog.model.Status;
import dev.backlog.model.TaskType;
import dev.backlog.projector.ReadyTasks;
import dev.backlog.query.Inputs;
import dev.backlog.query.TaskQuery;
import dev.backlog.query.Views.EventList;
import dev.backlog.query.Views.TaskDetail;
import dev.backlog.query.Views.TaskList;
import dev.backlog.query.Views.TaskView;
import dev.backlog.model.event.EventTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog task …} (SPEC §3.3). */
@Command(name = "task", aliases = "t", description = "Manage tasks")
final class TaskCommands extends Group {
    TaskCommands(App app) {
        super(app);
    }

    @Command(name = "add", description = "Create a task")
    static final class Add extends Base {
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = {"-t", "--title"}) String title;
        @Option(names = {"-d", "--description"}) String description;
        @Option(names = "--type") String type;
        @Option(names = "--status") String status;
        @Option(names = "--priority") String priority;
        @Option(names = "--assignee") String assignee;
        @Option(names = "--label") List<String> labels;
        @Option(names = "--source") String source;
        @Option(names = "--external-ref") String externalRef;
        @Option(names = "--project-path") String projectPath;
        @Option(names = "--due-date") String dueDate;
        @Option(names = "--blocked-by", paramLabel = "REF") List<String> blockedBy;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;

        Add(App app) {
            super(app);
        }

        @Override
        int run() {
            String desc = description;
            NewTask fromJson = null;
            List<AddTask.Plan> plans = List.of();
            if (Payloads.isJson(fromFile)) {
                AddTask payload = Payloads.read(app, fromFile, AddTask.class);
                fromJson = NewTask.of(payload);
                plans = payload.plans() == null ? List.of() : payload.plans();
            } else if (fromFile != null && desc == null) {
                desc = Files.text(app, fromFile);
            }
            NewTask flags = new NewTask(project, title, desc, type, priority, status, assignee, dueDate, source, externalRef,
                    projectPath, Args.list(labels), Args.list(blockedBy));
            NewTask task = fromJson == null ? flags : fromJson.overriddenBy(flags);
            if (task.title() == null) {
                throw new BacklogException(ErrorCode.USAGE, "missing required option: --title", Map.of("argument", "--title"));
            }
            String target = s().projectTarget(task.project());
            Written w = commands().addTask(new NewTask(target, task.title(), task.description(), task.type(), task.priority(),
                    task.status(), task.assignee(), task.dueDate(), task.source(), task.externalRef(), task.projectPath(),
                    task.labels(), task.blockedBy()), plans);
            return printWritten(w, "Created " + w.ref());
        }
    }

    @Command(name = "list", description = "List tasks")
    static final class ListCmd extends Base {
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = {"-A", "--all-projects"}) boolean allProjects;
        @Option(names = "--status") List<String> status;
        @Option(names = "--type") List<String> type;
        @Option(names = "--priority") List<String> priority;
        @Option(names = "--label") List<String> label;
        @Option(names = "--assignee") String assignee;
        @Option(names = "--actor", paramLabel = "KIND:NAME") String actor;
        @Option(names = "--actor-kind") String actorKind;
        @Option(names = "--actor-name") String actorName;
        @Option(names = "--source") String source;
        @Option(names = "--claimed-by", paramLabel = "KIND:NAME") String claimedBy;
        @Option(names = "--ready") boolean ready;
        @Option(names = "--search", paramLabel = "Q") String search;
        @Option(names = "--include-archived") boolean includeArchived;
        @Option(names = "--archived") boolean archived;
        @Option(names = "--sort") String sort;
        @Option(names = "--order") String order;
        @Option(names = "--limit") String limit;
        @Option(names = "--offset") String offset;
        @Option(names = "--at", paramLabel = "T") String at;

        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            String alias = s().projectFilter(project, allProjects);
            String projectId = alias == null ? null : queries().lookup().project(alias);
            String[] creator = Args.actorFilter(actor, actorKind, actorName);
            String kind = creator[0];
            String name = creator[1];
            Actor claim = claimedBy == null ? null : Actor.parse(claimedBy);
            Inputs.sort(sort);
            Args.order(order);
            Inputs.search(search);
            TaskQuery q = new TaskQuery(projectId, alias, statuses(status), types(type), priorities(priority), Args.list(label),
                    assignee, kind, name, source, claim == null ? null : claim.kind().wire(), claim == null ? null : claim.name(),
                    ready, search, includeArchived, archived, sort, "desc".equals(order),
                    Args.limit("limit", limit, 50, Integer.MAX_VALUE), Args.limit("offset", offset, 0, Integer.MAX_VALUE));
            TaskList l = at == null ? queries().tasks(q) : queries().tasksAt(q, at);
            boolean byDefault = project == null && !allProjects && alias != null;
            return print(l, null, () -> Render.tasks(l, byDefault));
        }
    }

    static List<String> statuses(List<String> raw) {
        return Inputs.statuses(raw);
    }

    static List<String> types(List<String> raw) {
        return Inputs.types(raw);
    }

    static List<Integer> priorities(List<String> raw) {
        return Inputs.priorities(raw);
    }

    @Command(name = "show", description = "Show a task with its plans, comments and attachments")
    static final class Show extends Base {
        @Parameters(paramLabel = "REF") String ref;
        @Option(names = "--at", paramLabel = "T", description = "Show the task as of an RFC 3339 instant or an event seq") String at;

        Show(App app) {
            super(app);
        }

        @Override
        int run() {
            TaskDetail d = at == null ? queries().task(ref) : queries().taskAt(ref, at);
            return print(d, null, () -> Render.task(d));
        }
    }

    @Command(name = "update", description = "Change a task's fields")
    static final class Update extends Base {
        @Parameters(paramLabel = "REF") String ref;
        @Option(names = {"-t", "--title"}) String title;
        @Option(names = {"-d", "--description"}) String description;
        @Option(names = "--type") String type;
        @Option(names = "--status") String status;
        @Option(names = "--priority") String priority;
        @Option(names = "--assignee") String assignee;
        @Option(names = "--source") String source;
        @Option(names = "--external-ref") String externalRef;
        @Option(names = "--project-path") String projectPath;
        @Option(names = "--due-date") String dueDate;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;
        @Option(names = "--base-version", paramLabel = "N") String baseVersion;
        @Option(names = "--force") boolean force;

        Update(App app) {
            super(app);
        }

        @Override
        int run() {
            Map<String, String> changes = new LinkedHashMap<>();
            String toStatus = status;
            Long base = Args.version(baseVersion);
            boolean forced = force;
            if (Payloads.isJson(fromFile)) {
                UpdateTask file = Payloads.read(app, fromFile, UpdateTask.class);
                changes.putAll(CommandService.changes(file));
                toStatus = toStatus != null ? toStatus : file.status();
                base = base != null ? base : file.baseVersion();
                forced = forced || Boolean.TRUE.equals(file.force());
            }
            ProjectCommands.put(changes, "title", title);
            ProjectCommands.put(changes, "description", description != null ? description
                    : fromFile != null && !Payloads.isJson(fromFile) ? Files.text(app, fromFile) : null);
            ProjectCommands.put(changes, "type", type);
            ProjectCommands.put(changes, "priority", priority);
            ProjectCommands.put(changes, "assignee", assignee);
            ProjectCommands.put(changes, "source", source);
            ProjectCommands.put(changes, "external_ref", externalRef);
            ProjectCommands.put(changes, "project_path", projectPath);
            ProjectCommands.put(changes, "due_date", dueDate);
            Written w = commands().updateTask(ref, changes, toStatus, forced, base);
            return printWritten(w, w.events().isEmpty() ? "Nothing changed" : "Updated " + w.ref());
        }
    }

    @Command(name = "move", description = "Change a task's status (claim rules apply)")
    static final class Move extends Base {
        @Parameters(index = "0", paramLabel = "REF") String ref;
        @Parameters(index = "1", arity = "0..1", paramLabel = "STATUS") String positional;
        @Option(names = "--status") String status;
        @Option(names = "--force") boolean force;
        @Option(names = "--base-version", paramLabel = "N") String baseVersion;

        Move(App app) {
            super(app);
        }

        @Override
        int run() {
            String to = status != null ? status : positional;
            Written w = commands().moveTask(ref, to, force, Args.version(baseVersion));
            return printWritten(w, w.events().isEmpty() ? w.ref() + " is already " + to.toLowerCase(Locale.ROOT) : "Moved " + w.ref() + " to " + to.toLowerCase(Locale.ROOT));
        }
    }

    @Command(name = "claim", description = "Claim a task for the current actor")
    static final class Claim extends Base {
        @Parameters(paramLabel = "REF") String ref;
        @Option(names = "--lease", paramLabel = "D", description = "Lease, e.g. 90m, 2h, 1d, or never") String lease;

        Claim(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().claimTask(ref, lease);
            return printWritten(w, "Claimed " + w.ref() + " as " + s().actor());
        }
    }

    @Command(name = "release", description = "Release a claim")
    static final class Release extends Base {
        @Parameters(paramLabel = "REF") String ref;
        @Option(names = "--status") String status;
        @Option(names = "--force") boolean force;

        Release(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().releaseTask(ref, status, force);
            return printWritten(w, w.events().isEmpty() ? w.ref() + " was not claimed" : "Released " + w.ref());
        }
    }

    @Command(name = "next", description = "Show (or claim) the highest-ranked ready task")
    static final class Next extends Base {
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = {"-A", "--all-projects"}) boolean allProjects;
        @Option(names = "--type") List<String> type;
        @Option(names = "--label") List<String> label;
        @Option(names = "--priority") List<String> priority;
        @Option(names = "--claim") boolean claim;
        @Option(names = "--lease", paramLabel = "D") String lease;

        Next(App app) {
            super(app);
        }

        @Override
        int run() {
            String alias = s().projectFilter(project, allProjects);
            String projectId = alias == null ? null : queries().lookup().project(alias);
            ReadyTasks.Filter f = new ReadyTasks.Filter(projectId, types(type), Args.list(label), priorities(priority));
            if (claim) {
                Written w = commands().claimNext(f, lease);
                return printWritten(w, "Claimed " + w.ref() + " as " + s().actor());
            }
            if (lease != null) {
                dev.backlog.model.InputFormats.lease("lease", lease);
            }
            TaskView t = queries().next(f);
            TaskDetail d = queries().taskById(t.id());
            return print(d, null, () -> Render.task(d));
        }
    }

    /** Exactly one of {@code --blocks} / {@code --blocked-by}. */
    static final class LinkTarget {
        @Option(names = "--blocks", paramLabel = "REF2", required = true) String blocks;
        @Option(names = "--blocked-by", paramLabel = "REF2", required = true) String blockedBy;
    }

    @Command(name = "link", description = "Make a task block another")
    static final class Link extends Base {
        @Parameters(paramLabel = "REF") String ref;
        @ArgGroup(exclusive = true, multiplicity = "1") LinkTarget target;

        Link(App app) {
            super(app);
        }

        @Override
        int run() {
            boolean blocks = target.blocks != null;
            Written w = commands().linkTasks(ref, blocks ? target.blocks : target.blockedBy, blocks, true);
            return printWritten(w, w.events().isEmpty() ? "Already linked" : "Linked " + w.ref());
        }
    }

    @Command(name = "unlink", description = "Remove a blocks link")
    static final class Unlink extends Base {
        @Parameters(paramLabel = "REF") String ref;
        @ArgGroup(exclusive = true, multiplicity = "1") LinkTarget target;

        Unlink(App app) {
            super(app);
        }

        @Override
        int run() {
            boolean blocks = target.blocks != null;
            Written w = commands().linkTasks(ref, blocks ? target.blocks : target.blockedBy, blocks, false);
            return printWritten(w, w.events().isEmpty() ? "No such link" : "Unlinked " + w.ref());
        }
    }

    @Command(name = "archive", description = "Archive a task (releases its claim)")
    static final class Archive extends Base {
        @Parameters(paramLabel = "REF") String ref;

        Archive(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().archiveTask(ref, true);
            return printWritten(w, "Archived " + w.ref());
        }
    }

    @Command(name = "restore", description = "Restore an archived task")
    static final class Restore extends Base {
        @Parameters(paramLabel = "REF") String ref;

        Restore(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().archiveTask(ref, false);
            return printWritten(w, "Restored " + w.ref());
        }
    }

    @Command(name = "delete", description = "Delete a task (its number is never reused)")
    static final class Delete extends Base {
        @Parameters(paramLabel = "REF") String ref;

        Delete(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().deleteTask(ref);
            return printResult("delete", "task", w.id(), w.ref(), "Deleted " + w.ref());
        }
    }

    @Command(name = "history", description = "A task's events, oldest first")
    static final class History extends Base {
        @Parameters(paramLabel = "REF") String ref;
        @Option(names = "--limit") String limit;
        @Option(names = "--type", paramLabel = "T") List<String> type;
        @Option(names = "--after", paramLabel = "SEQ") String after;

        History(App app) {
            super(app);
        }

        @Override
        int run() {
            List<String> types = eventTypes(type);
            EventList l = queries().history(ref, Args.limit("limit", limit, 100, Integer.MAX_VALUE), types,
                    Args.optional("after", after));
            return print(l, null, () -> Render.history(l));
        }
    }

    static List<String> eventTypes(List<String> raw) {
        return Inputs.eventTypes(raw);
    }
}
