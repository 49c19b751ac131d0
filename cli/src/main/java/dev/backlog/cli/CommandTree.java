package dev.backlog.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The command tree as data: top-level commands and each group's subcommands by name. {@link Main} builds picocli
 * models only along the path an invocation names (building every command's model costs more start-up than the
 * command itself); help, completion and unknown words get the whole tree or the whole group.
 */
final class CommandTree {
    /** Top-level commands by name. */
    static final Map<String, Class<?>> TOP = top();
    /** Aliases of top-level commands (SPEC §3). */
    static final Map<String, String> ALIASES = Map.of("proj", "project", "p", "project", "t", "task", "attach", "attachment", "install-skill", "install-skills");
    /** Subcommands of each group, by name. */
    static final Map<String, Map<String, Class<?>>> SUBCOMMANDS = subcommands();

    private CommandTree() {
    }

    private static Map<String, Class<?>> top() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("init", InitCommand.class);
        m.put("project", ProjectCommands.class);
        m.put("task", TaskCommands.class);
        m.put("label", LabelCommands.class);
        m.put("plan", PlanCommands.class);
        m.put("doc", DocCommands.class);
        m.put("memory", MemoryCommands.class);
        m.put("comment", CommentCommands.class);
        m.put("attachment", AttachmentCommands.class);
        m.put("activity", ActivityCommands.class);
        m.put("doctor", DoctorCommands.class);
        m.put("profile", ProfileCommands.class);
        m.put("search", SearchCommand.class);
        m.put("import-findings", ImportFindingsCommand.class);
        m.put("export", ExportCommand.class);
        m.put("sync", SyncCommand.class);
        m.put("web", WebCommand.class);
        m.put("mcp", McpCommands.class);
        m.put("daemon", DaemonCommands.class);
        m.put("install-skills", InstallSkillsCommand.class);
        m.put("schema", SchemaCommand.class);
        m.put("version", VersionCommand.class);
        m.put("completion", CompletionCommand.class);
        m.put("help", HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Map<String, Class<?>>> subcommands() {
        Map<String, Map<String, Class<?>>> m = new LinkedHashMap<>();
        m.put("project", subs("add", ProjectCommands.Add.class, "list", ProjectCommands.ListCmd.class, "show", ProjectCommands.Show.class, "update", ProjectCommands.Update.class, "archive", ProjectCommands.Archive.class, "restore", ProjectCommands.Restore.class, "delete", ProjectCommands.Delete.class, "set-default", ProjectCommands.SetDefault.class, "use", ProjectCommands.Use.class, "current", ProjectCommands.Current.class, "clear-default", ProjectCommands.ClearDefault.class));
        m.put("task", subs("add", TaskCommands.Add.class, "list", TaskCommands.ListCmd.class, "show", TaskCommands.Show.class, "update", TaskCommands.Update.class, "move", TaskCommands.Move.class, "claim", TaskCommands.Claim.class, "release", TaskCommands.Release.class, "next", TaskCommands.Next.class, "link", TaskCommands.Link.class, "unlink", TaskCommands.Unlink.class, "archive", TaskCommands.Archive.class, "restore", TaskCommands.Restore.class, "delete", TaskCommands.Delete.class, "history", TaskCommands.History.class));
        m.put("label", subs("create", LabelCommands.Create.class, "list", LabelCommands.ListCmd.class, "attach", LabelCommands.Attach.class, "detach", LabelCommands.Detach.class, "update", LabelCommands.Update.class, "delete", LabelCommands.Delete.class));
        m.put("comment", subs("add", CommentCommands.Add.class, "list", CommentCommands.ListCmd.class, "delete", CommentCommands.Delete.class));
        m.put("attachment", subs("add", AttachmentCommands.Add.class, "list", AttachmentCommands.ListCmd.class,
                "fetch", AttachmentCommands.Fetch.class, "delete", AttachmentCommands.Delete.class));
        m.put("activity", subs("verify", ActivityCommands.Verify.class, "analyze", ActivityCommands.Analyze.class));
        m.put("doctor", subs("check", DoctorCommands.CheckCmd.class, "rebuild", DoctorCommands.RebuildCmd.class,
                "backup", DoctorCommands.BackupCmd.class, "project", DoctorCommands.ProjectCmd.class));
        m.put("mcp", subs("serve", McpCommands.Serve.class));
        m.put("daemon", subs("status", DaemonCommands.StatusCmd.class, "stop", DaemonCommands.Stop.class));
        m.put("profile", subs("add", ProfileCommands.Add.class, "list", ProfileCommands.ListCmd.class, "show", ProfileCommands.Show.class, "set-default", ProfileCommands.SetDefault.class, "use", ProfileCommands.Use.class, "current", ProfileCommands.Current.class, "clear-default", ProfileCommands.ClearDefault.class, "remove", ProfileCommands.Remove.class));
        m.put("plan", subs("add", PlanCommands.Add.class, "update", PlanCommands.Update.class, "list", PlanCommands.ListCmd.class,
                "show", PlanCommands.Show.class, "history", PlanCommands.History.class, "diff", PlanCommands.Diff.class,
                "delete", PlanCommands.Delete.class));
        m.put("doc", subs("add", DocCommands.Add.class, "list", DocCommands.ListCmd.class, "show", DocCommands.Show.class,
                "update", DocCommands.Update.class, "append", DocCommands.Append.class, "history", DocCommands.History.class,
                "diff", DocCommands.Diff.class, "delete", DocCommands.Delete.class));
        m.put("memory", subs("add", MemoryCommands.Add.class, "list", MemoryCommands.ListCmd.class, "show", MemoryCommands.Show.class,
                "append", MemoryCommands.Append.class, "update", MemoryCommands.Update.class, "delete", MemoryCommands.Delete.class));
        return Collections.unmodifiableMap(m);
    }

    /**
     * Adds to {@code root} the top-level command {@code words[0]} names and, inside it, the subcommand {@code words[1]}
     * names; the whole tree (or group) when a word is missing or unknown, and for help and completion.
     */
    static void build(picocli.CommandLine root, picocli.CommandLine.IFactory factory, String[] words) {
        String top = words[0] == null ? null : ALIASES.getOrDefault(words[0], words[0]);
        boolean whole = top == null || !TOP.containsKey(top) || top.equals("help") || top.equals("completion");
        for (Map.Entry<String, Class<?>> e : TOP.entrySet()) {
            if (!whole && !e.getKey().equals(top)) {
                continue;
            }
            picocli.CommandLine group = command(factory, e.getValue());
            root.addSubcommand(e.getKey(), group);
            Map<String, Class<?>> subs = SUBCOMMANDS.getOrDefault(e.getKey(), Map.of());
            boolean allSubs = whole || words[1] == null || !subs.containsKey(words[1]);
            for (Map.Entry<String, Class<?>> s : subs.entrySet()) {
                if (allSubs || s.getKey().equals(words[1])) {
                    group.addSubcommand(s.getKey(), command(factory, s.getValue()));
                }
            }
        }
    }

    private static picocli.CommandLine command(picocli.CommandLine.IFactory factory, Class<?> type) {
        try {
            return new picocli.CommandLine(factory.create(type), factory);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create command " + type.getName(), e);
        }
    }

    private static Map<String, Class<?>> subs(Object... nameThenClass) {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenClass.length; i += 2) {
            m.put((String) nameThenClass[i], (Class<?>) nameThenClass[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
