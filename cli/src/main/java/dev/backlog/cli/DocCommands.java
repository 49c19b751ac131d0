package dev.backlog.cli;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.query.Views.DocList;
import dev.backlog.query.Views.DocView;
import dev.backlog.query.Views.VersionList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog doc …} (SPEC §3.6): versioned project documents. */
@Command(name = "doc", description = "Versioned project documents")
final class DocCommands extends Group {
    DocCommands(App app) {
        super(app);
    }

    @Command(name = "add", description = "Create a doc")
    static final class Add extends Base {
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = "--title", required = true) String title;
        @Option(names = "--content") String content;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;
        @Option(names = "--change-note") String changeNote;

        Add(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().addDoc(s().projectTarget(project), title, content(content, fromFile), changeNote);
            return printWritten(w, "Created doc " + w.id());
        }
    }

    @Command(name = "list", description = "Docs, most recently changed first")
    static final class ListCmd extends Base {
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = {"-A", "--all-projects"}) boolean allProjects;

        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            DocList l = queries().docs(s().projectFilter(project, allProjects));
            return print(l, null, () -> ContextRender.docs(l));
        }
    }

    @Command(name = "show", description = "Show a doc (current version or --version N)")
    static final class Show extends Base {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--version", paramLabel = "N") String version;

        Show(App app) {
            super(app);
        }

        @Override
        int run() {
            DocView d = queries().doc(id, Args.optional("version", version));
            return print(d, null, () -> ContextRender.doc(d));
        }
    }

    @Command(name = "update", description = "Write a new version (omitted fields keep their values)")
    static final class Update extends Base {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--title") String title;
        @Option(names = "--content") String content;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;
        @Option(names = "--change-note") String changeNote;
        @Option(names = "--base-version", paramLabel = "N") String baseVersion;

        Update(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().reviseDoc(id, title, content(content, fromFile), changeNote, Args.version(baseVersion));
            DocView d = queries().doc(w.id(), null);
            return print(d, "Doc " + d.id() + " is now at version " + d.currentVersion(), () -> ContextRender.doc(d));
        }
    }

    @Command(name = "append", description = "Append text to a doc as a new version")
    static final class Append extends Base {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--content") String content;
        @Option(names = "--from-file", paramLabel = "F") String fromFile;
        @Option(names = "--change-note") String changeNote;

        Append(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().appendDoc(id, content(content, fromFile), changeNote);
            DocView d = queries().doc(w.id(), null);
            return print(d, "Doc " + d.id() + " is now at version " + d.currentVersion(), () -> ContextRender.doc(d));
        }
    }

    @Command(name = "history", description = "Every version of a doc, oldest first")
    static final class History extends Base {
        @Parameters(paramLabel = "ID") String id;

        History(App app) {
            super(app);
        }

        @Override
        int run() {
            VersionList l = queries().docHistory(id);
            return print(l, null, () -> ContextRender.versions(l));
        }
    }

    @Command(name = "diff", description = "Unified diff between two versions (default: previous → current)")
    static final class Diff extends Base {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--from", paramLabel = "N") String from;
        @Option(names = "--to", paramLabel = "M") String to;

        Diff(App app) {
            super(app);
        }

        @Override
        int run() {
            dev.backlog.query.Views.DocDiff d = queries().docDiff(id, Args.optional("from", from),
                    Args.optional("to", to));
            return print(d, null, d::diff);
        }
    }

    @Command(name = "delete", description = "Delete a doc and its attachments")
    static final class Delete extends Base {
        @Parameters(paramLabel = "ID") String id;

        Delete(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = context().deleteDoc(id);
            return printResult("delete", "doc", w.id(), null, "Deleted doc " + w.id());
        }
    }
}
