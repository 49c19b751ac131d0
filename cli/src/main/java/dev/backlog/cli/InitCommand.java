package dev.backlog.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.backlog.commands.CommandService;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Priority;
import dev.backlog.model.Status;
import dev.backlog.model.TaskType;
import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog init} (SPEC §3.1): the only command that creates a database. */
@Command(name = "init", description = "Create a workspace (backlog.db + backlog.toml)")
final class InitCommand extends Base {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Workspace directory (default: current directory)")
    String dir;
    @Option(names = "--path", paramLabel = "DIR", description = "Same as DIR (legacy)")
    String path;
    @Option(names = "--name", description = "Workspace name (default: directory name)")
    String name;
    @Option(names = "--set-default", description = "Make the profile the default")
    boolean setDefault;
    @Option(names = "--actor", paramLabel = "KIND:NAME", description = "Write defaults.actor")
    String actor;
    @Option(names = "--type", description = "Write defaults.type")
    String type;
    @Option(names = "--priority", description = "Write defaults.priority")
    String priority;
    @Option(names = "--status", description = "Write defaults.status")
    String status;
    @Option(names = "--reset", description = "Move the existing workspace files aside and start afresh")
    boolean reset;

    InitCommand(App app) {
        super(app);
    }

    record WorkspaceInfo(String workspaceId, String name, String path, String db) {}

    record Result(WorkspaceInfo workspace, boolean created, String profile, @JsonProperty("default") boolean isDefault) {}

    @Override
    int run() {
        // init reads the global --profile as "register under NAME": it never resolves a workspace by profile
        String profile = app.globals.profile;
        String given = dir != null ? dir : path;
        Path target = (given == null ? app.cwd : app.cwd.resolve(given)).toAbsolutePath().normalize();
        Map<String, String> defaults = new LinkedHashMap<>();
        if (actor != null) {
            defaults.put("actor", Actor.parse(actor).toString());
        }
        if (type != null) {
            defaults.put("type", TaskType.parse("type", type));
        }
        if (priority != null) {
            defaults.put("priority", Integer.toString(Priority.parse("priority", priority)));
        }
        if (status != null) {
            defaults.put("status", Status.parse("status", status).wire());
        }
        if (name != null) {
            dev.backlog.model.Limits.title("name", name);
        }
        Path dbFile = target.resolve(WorkspaceDatabase.FILE);
        if (profile != null) {
            Profiles.checkCanRegister(s(), profile, target);
        }
        try {
            if (Files.exists(target) && !Files.isDirectory(target)) {
                throw BacklogException.invalid("dir", target.toString(), target + " is not a directory");
            }
            if (!Files.isDirectory(target)) {
                Files.createDirectories(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
            }
            if (reset && Files.exists(dbFile)) {
                moveAside(target);
            }
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "cannot prepare " + target + ": " + e.getMessage());
        }
        boolean created = !Files.exists(dbFile);
        String wsName = name != null ? name.strip() : target.getFileName() == null ? "backlog" : target.getFileName().toString();
        String wsId;
        if (created) {
            Path toml = target.resolve("backlog.toml");
            writeToml(toml, wsName, defaults);
            try (Db db = WorkspaceDatabase.create("jdbc:sqlite:" + dbFile, 5000)) {
                wsId = CommandService.initialize(db, wsName, s().actor(), s().clock, VersionCommand.VERSION);
            }
        } else {
            try (Db db = WorkspaceDatabase.open(dbFile, 5000)) {
                String[] ws = new dev.backlog.query.QueryService(db, s().clock).workspace();
                wsId = ws[0];
                wsName = ws[1];
            }
        }
        boolean isDefault = false;
        if (profile != null) {
            isDefault = Profiles.register(s(), profile, target, setDefault);
        }
        Result r = new Result(new WorkspaceInfo(wsId, wsName, target.toString(), dbFile.toString()), created, profile, isDefault);
        return print(r, created ? "Initialised workspace \"" + wsName + "\" in " + target : "Workspace already exists in " + target,
                () -> "workspace: " + r.workspace().name() + " (" + r.workspace().workspaceId() + ")\ndb: " + dbFile + "\n");
    }

    private static void writeToml(Path toml, String name, Map<String, String> defaults) {
        StringBuilder sb = new StringBuilder("name = ").append(TomlFiles.quote(name)).append('\n');
        if (!defaults.isEmpty()) {
            sb.append("\n[defaults]\n");
            defaults.forEach((k, v) -> sb.append(k).append(" = ")
                    .append(k.equals("priority") ? v : TomlFiles.quote(v)).append('\n'));
        }
        try {
            Files.writeString(toml, sb.toString());
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "cannot write " + toml + ": " + e.getMessage());
        }
    }

    private static void moveAside(Path target) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(java.time.Instant.now());
        Path aside = target.resolve(".reset-" + stamp);
        Files.createDirectories(aside);
        for (String f : new String[] {"backlog.db", "backlog.db-wal", "backlog.db-shm", "backlog.toml"}) {
            Path p = target.resolve(f);
            if (Files.exists(p)) {
                Files.move(p, aside.resolve(f));
            }
        }
    }
}
