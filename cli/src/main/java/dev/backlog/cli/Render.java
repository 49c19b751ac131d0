package dev.backlog.cli;

import dev.backlog.model.Priority;
import dev.backlog.query.Views.*;
import java.util.ArrayList;
import java.util.List;

/** Text renderings of the §2.5 documents. */
final class Render {
    private Render() {
    }

    static String claim(ClaimView c) {
        if (c == null) {
            return "-";
        }
        return c.actor() + (c.expired() ? " (expired)" : c.leaseExpiresAt() == null ? "" : " until " + Text.time(c.leaseExpiresAt()));
    }

    static String task(TaskDetail d) {
        TaskView t = d.task();
        List<String[]> p = new ArrayList<>();
        p.add(new String[] {"Ref", t.ref()});
        p.add(new String[] {"ID", t.id()});
        p.add(new String[] {"Project", t.project().alias()});
        p.add(new String[] {"Title", t.title()});
        p.add(new String[] {"Type", t.type()});
        p.add(new String[] {"Status", t.status() + (t.ready() ? " (ready)" : "")});
        p.add(new String[] {"Priority", "P" + t.priority() + " " + Priority.label(t.priority())});
        p.add(new String[] {"Assignee", Text.orDash(t.assignee())});
        p.add(new String[] {"Due", t.dueAt() == null ? "-" : Text.time(t.dueAt())});
        p.add(new String[] {"Claim", claim(t.claim())});
        p.add(new String[] {"Blocked by", t.blockedBy().isEmpty() ? "-" : String.join(", ", t.blockedBy())});
        p.add(new String[] {"Blocks", t.blocks().isEmpty() ? "-" : String.join(", ", t.blocks())});
        p.add(new String[] {"Labels", t.labels().isEmpty() ? "-" : String.join(", ", t.labels())});
        p.add(new String[] {"Source", Text.orDash(t.source())});
        p.add(new String[] {"External ref", Text.orDash(t.externalRef())});
        p.add(new String[] {"Path", Text.orDash(t.projectPath())});
        p.add(new String[] {"Creator", t.actor().toString()});
        p.add(new String[] {"Created", Text.time(t.createdAt())});
        p.add(new String[] {"Updated", Text.time(t.updatedAt())});
        p.add(new String[] {"Completed", Text.time(t.completedAt())});
        if (t.archivedAt() != null) {
            p.add(new String[] {"Archived", Text.time(t.archivedAt())});
        }
        p.add(new String[] {"Version", Long.toString(t.version())});
        if (d.asOf() != null) {
            p.add(new String[] {"As of", "seq " + d.asOf().seq() + " (" + Text.time(d.asOf().time()) + ")"});
        }
        StringBuilder sb = new StringBuilder(Text.block(p));
        if (t.description() != null) {
            sb.append("\n").append(t.description()).append('\n');
        }
        sb.append("\nPlans: ").append(d.plans().isEmpty() ? "-" : Integer.toString(d.plans().size())).append('\n');
        sb.append("Comments:").append(d.comments().isEmpty() ? " -" : "").append('\n');
        for (CommentView c : d.comments()) {
            sb.append("  ").append(Text.time(c.createdAt())).append("  ").append(c.actor()).append(": ")
                    .append(Text.truncate(c.body(), 100)).append('\n');
        }
        sb.append("Attachments: ").append(d.attachments().isEmpty() ? "-" : Integer.toString(d.attachments().size())).append('\n');
        return sb.toString();
    }

    static String tasks(TaskList l, boolean defaultScope) {
        StringBuilder sb = new StringBuilder();
        if (l.scope().project() != null) {
            sb.append("project: ").append(l.scope().project()).append(defaultScope ? " (default)" : "").append('\n');
        }
        if (l.asOf() != null) {
            sb.append("as of seq ").append(l.asOf().seq()).append('\n');
        }
        List<List<String>> rows = new ArrayList<>();
        for (TaskView t : l.tasks()) {
            rows.add(List.of(t.ref(), "P" + t.priority(), t.type(), t.status(), Text.truncate(t.title(), 60), t.project().alias(),
                    t.labels().isEmpty() ? "-" : String.join(",", t.labels()), t.claim() == null ? "-" : t.claim().actor().toString()));
        }
        sb.append(Text.table(List.of("REF", "P", "TYPE", "STATUS", "TITLE", "PROJECT", "LABELS", "CLAIM"), rows));
        sb.append("showing ").append(l.page().count()).append(" of ").append(l.page().total()).append('\n');
        return sb.toString();
    }

