package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** The embedded skills as files (SPEC §11): front matter, what each must cover, and that the jar ships them unaltered. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SkillsTest {
    private static final Path SOURCES = Path.of("src/main/resources/skills");

    @Test
    void the_five_skills_of_the_spec_are_embedded_with_valid_front_matter() {
        List<Skills.Skill> all = Skills.all();
        assertThat(all).extracting(Skills.Skill::name)
                .containsExactly("backlog", "backlog-loop", "backlog-goal", "backlog-enhance-tasks", "backlog-memory");
        for (Skills.Skill s : all) {
            assertThat(s.name()).matches(Skills.NAME);
            assertThat(s.frontMatter()).as(s.name()).containsKeys("name", "description");
            assertThat(s.frontMatter().keySet()).as(s.name()).isSubsetOf("name", "description", "argument-hint");
            // Codex accepts at most 500 characters; Cursor gets a shortened copy (InstallSkillsIT)
            assertThat(s.description().length()).as(s.name()).isBetween(80, 500);
            assertThat(s.body()).startsWith("\n# " + s.name() + "\n");
        }
    }

    @Test
    void the_jar_carries_the_source_files_byte_for_byte() throws IOException {
        // cli's resources are filtered for the build stamp: a ${…} in a skill would be replaced silently
        for (String name : Skills.NAMES) {
            assertThat(Skills.load(name).text()).as(name).isEqualTo(Files.readString(SOURCES.resolve(name).resolve("SKILL.md")));
        }
        try (var dirs = Files.list(SOURCES)) {
            assertThat(dirs.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(Skills.NAMES.stream().sorted().toList());
        }
    }

    @Test
    void every_skill_follows_the_rules_of_section_11() {
        for (Skills.Skill s : Skills.all()) {
            String t = s.text();
            assertThat(t).as(s.name()).contains("--json", "BACKLOG_ACTOR", "--as", "## MCP equivalents", "```sh");
            assertThat(t).as(s.name()).doesNotContain("${", "BACKLOG_DB=", "--db /", "--profile work");
        }
    }

    @Test
    void each_skill_covers_its_row_of_the_table() {
        Map<String, List<String>> required = Map.of(
                "backlog", List.of("backlog project list", "backlog memory list", "backlog doc list", "task list -p api --ready",
                        "task next -p api --claim", "backlog plan add", "--base-version", "backlog comment add",
                        "memory add -p api --tag decision", "task move TASK-12 done", "import-findings findings.json -p api --dry-run",
                        "task history", "--at", "--blocks", "task release", "Exit statuses", "NO_READY_TASK", "STALE_VERSION"),
                "backlog-loop", List.of("/backlog-loop <project> [ref]", "task claim TASK-12", "task next -p api --claim",
                        "acceptance criteria", "task release TASK-12 --status todo", "at most 5", "read-only", "Judge receipt",
                        "Blocked after 5 attempts", "task move TASK-12 done", "\"$status\" -eq 3", "--lease"),
                "backlog-goal", List.of("PREP", "RUN", "backlog doc add", "checkpoint", "scout", "worker", "judge", "final-audit",
                        "--blocks", "--ready", "task next -p api --label goal-sso", "ai:worker-1", "ai:worker-2", "memory add",
                        "## status", "## pause", "## clear", "task release TASK-13 --force", "task archive", "confirms"),
                "backlog-enhance-tasks", List.of("/backlog-enhance-tasks TASK-N [--build-plan]", "## Context", "## Acceptance criteria",
                        "## Implementation hints", "task update TASK-12", "--base-version", "plan add", "Never pass `--type`, `--priority`, `--status`"),
                "backlog-memory", List.of("/backlog-memory [learn|store] [alias]", "## learn", "## store", "`arch`", "`decisions`",
                        "`open-work`", "`done-work`", "`context`", "400 words", "backlog memory update MEMORY_ID", "Never delete and re-add"));
        for (Skills.Skill s : Skills.all()) {
            assertThat(s.text()).as(s.name()).contains(required.get(s.name()));
        }
    }

    @Test
    void front_matter_round_trips_plain_and_quoted_scalars() {
        Skills.Skill s = Skills.parse("---\nname: x-y\ndescription: \"Say \\\"hi\\\": now\"\nargument-hint: \"[a|b]\"\n---\n# x-y\n");
        assertThat(s.description()).isEqualTo("Say \"hi\": now");
        assertThat(s.frontMatter()).containsEntry("argument-hint", "[a|b]");
        assertThat(s.body()).isEqualTo("# x-y\n");
        assertThat(Skills.yaml("plain text, fine")).isEqualTo("plain text, fine");
        assertThat(Skills.yaml("key: value")).isEqualTo("\"key: value\"");
        assertThat(Skills.yaml("[a|b]")).isEqualTo("\"[a|b]\"");
        assertThatThrownBy(() -> Skills.parse("---\nname: Bad_Name\ndescription: d\n---\n")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Skills.parse("# no front matter\n")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void long_descriptions_are_cut_at_a_word_for_cursor() {
        String d = "word ".repeat(60).strip();
        String cut = InstallSkillsCommand.shorten(d, 200);
        assertThat(cut.length()).isLessThanOrEqualTo(200);
        assertThat(cut).endsWith("word…");
        assertThat(InstallSkillsCommand.shorten("short", 200)).isEqualTo("short");
    }
}
