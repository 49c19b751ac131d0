package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backlog install-skills} (SPEC §11) through the real CLI with a temporary {@code HOME} and no workspace:
 * detection, layouts, per-target transformations, skip/force, dry runs, filters, errors and file modes.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class InstallSkillsIT {
    @TempDir
    Path dir;
    Path home;
    CliRunner cli;

    @BeforeEach
    void home() throws IOException {
        cli = new CliRunner(dir);
        home = dir.resolve(".home");
        Files.createDirectories(home);
    }

    JsonNode install(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "install-skills";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.json(all);
    }

    static List<String> paths(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.get("path").asText()));
        return out;
    }

    List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void installs_for_the_agents_whose_directory_exists_under_home() throws IOException {
        Files.createDirectories(home.resolve(".claude"));
        Files.createDirectories(home.resolve(".cursor"));
        JsonNode r = install();
        assertThat(r.get("dry_run").asBoolean()).isFalse();
        assertThat(r.get("skipped")).isEmpty();
        List<String> expected = new ArrayList<>();
        for (String s : Skills.NAMES) {
            expected.add(home.resolve(".claude/skills/" + s + "/SKILL.md").toString());
        }
        for (String s : Skills.NAMES) {
            expected.add(home.resolve(".cursor/rules/" + s + ".mdc").toString());
        }
        assertThat(paths(r.get("written"))).containsExactlyElementsOf(expected);
        for (JsonNode w : r.get("written")) {
            assertThat(w.get("target").asText()).isIn("claude", "cursor");
            assertThat(w.get("bytes").asLong()).isEqualTo(Files.size(Path.of(w.get("path").asText())));
        }
        assertThat(Files.exists(home.resolve(".codex"))).isFalse();
        assertThat(Files.exists(home.resolve(".config/opencode"))).isFalse();
    }

    @Test
    void codex_follows_CODEX_HOME_and_opencode_follows_XDG_CONFIG_HOME() throws IOException {
        Path codex = dir.resolve("codex-home");
        Path xdg = dir.resolve("xdg");
        Files.createDirectories(codex);
        Files.createDirectories(xdg.resolve("opencode"));
        cli.env("CODEX_HOME", codex.toString()).env("XDG_CONFIG_HOME", xdg.toString());
        JsonNode r = install("--skill", "backlog");
        assertThat(paths(r.get("written"))).containsExactly(codex.resolve("skills/backlog/SKILL.md").toString(),
                xdg.resolve("opencode/skills/backlog/SKILL.md").toString());
    }

    @Test
    void nothing_detected_installs_nothing_and_says_so() {
        CliRunner.Result r = cli.run("install-skills", "--json");
        assertThat(r.exit()).isZero();
        assertThat(r.json().get("written")).isEmpty();
        assertThat(r.err()).contains("no agent directory found").contains("--target or --all");
    }

    @Test
    void all_installs_every_target_in_its_user_location() throws IOException {
        JsonNode r = install("--all");
        assertThat(r.get("written")).hasSize(4 * Skills.NAMES.size());
        assertThat(filesUnder(home.resolve(".claude/skills"))).hasSize(5);
        assertThat(filesUnder(home.resolve(".cursor/rules"))).hasSize(5);
        assertThat(filesUnder(home.resolve(".codex/skills"))).hasSize(5);
        assertThat(filesUnder(home.resolve(".config/opencode/skills"))).hasSize(5);
    }

    @Test
    void dir_installs_with_the_project_layout_of_every_target() throws IOException {
        Path repo = dir.resolve("repo");
        JsonNode r = install("--all", "--dir", "repo", "--skill", "backlog-loop");
        assertThat(paths(r.get("written"))).containsExactly(
                repo.resolve(".claude/skills/backlog-loop/SKILL.md").toString(),
                repo.resolve(".cursor/rules/backlog-loop.mdc").toString(),
                repo.resolve(".agents/skills/backlog-loop/SKILL.md").toString(),
                repo.resolve(".opencode/skills/backlog-loop/SKILL.md").toString());
        assertThat(filesUnder(home)).isEmpty();
    }

    @Test
    void dir_detects_the_agents_present_in_the_project() throws IOException {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo.resolve(".cursor"));
        Files.createDirectories(repo.resolve(".agents"));
        Files.createDirectories(home.resolve(".claude"));
        JsonNode r = install("--dir", repo.toString());
        assertThat(r.get("written")).extracting(w -> w.get("target").asText()).containsOnly("cursor", "codex");
        assertThat(filesUnder(home)).isEmpty();
    }

    @Test
    void claude_and_opencode_get_the_skill_unchanged() throws IOException {
        install("--target", "claude,opencode");
        for (Skills.Skill s : Skills.all()) {
            assertThat(Files.readString(home.resolve(".claude/skills/" + s.name() + "/SKILL.md"))).isEqualTo(s.text());
            assertThat(Files.readString(home.resolve(".config/opencode/skills/" + s.name() + "/SKILL.md"))).isEqualTo(s.text());
        }
    }

    @Test
    void cursor_gets_an_mdc_rule_with_description_globs_and_alwaysApply() throws IOException {
        install("--target", "cursor");
        for (Skills.Skill s : Skills.all()) {
            String mdc = Files.readString(home.resolve(".cursor/rules/" + s.name() + ".mdc"));
            Skills.Skill parsedBack = parseLoosely(mdc);
            assertThat(mdc).startsWith("---\ndescription: ");
            assertThat(mdc).contains("\nglobs:\nalwaysApply: false\n---\n");
            assertThat(mdc.substring(0, mdc.indexOf("\n---\n"))).doesNotContain("name:", "argument-hint");
            String description = mdc.substring("---\ndescription: ".length(), mdc.indexOf('\n', 4));
            assertThat(description.codePointCount(0, description.length())).isLessThanOrEqualTo(200);
            assertThat(s.description()).startsWith(description.replace("…", "").strip());
            assertThat(parsedBack.body()).isEqualTo(s.body());
        }
    }

    @Test
    void codex_front_matter_is_reduced_to_name_and_description() throws IOException {
        install("--target", "codex");
        for (Skills.Skill s : Skills.all()) {
            String md = Files.readString(home.resolve(".codex/skills/" + s.name() + "/SKILL.md"));
            Skills.Skill back = Skills.parse(md);
            assertThat(back.frontMatter().keySet()).containsExactly("name", "description");
            assertThat(back.name()).isEqualTo(s.name());
            assertThat(back.description()).isEqualTo(s.description());
            assertThat(back.body()).isEqualTo(s.body());
        }
    }

    @Test
    void existing_files_are_skipped_unless_force() throws IOException {
        Path file = home.resolve(".claude/skills/backlog/SKILL.md");
        install("--target", "claude");
        Files.writeString(file, "edited by the user\n");
        JsonNode again = install("--target", "claude");
        assertThat(again.get("written")).isEmpty();
        assertThat(again.get("skipped")).hasSize(5);
        JsonNode first = again.get("skipped").get(0);
        assertThat(first.get("target").asText()).isEqualTo("claude");
        assertThat(first.get("skill").asText()).isEqualTo("backlog");
        assertThat(first.get("path").asText()).isEqualTo(file.toString());
        assertThat(first.get("reason").asText()).isEqualTo("exists");
        assertThat(Files.readString(file)).isEqualTo("edited by the user\n");

        JsonNode forced = install("--target", "claude", "--force", "--skill", "backlog");
        assertThat(paths(forced.get("written"))).containsExactly(file.toString());
        assertThat(Files.readString(file)).isEqualTo(Skills.load("backlog").text());
    }

    @Test
    void dry_run_reports_the_same_result_and_writes_nothing() throws IOException {
        JsonNode dry = install("--all", "--dry-run");
        assertThat(dry.get("dry_run").asBoolean()).isTrue();
        assertThat(dry.get("written")).hasSize(20);
        assertThat(filesUnder(home)).isEmpty();
        assertThat(Files.exists(home.resolve(".claude"))).isFalse();
        JsonNode real = install("--all");
        assertThat(paths(real.get("written"))).isEqualTo(paths(dry.get("written")));
        for (int i = 0; i < 20; i++) {
            assertThat(real.get("written").get(i).get("bytes")).isEqualTo(dry.get("written").get(i).get("bytes"));
        }
        JsonNode dryAgain = install("--all", "--dry-run", "--force");
        assertThat(dryAgain.get("written")).hasSize(20);
        Files.writeString(home.resolve(".cursor/rules/backlog.mdc"), "mine\n");
        install("--all", "--dry-run", "--force");
        assertThat(Files.readString(home.resolve(".cursor/rules/backlog.mdc"))).isEqualTo("mine\n");
        assertThat(install("--all", "--dry-run").get("skipped")).hasSize(20);
    }

    @Test
    void skill_and_target_restrict_repeatably_and_comma_separated() {
        JsonNode r = install("--skill", "backlog-memory", "--skill", "backlog-goal,backlog", "--target", "codex", "--target", "cursor");
        assertThat(r.get("written")).extracting(w -> w.get("target").asText() + "/" + w.get("skill").asText())
                .containsExactly("cursor/backlog", "cursor/backlog-goal", "cursor/backlog-memory",
                        "codex/backlog", "codex/backlog-goal", "codex/backlog-memory");
    }

    @Test
    void unknown_skill_or_target_is_INVALID_ARGUMENT_and_writes_nothing() throws IOException {
        Files.createDirectories(home.resolve(".claude"));
        CliRunner.Result skill = cli.run("install-skills", "--skill", "backlog,nope", "--json");
        assertThat(skill.exit()).isEqualTo(2);
        assertThat(skill.out()).isEmpty();
        assertThat(skill.errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(skill.errorJson().at("/details/field").asText()).isEqualTo("skill");
        assertThat(skill.errorJson().at("/details/value").asText()).isEqualTo("nope");
        CliRunner.Result target = cli.run("install-skills", "--target", "vscode", "--json");
        assertThat(target.exit()).isEqualTo(2);
        assertThat(target.errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(target.errorJson().at("/details/allowed")).extracting(JsonNode::asText)
                .containsExactly("claude", "cursor", "codex", "opencode");
        assertThat(filesUnder(home)).isEmpty();
        CliRunner.Result flag = cli.run("install-skills", "--nope", "--json");
        assertThat(flag.exit()).isEqualTo(2);
        assertThat(flag.errorJson().get("code").asText()).isEqualTo("USAGE");
    }

    @Test
    void directories_are_0755_and_files_0644() throws IOException {
        install("--target", "claude", "--target", "cursor", "--skill", "backlog");
        for (Path d : List.of(home.resolve(".claude"), home.resolve(".claude/skills"), home.resolve(".claude/skills/backlog"),
                home.resolve(".cursor"), home.resolve(".cursor/rules"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d))).as(d.toString()).isEqualTo("rwxr-xr-x");
        }
        for (Path f : List.of(home.resolve(".claude/skills/backlog/SKILL.md"), home.resolve(".cursor/rules/backlog.mdc"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-r--r--");
        }
        try (Stream<Path> s = Files.walk(home)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void existing_directories_keep_their_mode() throws IOException {
        Path claude = Files.createDirectories(home.resolve(".claude"));
        Files.setPosixFilePermissions(claude, PosixFilePermissions.fromString("rwx------"));
        install();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(claude))).isEqualTo("rwx------");
    }

    @Test
    void list_prints_the_embedded_skills_and_the_alias_works() {
        JsonNode l = cli.json("install-skill", "--list");
        assertThat(l.get("skills")).extracting(s -> s.get("name").asText()).containsExactlyElementsOf(Skills.NAMES);
        assertThat(l.get("skills").get(0).get("description").asText()).isEqualTo(Skills.load("backlog").description());
        CliRunner.Result text = cli.run("install-skills", "--list");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).startsWith("NAME").contains("backlog-enhance-tasks");
    }

    @Test
    void text_mode_prints_one_line_per_file_and_a_summary() throws IOException {
        Files.createDirectories(home.resolve(".claude"));
        CliRunner.Result r = cli.run("install-skills", "--skill", "backlog");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("✓ Wrote 1 file, skipped 0").contains("written", "claude", home.resolve(".claude/skills/backlog/SKILL.md").toString());
        CliRunner.Result again = cli.run("install-skills", "--skill", "backlog", "--dry-run");
        assertThat(again.out()).startsWith("✓ [dry-run] would write 0 files, skipped 1").contains("skipped (exists)");
    }

    @Test
    void needs_no_workspace_even_when_none_can_be_found() {
        CliRunner.Result r = cli.run("install-skills", "--all", "--dry-run", "--json");
        assertThat(r.exit()).isZero();
        assertThat(Files.exists(dir.resolve("backlog.db"))).isFalse();
    }

    /** A Cursor rule's front matter is not a skill's (no name): split it by hand. */
    private static Skills.Skill parseLoosely(String mdc) {
        int end = mdc.indexOf("\n---\n");
        return new Skills.Skill("-", "-", java.util.Map.of(), mdc.substring(end + 5), mdc);
    }
}
