package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlog install-skills} (SPEC §11): copies the embedded agent skills into the skill directories of Claude
 * Code, Cursor, Codex and OpenCode. Needs no workspace. Targets are those whose directory exists under {@code $HOME}
 * (or under {@code --dir}), every target with {@code --all}, or exactly the {@code --target}s given (installed even
 * when their directory does not exist yet). Existing files are skipped unless {@code --force}; {@code --dry-run}
 * reports the same result and writes nothing. Directories it creates are 0755, files 0644.
 */
@Command(name = "install-skills", aliases = "install-skill", description = "Install the embedded agent skills (Claude Code, Cursor, Codex, OpenCode)")
final class InstallSkillsCommand extends Base {
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-r--r--");
    /** Cursor shows rule descriptions in a picker; longer ones are cut at a word boundary. */
    static final int CURSOR_DESCRIPTION_MAX = 200;

    @Option(names = "--skill", paramLabel = "NAME", description = "Only these skills (repeatable or comma-separated)") List<String> skills;
    @Option(names = "--target", paramLabel = "TARGET", description = "Only these targets: claude, cursor, codex, opencode") List<String> targets;
    @Option(names = "--all", description = "Install for every target, detected or not") boolean all;
    @Option(names = "--dir", paramLabel = "DIR", description = "Install into a project directory instead of $HOME") String dir;
    @Option(names = "--force", description = "Overwrite existing files") boolean force;
    @Option(names = "--dry-run", description = "Report what would be written; write nothing") boolean dryRun;
    @Option(names = "--list", description = "List the embedded skills") boolean list;

    InstallSkillsCommand(App app) {
        super(app);
    }

    /** The agents skills can be installed for. */
    enum Target {
        CLAUDE, CURSOR, CODEX, OPENCODE;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        static List<String> names() {
            List<String> out = new ArrayList<>();
            for (Target t : values()) {
                out.add(t.wire());
            }
            return out;
        }

        /** The agent's own directory: its presence means the agent is installed. */
        Path root(Path home, Path projectDir, Map<String, String> env, Path cwd) {
            if (projectDir != null) {
                return switch (this) {
                    case CLAUDE -> projectDir.resolve(".claude");
                    case CURSOR -> projectDir.resolve(".cursor");
                    case CODEX -> projectDir.resolve(".agents");
                    case OPENCODE -> projectDir.resolve(".opencode");
                };
            }
            return switch (this) {
                case CLAUDE -> home.resolve(".claude");
                case CURSOR -> home.resolve(".cursor");
                case CODEX -> nonEmpty(env.get("CODEX_HOME")) ? cwd.resolve(env.get("CODEX_HOME")) : home.resolve(".codex");
                case OPENCODE -> (nonEmpty(env.get("XDG_CONFIG_HOME")) ? cwd.resolve(env.get("XDG_CONFIG_HOME")) : home.resolve(".config"))
                        .resolve("opencode");
            };
        }

        /** Whether the agent's directory exists (in a project, Codex also counts {@code .codex}). */
        boolean detected(Path home, Path projectDir, Map<String, String> env, Path cwd) {
            return Files.isDirectory(root(home, projectDir, env, cwd))
                    || (this == CODEX && projectDir != null && Files.isDirectory(projectDir.resolve(".codex")));
        }

        Path file(Path root, String skill) {
            return this == CURSOR ? root.resolve("rules").resolve(skill + ".mdc") : root.resolve("skills").resolve(skill).resolve("SKILL.md");
        }

        /** The file content this agent expects (SPEC §11, Transformation column). */
        String render(Skills.Skill s) {
            return switch (this) {
                case CLAUDE, OPENCODE -> s.text();
                case CODEX -> {
                    Map<String, String> fm = new LinkedHashMap<>();
                    fm.put("name", Skills.yaml(s.name()));
                    fm.put("description", Skills.yaml(s.description()));
                    yield Skills.document(fm, s.body());
                }
                case CURSOR -> {
                    Map<String, String> fm = new LinkedHashMap<>();
                    fm.put("description", Skills.yaml(shorten(s.description(), CURSOR_DESCRIPTION_MAX)));
                    fm.put("globs", null);
                    fm.put("alwaysApply", "false");
                    yield Skills.document(fm, s.body());
                }
            };
        }
    }

    record WrittenFile(String target, String skill, String path, long bytes) {}

    record SkippedFile(String target, String skill, String path, String reason) {}

    record Report(boolean dryRun, List<WrittenFile> written, List<SkippedFile> skipped) {}

    record SkillInfo(String name, String description) {}

    record SkillList(List<SkillInfo> skills) {}

