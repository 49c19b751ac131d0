package dev.backlog.cli;

import dev.backlog.query.Views.*;
import java.util.ArrayList;
import java.util.List;

/** Text renderings of plans, docs and memory entries. */
final class ContextRender {
    private ContextRender() {
    }

    static String plan(PlanView p) {
        return Text.block(List.of(new String[] {"Plan", p.id()}, new String[] {"Task", p.taskRef()},
                new String[] {"Title", p.version().title()}, new String[] {"Version", p.version().version() + " of " + p.currentVersion()},
                new String[] {"Source", Text.orDash(p.source())}, new String[] {"Author", p.version().actor().toString()},
                new String[] {"Note", Text.orDash(p.version().changeNote())}, new String[] {"Updated", Text.time(p.updatedAt())}))
                + "\n" + p.version().body() + "\n";
    }

    static String plans(PlanList l) {
        List<List<String>> rows = new ArrayList<>();
        for (PlanView p : l.plans()) {
            rows.add(List.of(p.id(), Long.toString(p.currentVersion()), Text.truncate(p.version().title(), 50), p.taskRef(),
                    p.version().actor().toString(), Text.time(p.updatedAt())));
        }
        return Text.table(List.of("ID", "VER", "TITLE", "TASK", "ACTOR", "UPDATED"), rows);
    }

    static String versions(VersionList l) {
        List<List<String>> rows = new ArrayList<>();
        for (VersionView v : l.versions()) {
            rows.add(List.of(Long.toString(v.version()), Text.truncate(v.title(), 40), v.actor().toString(),
                    Text.truncate(v.changeNote(), 40), Text.time(v.createdAt())));
        }
        return Text.table(List.of("VER", "TITLE", "ACTOR", "NOTE", "CREATED"), rows);
    }

    static String doc(DocView d) {
        return Text.block(List.of(new String[] {"Doc", d.id()}, new String[] {"Project", d.project().alias()},
                new String[] {"Title", d.version().title()}, new String[] {"Version", d.version().version() + " of " + d.currentVersion()},
                new String[] {"Author", d.version().actor().toString()}, new String[] {"Note", Text.orDash(d.version().changeNote())},
                new String[] {"Updated", Text.time(d.updatedAt())})) + "\n" + d.version().body() + "\n";
    }

    static String docs(DocList l) {
        List<List<String>> rows = new ArrayList<>();
        for (DocView d : l.docs()) {
            rows.add(List.of(d.id(), Text.truncate(d.title(), 50), Long.toString(d.currentVersion()), d.project().alias(),
                    Text.time(d.updatedAt())));
        }
        return Text.table(List.of("ID", "TITLE", "VER", "PROJECT", "UPDATED"), rows);
    }

    static String memory(MemoryView m) {
        return Text.block(List.of(new String[] {"Memory", m.id()}, new String[] {"Project", m.project().alias()},
                new String[] {"Tags", m.tags().isEmpty() ? "-" : String.join(", ", m.tags())},
                new String[] {"Author", m.actor().toString()}, new String[] {"Updated", Text.time(m.updatedAt())},
                new String[] {"Version", Long.toString(m.version())})) + "\n" + m.body() + "\n";
    }

    static String memories(MemoryList l) {
        List<List<String>> rows = new ArrayList<>();
        for (MemoryView m : l.entries()) {
            rows.add(List.of(m.id(), Text.time(m.createdAt()), m.project().alias(), m.tags().isEmpty() ? "-" : String.join(",", m.tags()),
                    Text.truncate(m.body(), 60), m.actor().toString()));
        }
        return Text.table(List.of("ID", "DATE", "PROJECT", "TAGS", "BODY", "ACTOR"), rows);
    }

    static String diff(PlanDiff d) {
        return d.diff();
    }
}
