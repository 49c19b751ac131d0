package dev.backlog.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.WorkspaceDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog profile …} (SPEC §3.11): named workspaces in the global config only. */
@Command(name = "profile", description = "Named workspaces (global config)")
final class ProfileCommands extends Group {
    ProfileCommands(App app) {
        super(app);
    }

    record ProfileView(String name, String path, @JsonProperty("default") boolean isDefault, boolean exists) {}

    record ProfileList(List<ProfileView> profiles) {}

    record CurrentProfile(String profile, String path, String status) {}

    static ProfileView view(Session s, String name) {
        Config g = s.global();
        String path = g.profiles.get(name);
        if (path == null) {
            throw new BacklogException(ErrorCode.PROFILE_NOT_FOUND, "unknown profile '" + name + "'", Map.of("profile", name));
        }
        String expanded = WorkspaceLocator.expand(path, s.env);
        return new ProfileView(name, expanded, name.equals(g.get("default_profile")),
                Files.isRegularFile(s.cwd.resolve(expanded).resolve(WorkspaceDatabase.FILE)));
    }

    @Command(name = "add", description = "Register a workspace directory under a name")
    static final class Add extends Base {
        @Parameters(paramLabel = "NAME") String name;
        @Option(names = "--path", paramLabel = "DIR", required = true) String path;

        Add(App app) {
            super(app);
        }

        @Override
        int run() {
            Profiles.checkName(name);
            Path dir = app.cwd.resolve(WorkspaceLocator.expand(path, app.env)).toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve(WorkspaceDatabase.FILE))) {
                throw new BacklogException(ErrorCode.WORKSPACE_NOT_FOUND, "no backlog.db in " + dir, Map.of("path", dir.toString()));
            }
            if (s().global().profiles.containsKey(name)) {
                throw new BacklogException(ErrorCode.DUPLICATE_PROFILE, "profile '" + name + "' already exists", Map.of("profile", name));
            }
            boolean isDefault = Profiles.register(s(), name, dir, false);
            ProfileView v = new ProfileView(name, dir.toString(), isDefault, true);
            return print(v, "Added profile " + name, () -> name + " → " + v.path() + "\n");
        }
    }

    @Command(name = "list", description = "List profiles")
    static final class ListCmd extends Base {
        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            List<ProfileView> all = new ArrayList<>();
            for (String name : new TreeMap<>(s().global().profiles).keySet()) {
                all.add(view(s(), name));
            }
            return print(new ProfileList(all), null, () -> {
                List<List<String>> rows = new ArrayList<>();
                all.forEach(p -> rows.add(List.of(p.isDefault() ? "*" : " ", p.name(), p.path(), p.exists() ? "" : "(missing)")));
                return Text.table(List.of(" ", "NAME", "PATH", ""), rows);
            });
        }
    }

    @Command(name = "show", description = "Show a profile")
    static final class Show extends Base {
        @Parameters(paramLabel = "NAME") String name;

        Show(App app) {
            super(app);
        }

        @Override
        int run() {
            ProfileView v = view(s(), name);
            return print(v, null, () -> name + " → " + v.path() + (v.exists() ? "" : " (missing)") + "\n");
        }
    }

    abstract static class Defaulter extends Base {
        @Parameters(paramLabel = "NAME") String name;

        Defaulter(App app) {
            super(app);
        }

        int set(String action) {
            view(s(), name);
            Config.writeGlobal(Config.globalFile(app.env), name, new LinkedHashMap<>(s().global().profiles));
            return printResult(action, "profile", null, name, "Default profile is now " + name);
        }
    }

    @Command(name = "set-default", description = "Make a profile the default")
    static final class SetDefault extends Defaulter {
        SetDefault(App app) {
            super(app);
        }

        @Override
        int run() {
            return set("set-default");
        }
    }

    @Command(name = "use", description = "Same as set-default")
    static final class Use extends Defaulter {
        Use(App app) {
            super(app);
        }

        @Override
        int run() {
            return set("use");
        }
    }

    @Command(name = "current", description = "Show the default profile")
    static final class Current extends Base {
        Current(App app) {
            super(app);
        }

        @Override
        int run() {
            String def = s().global().get("default_profile");
            CurrentProfile c;
            if (def == null) {
                c = new CurrentProfile(null, null, "unset");
            } else if (!s().global().profiles.containsKey(def)) {
                c = new CurrentProfile(def, null, "missing");
            } else {
                ProfileView v = view(s(), def);
                c = new CurrentProfile(def, v.path(), v.exists() ? "ok" : "missing");
            }
            return print(c, null, () -> c.profile() == null ? "no default profile\n" : c.profile() + " (" + c.status() + ")\n");
        }
    }

    @Command(name = "clear-default", description = "Remove the default profile")
    static final class ClearDefault extends Base {
        ClearDefault(App app) {
            super(app);
        }

        @Override
        int run() {
            Config.writeGlobal(Config.globalFile(app.env), null, new LinkedHashMap<>(s().global().profiles));
            return printResult("clear-default", "profile", null, null, "Default profile cleared");
        }
    }

    @Command(name = "remove", description = "Forget a profile (workspace files untouched)")
    static final class Remove extends Base {
        @Parameters(paramLabel = "NAME") String name;

        Remove(App app) {
            super(app);
        }

        @Override
        int run() {
            view(s(), name);
            Map<String, String> profiles = new LinkedHashMap<>(s().global().profiles);
            profiles.remove(name);
            String def = s().global().get("default_profile");
            Config.writeGlobal(Config.globalFile(app.env), name.equals(def) ? null : def, profiles);
            return printResult("remove", "profile", null, name, "Removed profile " + name);
        }
    }
}
