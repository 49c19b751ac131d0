package dev.backlog.cli;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.model.BacklogException;
import dev.backlog.query.Views.ProjectList;
import dev.backlog.query.Views.ProjectView;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog project …} (SPEC §3.2). */
@Command(name = "project", aliases = {"proj", "p"}, description = "Manage projects")
final class ProjectCommands extends Group {
    ProjectCommands(App app) {
        super(app);
    }

    @Command(name = "add", description = "Create a project")
    static final class Add extends Base {
        @Parameters(arity = "0..1", paramLabel = "NAME") String name;
        @Option(names = "--alias", required = true, description = "Alias: ^[a-z0-9][a-z0-9-]{0,63}$") String alias;
        @Option(names = "--description") String description;
        @Option(names = "--repo-path") String repoPath;

        Add(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().addProject(alias, name, description, repoPath);
            return printWritten(w, "Created project " + alias);
        }
    }

    @Command(name = "list", description = "List projects")
    static final class ListCmd extends Base {
        @Option(names = "--include-archived") boolean includeArchived;
        @Option(names = "--archived", description = "Only archived projects") boolean archived;

        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            ProjectList l = queries().projects(includeArchived, archived);
            return print(l, null, () -> Render.projects(l, s().defaultProject()));
        }
    }

    @Command(name = "show", description = "Show a project")
    static final class Show extends Base {
        @Parameters(paramLabel = "ALIAS") String alias;

        Show(App app) {
            super(app);
        }

        @Override
        int run() {
            ProjectView p = queries().project(alias);
            return print(p, null, () -> Render.project(p));
        }
    }

    @Command(name = "update", description = "Change a project's fields")
    static final class Update extends Base {
        @Parameters(paramLabel = "ALIAS") String alias;
        @Option(names = "--name") String name;
        @Option(names = "--description") String description;
        @Option(names = "--repo-path") String repoPath;
        @Option(names = "--alias", paramLabel = "NEW") String newAlias;
        @Option(names = "--base-version", paramLabel = "N") String baseVersion;

        Update(App app) {
            super(app);
        }

        @Override
        int run() {
            Map<String, String> changes = new LinkedHashMap<>();
            put(changes, "alias", newAlias);
            put(changes, "name", name);
            put(changes, "description", description);
            put(changes, "repo_path", repoPath);
            Written w = commands().updateProject(alias, changes, Args.version(baseVersion));
            if (newAlias != null && alias.equals(s().defaultProject())) {
                TomlFiles.setTopLevel(s().workspaceDir().resolve("backlog.toml"), "default_project", newAlias);
            }
            return printWritten(w, w.events().isEmpty() ? "Nothing changed" : "Updated project " + (newAlias != null ? newAlias : alias));
        }
    }

    static void put(Map<String, String> m, String k, String v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    @Command(name = "archive", description = "Archive a project (hides it and its tasks)")
    static final class Archive extends Base {
        @Parameters(paramLabel = "ALIAS") String alias;

        Archive(App app) {
            super(app);
        }

        @Override
        int run() {
            return printWritten(commands().archiveProject(alias, true), "Archived project " + alias);
        }
    }

    @Command(name = "restore", description = "Restore an archived project")
    static final class Restore extends Base {
        @Parameters(paramLabel = "ALIAS") String alias;

        Restore(App app) {
            super(app);
        }

        @Override
        int run() {
            return printWritten(commands().archiveProject(alias, false), "Restored project " + alias);
        }
    }

    @Command(name = "delete", description = "Delete an archived project and everything in it")
    static final class Delete extends Base {
        @Parameters(paramLabel = "ALIAS") String alias;

        Delete(App app) {
            super(app);
        }

        @Override
        int run() {
            Written w = commands().deleteProject(alias);
            if (w.ref() != null && w.ref().equals(s().defaultProject())) {
                TomlFiles.setTopLevel(s().workspaceDir().resolve("backlog.toml"), "default_project", null);
            }
            return printResult("delete", "project", w.id(), w.ref(), "Deleted project " + w.ref());
        }
    }

    abstract static class DefaultSetter extends Base {
        @Parameters(paramLabel = "ALIAS") String alias;

        DefaultSetter(App app) {
            super(app);
        }

        int set(String action) {
            ProjectView p = queries().project(alias);
            TomlFiles.setTopLevel(s().workspaceDir().resolve("backlog.toml"), "default_project", p.alias());
            return printResult(action, "project", p.id(), p.alias(), "Default project is now " + p.alias());
        }
    }

    @Command(name = "set-default", description = "Make a project the default of this workspace")
    static final class SetDefault extends DefaultSetter {
        SetDefault(App app) {
            super(app);
        }

        @Override
        int run() {
            return set("set-default");
        }
    }

    @Command(name = "use", description = "Same as set-default")
    static final class Use extends DefaultSetter {
        Use(App app) {
            super(app);
        }

        @Override
        int run() {
            return set("use");
        }
    }

    record CurrentResult(String defaultProject, ProjectView project, String status) {}

    @Command(name = "current", description = "Show the default project")
    static final class Current extends Base {
        Current(App app) {
            super(app);
        }

        @Override
        int run() {
            String alias = s().defaultProject();
            ProjectView p = null;
            String status = "unset";
            if (alias != null) {
                try {
                    p = queries().project(alias);
                    status = "ok";
                } catch (BacklogException e) {
                    status = "missing";
                }
            }
            ProjectView shown = p;
            String st = status;
            return print(new CurrentResult(alias, p, status), null,
                    () -> alias == null ? "no default project\n" : "default project: " + alias + ("ok".equals(st) ? "" : " (" + st + ")")
                            + (shown == null ? "" : "\n" + Render.project(shown)));
        }
    }

    @Command(name = "clear-default", description = "Remove the default project")
    static final class ClearDefault extends Base {
        ClearDefault(App app) {
            super(app);
        }

        @Override
        int run() {
            s().dbFile();
            TomlFiles.setTopLevel(s().workspaceDir().resolve("backlog.toml"), "default_project", null);
            return printResult("clear-default", "project", null, null, "Default project cleared");
        }
    }
}
