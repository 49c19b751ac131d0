package dev.backlog.cli;

import dev.backlog.commands.CommandService;
import dev.backlog.commands.Settings;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.InputFormats;
import dev.backlog.model.Priority;
import dev.backlog.model.Status;
import dev.backlog.model.TaskType;
import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import dev.backlog.query.QueryService;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one CLI invocation resolves, lazily and at most once: configuration files, the workspace, the actor,
 * the database connection and the services over it. Commands that need no workspace never open one.
 */
final class Session implements AutoCloseable {
    final App.Globals globals;
    final Map<String, String> env;
    final Path cwd;
    final PrintStream out;
    final PrintStream err;
    final Clock clock = Clock.systemUTC();
    private Config global;
    private Path dbFile;
    private Config workspace;
    private Actor actor;
    private Settings settings;
    private Db db;
    private CommandService commands;
    private QueryService queries;

    Session(App.Globals globals, Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
        this.globals = globals;
        this.env = env;
        this.cwd = cwd;
        this.out = out;
        this.err = err;
    }

    Config global() {
        if (global == null) {
            global = Config.load(Config.globalFile(env), true, err);
        }
        return global;
    }

    Path dbFile() {
        if (dbFile == null) {
            dbFile = WorkspaceLocator.locate(globals.db, globals.profile, env, cwd, global());
        }
        return dbFile;
    }

    Path workspaceDir() {
        return dbFile().getParent();
    }

    Config workspace() {
        if (workspace == null) {
            Path dir = workspaceDir();
            Path toml = dir.resolve("backlog.toml");
            workspace = Config.load(java.nio.file.Files.isRegularFile(toml) ? toml : dir.resolve("config.toml"), false, err);
        }
        return workspace;
    }

    /** A configuration value: workspace file over global file; {@code null} when unset. */
    String setting(String key) {
        String v = workspace().get(key);
        return v != null ? v : global().get(key);
    }

    private Config sourceOf(String key) {
        return workspace().get(key) != null ? workspace() : global();
    }

    Actor actor() {
        if (actor == null) {
            if (globals.as != null) {
                actor = Actor.parse(globals.as);
            } else if (env.get("BACKLOG_ACTOR") != null && !env.get("BACKLOG_ACTOR").isEmpty()) {
                actor = Actor.parse(env.get("BACKLOG_ACTOR"));
            } else if (workspaceAvailable() && setting("defaults.actor") != null) {
                actor = Actor.parse(setting("defaults.actor"));
            } else if (global().get("defaults.actor") != null) {
                actor = Actor.parse(global().get("defaults.actor"));
            } else {
                actor = Actor.fromUser(env.get("USER"));
            }
        }
        return actor;
    }

    /**
     * Validates the actor (flag, environment or configuration) and the output settings before the command runs,
     * so an invalid value fails the same way on reads and writes, before anything is written.
     */
    void checkActorAndOutput() {
        if (globals.as != null) {
            Actor.parse(globals.as);
        }
        boolean ws = workspaceAvailable();
        for (String key : new String[] {"output.format", "output.color"}) {
            String v = ws ? setting(key) : global().get(key);
            java.util.List<String> allowed = key.equals("output.format") ? java.util.List.of("table", "json")
                    : java.util.List.of("auto", "always", "never");
            if (v != null && !allowed.contains(v)) {
                throw (ws ? sourceOf(key) : global()).invalid(key, v, "allowed: " + String.join(", ", allowed));
            }
        }
        try {
            actor();
        } catch (BacklogException e) {
            if (globals.as == null && env.get("BACKLOG_ACTOR") == null) {
                String key = "defaults.actor";
                Config source = ws && workspace().get(key) != null ? workspace() : global();
                throw new BacklogException(e.code(), "invalid defaults.actor in " + source.file + ": " + e.getMessage(),
                        java.util.Map.of("value", String.valueOf(source.get(key)), "file", String.valueOf(source.file), "field", key));
            }
            throw e;
        }
    }

    private boolean workspaceAvailable() {
        try {
            dbFile();
            return true;
        } catch (BacklogException e) {
            return false;
        }
    }

    Settings settings() {
        if (settings == null) {
            Settings d = Settings.defaults();
            String type = value("defaults.type", v -> TaskType.parse("defaults.type", v), d.defaultType());
            int priority = value("defaults.priority", v -> Priority.parse("defaults.priority", v), d.defaultPriority());
            String status = value("defaults.status", v -> Status.parse("defaults.status", v).wire(), d.defaultStatus());
            Optional<Duration> lease = value("claims.default_lease", v -> InputFormats.lease("claims.default_lease", v), d.defaultLease());
            Duration busy = value("store.busy_timeout", v -> InputFormats.duration("store.busy_timeout", v), d.busyTimeout());
            long attachmentMax = value("limits.attachment_max_bytes", v -> Settings.attachmentMaxBytes("limits.attachment_max_bytes", v),
                    d.attachmentMaxBytes());
            settings = new Settings(type, priority, status, lease, busy, attachmentMax);
        }
        return settings;
    }

    private <T> T value(String key, java.util.function.Function<String, T> parse, T fallback) {
        String v = setting(key);
        if (v == null) {
            return fallback;
        }
        try {
            return parse.apply(v);
        } catch (BacklogException e) {
            throw sourceOf(key).invalid(key, v, e.getMessage());
        }
    }

    Db db() {
        if (db == null) {
            long busy = settings().busyTimeout().toMillis();
            dev.backlog.cli.boot.Timing.mark("config resolved");
            db = WorkspaceDatabase.open(dbFile(), busy);
            dev.backlog.cli.boot.Timing.mark("database open");
        }
        return db;
    }

    CommandService commands() {
        if (commands == null) {
            commands = new CommandService(db(), settings(), clock, actor());
        }
        return commands;
    }

    QueryService queries() {
        if (queries == null) {
            queries = new QueryService(db(), clock);
        }
        return queries;
    }

    String defaultProject() {
        return workspace().get("default_project");
    }

    /** {@code -p} / default project as a filter: {@code null} = all projects (`-A` or {@code -p ""}). */
    String projectFilter(String flag, boolean all) {
        if (all || (flag != null && flag.isEmpty())) {
            return null;
        }
        return flag != null ? flag : defaultProject();
    }

    /** {@code -p} / default project as a required target. */
    String projectTarget(String flag) {
        String p = flag != null && !flag.isEmpty() ? flag : defaultProject();
        if (p == null) {
            throw new BacklogException(ErrorCode.PROJECT_REQUIRED, "no project: pass -p/--project or set one with `backlog project set-default`");
        }
        return p;
    }

    boolean json() {
        return globals.json || "json".equals(configuredFormat());
    }

    private String configuredFormat() {
        try {
            return workspaceAvailable() ? setting("output.format") : global().get("output.format");
        } catch (BacklogException e) {
            return null;
        }
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
        }
    }
}
