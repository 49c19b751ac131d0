package dev.backlog.cli;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.query.Views.MemoryList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog memory …} (SPEC §3.6): tagged project notes that persist context for agents. */
@Command(name = "memory", description = "Tagged notes that persist context for agents")
final class MemoryCommands extends Group {
    MemoryCommands(App app) {
        super(app);
    }

    @Command(name = "add", description = "Add a memory entry")
    static final class Add extends Base {
        @Parameters(arity = "0..1", paramLabel = "BODY") String body;
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = "--tag", paramLabel = "T") List<String> tags;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;

        Add(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().addMemory(s().projectTarget(project), content(body, fromFile), Args.list(tags));
            return printWritten(w, "Added memory entry " + w.id());
        }
    }

    @Command(name = "list", description = "Memory entries, newest first")
    static final class ListCmd extends Base {
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = {"-A", "--all-projects"}) boolean allProjects;
        @Option(names = "--tag", paramLabel = "T") String tag;
        @Option(names = "--limit") String limit;

        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            MemoryList l = queries().memories(s().projectFilter(project, allProjects), tag, Args.limit("limit", limit, 50, Integer.MAX_VALUE));
            return print(l, null, () -> ContextRender.memories(l));
        }
    }

    @Command(name = "show", description = "Show a memory entry")
    static final class Show extends Base {
        @Parameters(paramLabel = "ID") String id;

        Show(App app) {
            super(app);
        }

        @Override
        int run() {
            var m = queries().memory(id);
            return print(m, null, () -> ContextRender.memory(m));
        }
    }

    @Command(name = "append", description = "Append text on a new line")
    static final class Append extends Base {
        @Parameters(index = "0", paramLabel = "ID") String id;
        @Parameters(index = "1", arity = "0..1", paramLabel = "TEXT") String text;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;

        Append(App app) {
            super(app);
        }

        @Override
        int run() {
            return printWritten(context().appendMemory(id, content(text, fromFile)), "Appended to memory entry");
        }
    }

    @Command(name = "update", description = "Replace the body and/or the tags")
    static final class Update extends Base {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--body", paramLabel = "B") String body;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;
        @Option(names = "--tag", paramLabel = "T") List<String> tags;
        @Option(names = "--base-version", paramLabel = "N") String baseVersion;

        Update(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().updateMemory(id, content(body, fromFile), tags == null ? null : Args.list(tags), Args.version(baseVersion));
            return printWritten(w, w.events().isEmpty() ? "Nothing changed" : "Updated memory entry");
        }
    }

    @Command(name = "delete", description = "Delete a memory entry")
    static final class Delete extends Base {
        @Parameters(paramLabel = "ID") String id;

        Delete(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().deleteMemory(id);
            return printResult("delete", "memory", w.id(), null, "Deleted memory entry " + w.id());
        }
    }
}
