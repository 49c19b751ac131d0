package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code backlog …} command line of every embedded skill (SPEC §11) against the real CLI, so the skills cannot
 * drift from the commands: each must parse (the command path and every flag exist, required arguments are given), and
 * each that is safe to run is run, in order, in a workspace set up for its skill, where it must exit 0 or with an
 * expected domain outcome. Command lines come from fenced shell blocks (continuations joined, here-documents fed to
 * {@code --from-file -}, {@code $(…)} and pipes reduced to the {@code backlog} invocation) and from inline code spans
 * (parsed only). Not covered: whether a command does what the prose around it claims.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SkillCommandsIT {
    /**
     * Commands of SPEC §3 the skills use that land with later issues. A line using one is skipped (and printed) while
     * the command is missing from {@link CommandTree}, and checked like any other once it exists. Any other unknown
     * command fails the test, and so does an entry whose command has landed (remove it then).
     */
    static final List<String> LATER = List.of();
    /** Commands that serve until stopped: parsed, never run. */
    static final List<String> PARSE_ONLY = List.of("mcp serve", "web");
    /** Tasks TASK-1 … TASK-20 exist in every skill's workspace, so the skills' example refs resolve. */
    static final int TASKS = 20;
    /** Tool names of SPEC §10. */
    static final Set<String> MCP_TOOLS = Set.of("project_list", "project_add", "task_add", "task_list", "task_show", "task_update",
            "task_move", "task_claim", "task_release", "task_next", "task_link", "task_unlink", "task_archive", "task_restore",
            "task_history", "plan_add", "plan_update", "plan_show", "plan_history", "plan_list", "comment_add", "comment_list",
            "label_attach", "label_detach", "label_list", "memory_add", "memory_list", "memory_append", "doc_add", "doc_show",
            "doc_update", "doc_list", "search", "activity");
    private static final Set<String> SHELL_INFO = Set.of("sh", "bash", "shell", "console", "");
    private static final Set<String> KEYWORDS = Set.of("if", "then", "else", "elif", "fi", "do", "done", "while", "until", "!", "time",
            "{", "}", "esac");
    private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)=(.*)$", Pattern.DOTALL);
    private static final Pattern REDIRECT = Pattern.compile("^(\\d*|&)[<>].*");
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1");
    private static final Pattern INLINE = Pattern.compile("`(backlog [^`]+)`");
    private static final Pattern TASK_REF = Pattern.compile("\\bTASK-(\\d+)\\b");

    /** One {@code backlog} invocation found in a skill. */
    record Invocation(String skill, int line, String source, List<String> args, Map<String, String> env, String stdin,
            boolean consumed, boolean inline) {
        String where() {
            return skill + "/SKILL.md:" + line + ": backlog " + String.join(" ", args);
        }

        String[] words() {
            return Main.commandWords(args.toArray(String[]::new));
        }
    }

    Path template;
    final List<String> skippedLines = new ArrayList<>();
    final List<String> domainOutcomes = new ArrayList<>();

    @BeforeAll
    void template(@TempDir Path dir) {
        template = dir.resolve("template");
        CliRunner cli = new CliRunner(template);
        cli.json("init", template.toString());
        cli.json("project", "add", "API", "--alias", "api");
        cli.json("project", "set-default", "api");
        for (int i = 1; i <= TASKS; i++) {
            cli.json("task", "add", "-t", "Example task " + i, "-d", "## Acceptance criteria\n- [ ] It works");
        }
    }

    // ---- the checks ------------------------------------------------------------------------------------------------

    @Test
    void every_skill_command_parses_and_runs_against_the_real_cli(@TempDir Path dir) throws IOException {
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        int ran = 0;
        for (Skills.Skill skill : Skills.all()) {
            Path ws = dir.resolve(skill.name());
            copy(template, ws);
            Map<String, String> ids = placeholders(ws);
            for (Invocation inv : invocations(skill)) {
                String[] words = inv.words();
                String later = match(LATER, words);
                if (later != null && !landed(later)) {
                    skippedLines.add(inv.where() + "   [lands later: " + later + "]");
                    continue;
                }
                String problem = parseProblem(inv.args());
                parsed++;
                if (problem != null) {
                    failures.add(inv.where() + "\n    does not parse: " + problem
                            + (CommandTree.TOP.containsKey(CommandTree.ALIASES.getOrDefault(words[0], String.valueOf(words[0]))) ? ""
                                    : "\n    (unknown command: use only commands of SPEC §3; add it to LATER only if §3 defines it)"));
                    continue;
                }
                if (inv.inline() || match(PARSE_ONLY, words) != null) {
                    continue;
                }
                String outcome = runProblem(ws, inv, ids);
                ran++;
                if (outcome != null) {
                    failures.add(inv.where() + "\n    " + outcome);
                }
            }
        }
        System.out.println("SkillCommandsIT: " + parsed + " command lines parsed, " + ran + " run, " + skippedLines.size()
                + " skipped until their commands land:");
        skippedLines.forEach(l -> System.out.println("  skipped " + l));
        System.out.println("ran with an expected domain outcome (state left by earlier lines of the skill):");
        domainOutcomes.forEach(l -> System.out.println("  " + l));
        assertThat(failures).as("skill command lines that drifted from the CLI").isEmpty();
        assertThat(ran).as("command lines actually run").isGreaterThan(40);
    }

    @Test
    void the_list_of_later_commands_names_only_commands_that_have_not_landed() {
        assertThat(LATER).as("LATER entries whose command exists now: remove them, so their lines are checked")
                .noneMatch(SkillCommandsIT::landed);
    }

    @Test
    void skills_never_hard_code_a_workspace_and_pass_json_when_output_is_parsed() {
        List<String> failures = new ArrayList<>();
        for (Skills.Skill skill : Skills.all()) {
            for (Invocation inv : invocations(skill)) {
                if (inv.args().contains("--db") || inv.args().contains("--profile") || inv.env().containsKey("BACKLOG_DB")) {
                    failures.add(inv.where() + ": hard-codes a workspace (--db, --profile, BACKLOG_DB)");
                }
                if (inv.consumed() && !inv.args().contains("--json")) {
                    failures.add(inv.where() + ": output is parsed but --json is missing");
                }
            }
            if (skill.text().contains("BACKLOG_DB=")) {
                failures.add(skill.name() + ": sets BACKLOG_DB");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void a_completion_comment_precedes_every_move_to_done() {
        List<String> failures = new ArrayList<>();
        for (Skills.Skill skill : Skills.all()) {
            Set<String> commented = new TreeSet<>();
            for (Invocation inv : invocations(skill)) {
                List<String> a = inv.args();
                if (a.size() >= 2 && a.get(0).equals("comment") && a.get(1).equals("add") && a.contains("--task")) {
                    commented.add(a.get(a.indexOf("--task") + 1));
                }
                boolean toDone = a.size() >= 3 && a.get(0).equals("task") && a.get(1).equals("move")
                        && (a.contains("done") || a.contains("--status") && a.get(a.indexOf("--status") + 1).equals("done"));
                if (toDone && !commented.contains(a.get(2))) {
                    failures.add(inv.where() + ": no `comment add … --task " + a.get(2) + "` before it");
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void every_skill_names_its_mcp_equivalents_and_only_real_tools() {
        Pattern tool = Pattern.compile("`((?:project|task|plan|comment|label|memory|doc|attachment)_[a-z_]+)`");
        for (Skills.Skill skill : Skills.all()) {
            Set<String> named = new TreeSet<>();
            Matcher m = tool.matcher(skill.text());
            while (m.find()) {
                named.add(m.group(1));
            }
            assertThat(skill.text()).as(skill.name()).contains("## MCP equivalents");
            assertThat(named).as("MCP tools named by %s", skill.name()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(MCP_TOOLS).as("MCP tools named by %s that SPEC §10 does not define", skill.name()).containsAll(named);
        }
    }

    // ---- parsing the Markdown ----------------------------------------------------------------------------------------

    static List<Invocation> invocations(Skills.Skill skill) {
        List<Invocation> out = new ArrayList<>();
        String[] lines = skill.text().split("\n", -1);
        Map<String, String> exported = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.length) {
            String fence = lines[i].strip();
            if (!fence.startsWith("```")) {
                Matcher m = INLINE.matcher(lines[i]);
                while (m.find()) {
                    List<String> tokens = List.of(Shell.split(m.group(1)));
                    out.add(new Invocation(skill.name(), i + 1, m.group(1), tokens.subList(1, tokens.size()), Map.of(), null, false, true));
                }
                i++;
                continue;
            }
            String info = fence.substring(3).strip();
            int start = ++i;
            while (i < lines.length && !lines[i].strip().equals("```")) {
                i++;
            }
            List<String> block = Arrays.asList(lines).subList(start, Math.min(i, lines.length));
            i++;
            if (SHELL_INFO.contains(info)) {
                shellBlock(skill.name(), start + 1, block, exported, out);
            } else {
                for (int k = 0; k < block.size(); k++) {
                    if (block.get(k).strip().startsWith("backlog ")) {
                        throw new AssertionError(skill.name() + "/SKILL.md:" + (start + k + 1) + ": a backlog command in a ```" + info
                                + " block is never checked: put commands in ```sh blocks");
                    }
                }
            }
        }
        return out;
    }

    private static void shellBlock(String skill, int firstLine, List<String> block, Map<String, String> exported, List<Invocation> out) {
        int k = 0;
        while (k < block.size()) {
            int lineNo = firstLine + k;
            StringBuilder logical = new StringBuilder(block.get(k++));
            while (logical.toString().endsWith("\\") && k < block.size()) {
                logical.setLength(logical.length() - 1);
                logical.append(' ').append(block.get(k++));
            }
            String text = stripComment(logical.toString());
            String stdin = null;
            Matcher h = HEREDOC.matcher(text);
            if (h.find()) {
                StringBuilder body = new StringBuilder();
                while (k < block.size() && !block.get(k).strip().equals(h.group(2))) {
                    body.append(block.get(k++)).append('\n');
                }
                k++;
                stdin = body.toString();
                text = text.substring(0, h.start()) + text.substring(h.end());
            }
            List<String[]> segments = new ArrayList<>();
            segments(text, false, segments);
            for (String[] seg : segments) {
                List<String> tokens = new ArrayList<>(List.of(Shell.split(seg[0])));
                while (!tokens.isEmpty() && KEYWORDS.contains(tokens.get(0))) {
                    tokens.remove(0);
                }
                boolean export = !tokens.isEmpty() && tokens.get(0).equals("export");
                if (export) {
                    tokens.remove(0);
                }
                Map<String, String> env = new LinkedHashMap<>(exported);
                while (!tokens.isEmpty() && ASSIGNMENT.matcher(tokens.get(0)).matches()) {
                    Matcher a = ASSIGNMENT.matcher(tokens.remove(0));
                    a.matches();
                    env.put(a.group(1), a.group(2));
                    if (export) {
                        exported.put(a.group(1), a.group(2));
                    }
                }
                if (tokens.isEmpty() || !tokens.get(0).equals("backlog")) {
                    continue;
                }
                List<String> args = new ArrayList<>();
                for (String t : tokens.subList(1, tokens.size())) {
                    if (REDIRECT.matcher(t).matches()) {
                        break;
                    }
                    args.add(t);
                }
                out.add(new Invocation(skill, lineNo, seg[0].strip(), args, env, stdin, seg[1] != null, false));
            }
        }
    }

    /** Drops a shell comment: {@code #} at the start of a word, outside quotes. */
    static String stripComment(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /**
     * Splits shell text into simple commands at unquoted {@code | || && ; & ( )}; the text of each {@code $(…)} is
     * split recursively and replaced by a word. Each result is {text, non-null when its output is consumed (piped or
     * substituted)}.
     */
    static void segments(String s, boolean consumed, List<String[]> out) {
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                cur.append(c);
                if (c == '\'') {
                    quote = 0;
                }
                continue;
            }
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '(') {
                int end = closing(s, i + 1);
                segments(s.substring(i + 2, end), true, out);
                cur.append("SUBST");
                i = end;
                continue;
            }
            if (quote == '"') {
                cur.append(c);
                if (c == '"') {
                    quote = 0;
                }
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = c;
                cur.append(c);
                continue;
            }
            boolean redirectAmp = c == '&' && ((i > 0 && s.charAt(i - 1) == '>') || (i + 1 < s.length() && s.charAt(i + 1) == '>'));
            if ("|;&()".indexOf(c) >= 0 && !redirectAmp) {
                boolean doubled = i + 1 < s.length() && s.charAt(i + 1) == c && c != '(' && c != ')';
                boolean pipe = c == '|' && !doubled;
                out.add(new String[] {cur.toString(), consumed || pipe ? "consumed" : null});
                cur.setLength(0);
                if (doubled) {
                    i++;
                }
                continue;
            }
            cur.append(c);
        }
        out.add(new String[] {cur.toString(), consumed ? "consumed" : null});
    }

    private static int closing(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced $( in: " + s);
    }

    // ---- checking against the CLI --------------------------------------------------------------------------------

    /** The entry of {@code entries} (command paths) that the invocation's first words start with, or null. */
    static String match(List<String> entries, String[] words) {
        for (String e : entries) {
            String[] p = e.split(" ");
            String top = words[0] == null ? null : CommandTree.ALIASES.getOrDefault(words[0], words[0]);
            if (p[0].equals(top) && (p.length == 1 || p[1].equals(words[1]))) {
                return e;
            }
        }
        return null;
    }

    /** Whether a command path exists in the CLI today. */
    static boolean landed(String path) {
        String[] p = path.split(" ");
        if (!CommandTree.TOP.containsKey(p[0])) {
            return false;
        }
        return p.length == 1 || CommandTree.SUBCOMMANDS.getOrDefault(p[0], Map.of()).containsKey(p[1]);
    }

    /** picocli's verdict on the arguments, on the whole command tree: null when they parse. */
    static String parseProblem(List<String> args) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        App app = new App(Map.of(), Path.of("."), java.io.InputStream.nullInputStream(), discard, discard);
        CommandLine.IFactory factory = new AppFactory(app);
        CommandLine root = new CommandLine(app, factory);
        CommandTree.build(root, factory, new String[2]);
        root.setCaseInsensitiveEnumValuesAllowed(true);
        try {
            root.parseArgs(args.toArray(String[]::new));
            return null;
        } catch (CommandLine.ParameterException e) {
            return e.getMessage();
        }
    }

    /** Runs an invocation in the skill's workspace: null when it ends in an outcome the skill can meet. */
    private String runProblem(Path ws, Invocation inv, Map<String, String> ids) throws IOException {
        List<String> args = new ArrayList<>();
        for (int k = 0; k < inv.args().size(); k++) {
            String a = inv.args().get(k);
            for (Map.Entry<String, String> e : ids.entrySet()) {
                a = a.replace(e.getKey(), e.getValue());
            }
            if (a.contains("$") || a.matches("[A-Z]+_ID") || a.equals("SUBST")) {
                return "unknown placeholder '" + a + "': add it to the test's placeholders";
            }
            Matcher ref = TASK_REF.matcher(a);
            while (ref.find()) {
                if (Integer.parseInt(ref.group(1)) > TASKS) {
                    return "example ref " + ref.group() + " does not exist in the test workspace (TASK-1…TASK-" + TASKS + ")";
                }
            }
            if (k > 0 && inv.args().get(k - 1).equals("--from-file")) {
                a = inputFile(ws, a, inv.stdin());
            }
            if (k > 0 && inv.args().get(k - 1).equals("--at") && a.contains("T")) {
                a = java.time.Instant.now().toString(); // an example instant: the test workspace is younger than it
            }
            args.add(a);
        }
        String[] words = inv.words();
        if ("import-findings".equals(words[0]) && words[1] != null) {
            findingsFile(ws.resolve(words[1]));
        }
        if (!args.contains("--json")) {
            args.add("--json");
        }
        CliRunner cli = new CliRunner(ws);
        inv.env().forEach(cli::env);
        CliRunner.Result r = cli.run(args.toArray(String[]::new));
        if (r.exit() == 0) {
            return null;
        }
        String code = r.err().isBlank() ? "(no error)" : r.errorJson().path("code").asText();
        boolean expected = switch (r.exit()) {
            case 3 -> code.equals("NO_READY_TASK");
            case 4 -> true;
            case 1 -> code.equals("CHECK_FAILED") && ("doctor".equals(words[0]) || "activity".equals(words[0]));
            default -> false;
        };
        if (expected) {
            domainOutcomes.add(inv.where() + "   [exit " + r.exit() + " " + code + "]");
            return null;
        }
        return "exit " + r.exit() + " " + code + ": " + r.err().strip();
    }

    /** Example ids of the skills, bound to entities of the workspace (those whose commands exist today). */
    private static Map<String, String> placeholders(Path ws) {
        CliRunner cli = new CliRunner(ws);
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("$ref", "TASK-12");
        ids.put("COMMENT_ID", cli.json("comment", "add", "A note", "--task", "TASK-12").get("id").asText());
        if (landed("plan")) {
            ids.put("PLAN_ID", cli.json("plan", "add", "--task", "TASK-12", "--title", "Plan", "--content", "1. Do it").get("id").asText());
        }
        if (landed("doc")) {
            ids.put("DOC_ID", cli.json("doc", "add", "-p", "api", "--title", "Brief", "--content", "The goal").get("id").asText());
        }
        if (landed("memory")) {
            JsonNode m = cli.json("memory", "add", "-p", "api", "--tag", "arch", "Modules and data flow");
            ids.put("MEMORY_ID", m.get("id").asText());
        }
        return ids;
    }

    /** The file a {@code --from-file} names: created with sample Markdown when missing; stdin becomes a file. */
    private static String inputFile(Path ws, String name, String stdin) throws IOException {
        if (name.equals("-")) {
            Path p = Files.createTempFile(ws, "stdin", ".md");
            Files.writeString(p, stdin != null ? stdin : "Text from stdin\n");
            return p.toString();
        }
        Path p = ws.resolve(name);
        if (!Files.exists(p)) {
            Files.writeString(p, "## Context\nWhy it matters.\n\n## Acceptance criteria\n- [ ] It works\n");
        }
        return name;
    }

    private static void findingsFile(Path p) throws IOException {
        if (!Files.exists(p)) {
            Files.writeString(p, """
                    {"version": 1, "project": "api", "source": "scanner", "items": [
                      {"title": "Unbounded login attempts", "type": "vulnerability", "priority": "P2", "external_ref": "rule-42:Login.java:17"}
                    ]}
                    """);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Builds commands as {@link Main} does: through their {@code (App)} constructor. */
    private record AppFactory(App app) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == App.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(app));
                }
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
