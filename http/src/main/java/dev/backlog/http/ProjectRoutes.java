package dev.backlog.http;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.commands.requests.AddProject;
import dev.backlog.query.Views.ProjectView;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/projects…} (§8.3), the HTTP face of {@code backlog project …}. */
final class ProjectRoutes {
    /** The body of {@code PATCH /api/projects/{alias}}: only given fields change. */
    record PatchProject(String alias, String name, String description, String repoPath, Long baseVersion) {}

    private ProjectRoutes() {
    }

    static void register(Router r) {
        r.get("/api/projects", c -> Reply.ok(c.db.read(q -> q.projects(c.flag("include_archived"), c.flag("archived")))));
        r.post("/api/projects", c -> {
            AddProject b = c.body(AddProject.class);
            return c.db.write(c.actor, w -> Rendered.created(w.commands().addProject(b.alias(), b.name(), b.description(), b.repoPath()), w.queries()));
        });
        r.get("/api/projects/{alias}", c -> {
            ProjectView p = c.db.read(q -> q.project(c.path("alias")));
            return Reply.ok(p).withEtag(p.version());
        });
        r.patch("/api/projects/{alias}", c -> {
            PatchProject b = c.body(PatchProject.class);
            Map<String, String> changes = new LinkedHashMap<>();
            put(changes, "alias", b.alias());
            put(changes, "name", b.name());
            put(changes, "description", b.description());
            put(changes, "repo_path", b.repoPath());
            Long base = c.baseVersion(b.baseVersion());
            return c.db.write(c.actor, w -> Rendered.ok(w.commands().updateProject(c.path("alias"), changes, base), w.queries()));
        });
        r.delete("/api/projects/{alias}", c -> {
            c.db.write(c.actor, w -> w.commands().deleteProject(c.path("alias")));
            return Reply.noContent();
        });
        r.post("/api/projects/{alias}/archive", c -> archive(c, true));
        r.post("/api/projects/{alias}/restore", c -> archive(c, false));
    }

    private static Reply archive(Call c, boolean archived) {
        c.noFields();
        return c.db.write(c.actor, w -> {
            Written written = w.commands().archiveProject(c.path("alias"), archived);
            return Rendered.ok(written, w.queries());
        });
    }

    static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }
}
