package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The profile registry in the global config (SPEC §3.11): names → absolute workspace directories. */
final class Profiles {
    private Profiles() {
    }

    /**
     * Registers {@code name → dir}; the first profile registered becomes the default, {@code makeDefault} forces it.
     * Returns whether the profile is the default afterwards.
     */
    static boolean register(Session s, String name, Path dir, boolean makeDefault) {
        checkCanRegister(s, name, dir);
        Config g = s.global();
        Map<String, String> profiles = new LinkedHashMap<>(g.profiles);
        profiles.put(name, dir.toAbsolutePath().normalize().toString());
        String def = g.get("default_profile");
        if (makeDefault || def == null || (profiles.size() == 1)) {
            def = name;
        }
        Config.writeGlobal(Config.globalFile(s.env), def, profiles);
        return name.equals(def);
    }

    /** Fails, writing nothing, when {@code name} is invalid or registered for another directory. */
    static void checkCanRegister(Session s, String name, Path dir) {
        checkName(name);
        String existing = s.global().profiles.get(name);
        String abs = dir.toAbsolutePath().normalize().toString();
        if (existing != null && !WorkspaceLocator.expand(existing, s.env).equals(abs)) {
            throw new BacklogException(ErrorCode.DUPLICATE_PROFILE, "profile '" + name + "' already points at " + existing,
                    Map.of("profile", name, "path", existing));
        }
    }

    static void checkName(String name) {
        if (name == null || !name.matches("[A-Za-z0-9._-]{1,64}")) {
            throw BacklogException.invalid("profile", name, "invalid profile name '" + name + "'");
        }
    }
}
