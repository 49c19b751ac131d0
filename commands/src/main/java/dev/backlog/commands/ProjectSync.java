package dev.backlog.commands;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.CommandService.NewProject;
import dev.backlog.model.BacklogException;
import dev.backlog.projector.Db;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@code sync} (SPEC §12.7): the projects of a committed {@code backlog.json} manifest that the workspace lacks are
 * created, in one transaction under one correlation id; existing ones are never changed (their differences are only
 * reported) and nothing is deleted.
 */
public final class ProjectSync {
    private static final Set<String> FILE_KEYS = Set.of("version", "name", "description", "projects");
    private static final Set<String> PROJECT_KEYS = Set.of("alias", "name", "description", "repo_path");
    private static final String PROJECT = "SELECT name, description, repo_path FROM projects WHERE alias = ?";

    /** The §12.7 report. */
    public record Report(List<String> added, List<String> existing, List<Differs> differs) {
        public static final Report NOTHING = new Report(List.of(), List.of(), List.of());
    }

    /** An existing project whose manifest entry says otherwise, and in which fields. */
    public record Differs(String alias, List<String> fields) {}

    private record Existing(String name, String description, String repoPath) {}

    private final CommandService commands;
    private final Db db;

    public ProjectSync(CommandService commands, Db db) {
        this.commands = commands;
        this.db = db;
    }

    public Report run(JsonNode manifest, boolean dryRun) {
        List<NewProject> projects = parse(manifest);
        return commands.command(() -> {
            List<String> added = new ArrayList<>();
            List<String> existing = new ArrayList<>();
            List<Differs> differs = new ArrayList<>();
            String correlation = Ids.next();
            for (NewProject p : projects) {
                Existing e = db.one(PROJECT, rs -> new Existing(rs.getString(1), rs.getString(2), rs.getString(3)), p.alias()).orElse(null);
                if (e == null) {
                    if (!dryRun) {
                        commands.createProject(p, correlation);
                    }
                    added.add(p.alias());
                    continue;
                }
                existing.add(p.alias());
                List<String> fields = new ArrayList<>();
                if (!Objects.equals(e.name(), p.name())) {
                    fields.add("name");
                }
                if (p.description() != null && !Objects.equals(e.description(), p.description())) {
                    fields.add("description");
                }
                if (p.repoPath() != null && !Objects.equals(e.repoPath(), p.repoPath())) {
                    fields.add("repo_path");
                }
                if (!fields.isEmpty()) {
                    differs.add(new Differs(p.alias(), fields));
                }
            }
            return new Report(added, existing, differs);
        });
    }

    /** The manifest's projects, validated: {@code version} 1, known keys, alias and name required, no alias twice. */
    private List<NewProject> parse(JsonNode m) {
        if (m == null || !m.isObject()) {
            throw BacklogException.invalid("file", null, "backlog.json is a JSON object {\"version\":1, \"projects\":[…]}");
        }
        JsonFields.onlyKnownKeys(m, FILE_KEYS, "", " in backlog.json");
        JsonNode version = m.get("version");
        if (version == null || !version.isIntegralNumber() || version.asInt() != 1) {
            throw BacklogException.invalid("version", version == null ? null : version.toString(), "backlog.json version must be 1");
        }
        JsonNode list = m.get("projects");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw BacklogException.invalid("projects", null, "\"projects\" must be an array");
        }
        List<NewProject> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode p : list) {
            if (!p.isObject()) {
                throw BacklogException.invalid("projects", null, "every project is an object {alias, name, description?, repo_path?}");
            }
            JsonFields.onlyKnownKeys(p, PROJECT_KEYS, "projects.", " in backlog.json");
            String alias = JsonFields.text(p, "alias", "alias");
            String name = JsonFields.text(p, "name", "name");
            if (alias == null || name == null) {
                throw BacklogException.invalid(alias == null ? "projects.alias" : "projects.name", null, "every project needs an alias and a name");
            }
            NewProject np = commands.prepareProject(alias, name, JsonFields.text(p, "description", "description"), JsonFields.text(p, "repo_path", "repo_path"));
            if (!seen.add(alias)) {
                throw BacklogException.invalid("projects.alias", alias, "alias '" + alias + "' appears twice in backlog.json");
            }
            out.add(np);
        }
        return out;
    }

}