    static String project(ProjectView p) {
        List<String[]> b = new ArrayList<>();
        b.add(new String[] {"Alias", p.alias()});
        b.add(new String[] {"ID", p.id()});
        b.add(new String[] {"Name", p.name()});
        b.add(new String[] {"Description", Text.orDash(p.description())});
        b.add(new String[] {"Repo", Text.orDash(p.repoPath())});
        b.add(new String[] {"Tasks", "todo " + p.counts().todo() + " · doing " + p.counts().doing() + " · review "
                + p.counts().review() + " · done " + p.counts().done()});
        b.add(new String[] {"Creator", p.actor().toString()});
        b.add(new String[] {"Created", Text.time(p.createdAt())});
        b.add(new String[] {"Updated", Text.time(p.updatedAt())});
        if (p.archivedAt() != null) {
            b.add(new String[] {"Archived", Text.time(p.archivedAt())});
        }
        b.add(new String[] {"Version", Long.toString(p.version())});
        return Text.block(b);
    }

    static String projects(ProjectList l, String defaultAlias) {
        List<List<String>> rows = new ArrayList<>();
        for (ProjectView p : l.projects()) {
            rows.add(List.of(p.alias().equals(defaultAlias) ? "*" : " ", p.alias(), p.name(), Long.toString(p.counts().todo()),
                    Long.toString(p.counts().doing()), Long.toString(p.counts().review()), Long.toString(p.counts().done()),
                    Text.orDash(p.repoPath()), Text.time(p.createdAt())));
        }
        return Text.table(List.of(" ", "ALIAS", "NAME", "TODO", "DOING", "REVIEW", "DONE", "REPO", "CREATED"), rows);
    }

    static String label(LabelView l) {
        return Text.block(List.of(new String[] {"Name", l.name()}, new String[] {"ID", l.id()},
                new String[] {"Color", Text.orDash(l.color())}, new String[] {"Tasks", Long.toString(l.taskCount())}));
    }

    static String labels(LabelList l) {
        List<List<String>> rows = new ArrayList<>();
        for (LabelView v : l.labels()) {
            rows.add(List.of(v.name(), Text.orDash(v.color()), Long.toString(v.taskCount())));
        }
        return Text.table(List.of("NAME", "COLOR", "TASKS"), rows);
    }

    static String comment(CommentView c) {
        return Text.block(List.of(new String[] {"ID", c.id()}, new String[] {"Task", c.taskRef()},
                new String[] {"Author", c.actor().toString()}, new String[] {"Created", Text.time(c.createdAt())})) + "\n" + c.body() + "\n";
    }

    static String comments(CommentList l) {
        StringBuilder sb = new StringBuilder();
        for (CommentView c : l.comments()) {
            sb.append(Text.time(c.createdAt())).append("  ").append(c.actor()).append("  ").append(c.id()).append('\n')
                    .append(c.body()).append("\n\n");
        }
        return sb.length() == 0 ? "no comments\n" : sb.toString();
    }

    static String history(EventList l) {
        List<List<String>> rows = new ArrayList<>();
        for (EventView e : l.events()) {
            rows.add(List.of(Long.toString(e.seq()), Text.time(e.occurredAt()), e.actorKind() + ":" + e.actorName(), e.type(), e.summary()));
        }
        return Text.table(List.of("SEQ", "TIME", "ACTOR", "TYPE", "SUMMARY"), rows);
    }

    static String activity(EventList l) {
        StringBuilder sb = new StringBuilder();
        for (EventView e : l.events()) {
            sb.append(Text.time(e.occurredAt())).append("  ").append(e.seq()).append("  [").append(e.entity().kind()).append("] ")
                    .append(e.summary()).append("  by ").append(e.actorKind()).append(':').append(e.actorName()).append('\n');
        }
        if (l.page() != null) {
            sb.append("showing ").append(l.page().count()).append(" of ").append(l.page().total()).append('\n');
        }
        return sb.toString();
    }
}