    @Override
    int run() {
        List<Skills.Skill> chosen = chosenSkills();
        List<Target> explicit = chosenTargets();
        if (list) {
            SkillList l = new SkillList(chosen.stream().map(s -> new SkillInfo(s.name(), s.description())).toList());
            return print(l, null, () -> Text.table(List.of("NAME", "DESCRIPTION"),
                    l.skills().stream().map(s -> List.of(s.name(), Text.truncate(s.description(), 100))).toList()));
        }
        Path home = app.cwd.resolve(app.env.getOrDefault("HOME", System.getProperty("user.home"))).toAbsolutePath().normalize();
        Path projectDir = dir == null ? null : app.cwd.resolve(WorkspaceLocator.expand(dir, app.env)).toAbsolutePath().normalize();
        List<Target> chosenTargets = new ArrayList<>();
        for (Target t : Target.values()) {
            if (explicit.isEmpty() ? all || t.detected(home, projectDir, app.env, app.cwd) : explicit.contains(t)) {
                chosenTargets.add(t);
            }
        }
        if (chosenTargets.isEmpty()) {
            app.err.println("warning: no agent directory found under " + (projectDir != null ? projectDir : home)
                    + " (.claude, .cursor, " + (projectDir != null ? ".agents" : ".codex") + ", "
                    + (projectDir != null ? ".opencode" : ".config/opencode") + "): pass --target or --all");
        }
        List<WrittenFile> written = new ArrayList<>();
        List<SkippedFile> skipped = new ArrayList<>();
        for (Target t : chosenTargets) {
            Path root = t.root(home, projectDir, app.env, app.cwd);
            for (Skills.Skill s : chosen) {
                Path file = t.file(root, s.name());
                byte[] bytes = t.render(s).getBytes(StandardCharsets.UTF_8);
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    skipped.add(new SkippedFile(t.wire(), s.name(), file.toString(), "not_a_file"));
                } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !force) {
                    skipped.add(new SkippedFile(t.wire(), s.name(), file.toString(), "exists"));
                } else {
                    if (!dryRun) {
                        write(file, bytes);
                    }
                    written.add(new WrittenFile(t.wire(), s.name(), file.toString(), bytes.length));
                }
            }
        }
        Report r = new Report(dryRun, written, skipped);
        String success = (dryRun ? "[dry-run] would write " : "Wrote ") + written.size() + " file" + (written.size() == 1 ? "" : "s")
                + ", skipped " + skipped.size() + (skipped.isEmpty() ? "" : " (existing files need --force)");
        return print(r, success, () -> table(r));
    }

    private List<Skills.Skill> chosenSkills() {
        List<Skills.Skill> every = Skills.all();
        List<String> wanted = Args.list(skills);
        if (wanted.isEmpty()) {
            return every;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String w : wanted) {
            String n = w.toLowerCase(Locale.ROOT);
            if (!Skills.NAMES.contains(n)) {
                throw BacklogException.invalid("skill", w, Skills.NAMES, "unknown skill '" + w + "': run 'backlog install-skills --list'");
            }
            names.add(n);
        }
        return every.stream().filter(s -> names.contains(s.name())).toList();
    }

    private List<Target> chosenTargets() {
        List<Target> out = new ArrayList<>();
        for (String raw : Args.list(targets)) {
            String n = raw.toLowerCase(Locale.ROOT);
            if (!Target.names().contains(n)) {
                throw BacklogException.invalid("target", raw, Target.names(), "unknown target '" + raw + "'");
            }
            Target t = Target.valueOf(n.toUpperCase(Locale.ROOT));
            if (!out.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    private static void write(Path file, byte[] bytes) {
        Path parent = file.getParent();
        try {
            createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                setMode(tmp, FILE_MODE);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage(), Map.of("path", file.toString()), e);
        }
    }

    /** Creates the missing directories of {@code dir} with mode 0755; existing ones keep their mode. */
    private static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
            setMode(dir, DIR_MODE);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** Sets the mode exactly (whatever the umask), where the file system has POSIX permissions. */
    private static void setMode(Path p, Set<PosixFilePermission> mode) throws IOException {
        try {
            Files.setPosixFilePermissions(p, mode);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    private static String table(Report r) {
        List<List<String>> rows = new ArrayList<>();
        for (WrittenFile w : r.written()) {
            rows.add(List.of(r.dryRun() ? "would write" : "written", w.target(), w.skill(), w.path()));
        }
        for (SkippedFile s : r.skipped()) {
            rows.add(List.of("skipped (" + s.reason() + ")", s.target(), s.skill(), s.path()));
        }
        return rows.isEmpty() ? "" : Text.table(List.of("STATUS", "TARGET", "SKILL", "PATH"), rows);
    }

    /** At most {@code max} characters, cut at a word boundary with an ellipsis when longer. */
    static String shorten(String text, int max) {
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, max - 1));
        int space = cut.lastIndexOf(' ');
        if (space > max / 2) {
            cut = cut.substring(0, space);
        }
        return cut.stripTrailing() + "…";
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
