package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.WorkspaceDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Workspace resolution of SPEC §1.3, first match wins. */
final class WorkspaceLocator {
    private WorkspaceLocator() {
    }

    /** The {@code backlog.db} file of the workspace to use. */
    static Path locate(String dbFlag, String profileFlag, Map<String, String> env, Path cwd, Config global) {
        if (dbFlag != null) {
            return dbFile(dbFlag, cwd);
        }
        String envDb = env.get("BACKLOG_DB");
        if (envDb != null && !envDb.isEmpty()) {
            return dbFile(envDb, cwd);
        }
        if (profileFlag != null) {
            String path = global.profiles.get(profileFlag);
            if (path == null) {
                throw new BacklogException(ErrorCode.PROFILE_NOT_FOUND, "unknown profile '" + profileFlag + "'",
                        Map.of("profile", profileFlag));
            }
            return dbFile(expand(path, env), cwd);
        }
        for (Path dir = cwd.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(WorkspaceDatabase.FILE);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        String def = global.get("default_profile");
        if (def != null && global.profiles.containsKey(def)) {
            return dbFile(expand(global.profiles.get(def), env), cwd);
        }
        throw new BacklogException(ErrorCode.WORKSPACE_NOT_FOUND,
                "no workspace found: run `backlog init` here, or pass --db/--profile", Map.of("path", cwd.toAbsolutePath().toString()));
    }

    /** A {@code backlog.db} file, or a directory containing one; anything missing is {@code WORKSPACE_NOT_FOUND}. */
    static Path dbFile(String given, Path cwd) {
        Path p = cwd.resolve(given).toAbsolutePath().normalize();
        if (Files.isDirectory(p)) {
            p = p.resolve(WorkspaceDatabase.FILE);
        }
        if (!Files.exists(p)) {
            throw new BacklogException(ErrorCode.WORKSPACE_NOT_FOUND, "no workspace at " + given, Map.of("path", p.toString()));
        }
        return p;
    }

    static String expand(String path, Map<String, String> env) {
        if (path.equals("~") || path.startsWith("~/")) {
            return env.getOrDefault("HOME", System.getProperty("user.home")) + path.substring(1);
        }
        return path;
    }
}
