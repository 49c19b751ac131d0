package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.projector.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input matrix of the CLI: every flag, id, actor, date, duration, enum and limit of SPEC §2, §3 and §13 fed
 * a wrong value. Each case runs twice, with {@code --json} (stderr is exactly one {@code {"error":{code,message,
 * details}}} document) and without (stderr starts with {@code error: }, no stack trace), and checks that stdout is
 * empty, the exit status and code are those of §2.6, and nothing was written: the event count, the configuration
 * files and any database the case names are unchanged.
 *
 * <p>Arguments may carry placeholders filled from the fixture: {@code {root}} (the temp directory), {@code {comment}}
 * (the id of a live comment), {@code {comment5}} (its first 5 characters), {@code {ambiguous}} (a 6-character
 * prefix shared by several task ids), {@code {stale-task}} / {@code {stale-project}} (an outdated base version of
 * TASK-4 / project {@code api}).
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BadInputIT {
    /** Exit statuses of SPEC §2.6, written out here so the test does not trust the product's own table. */
    private static final Map<String, Integer> EXIT = new HashMap<>();

    static {
        for (String c : List.of("USAGE", "INVALID_ARGUMENT", "INVALID_ACTOR", "PROJECT_REQUIRED", "AMBIGUOUS_ID",
                "SEARCH_SYNTAX", "PAYLOAD_TOO_LARGE", "WORKSPACE_TOO_NEW")) {
            EXIT.put(c, 2);
        }
        for (String c : List.of("WORKSPACE_NOT_FOUND", "PROFILE_NOT_FOUND", "FILE_NOT_FOUND", "PROJECT_NOT_FOUND",
                "TASK_NOT_FOUND", "COMMENT_NOT_FOUND", "LABEL_NOT_FOUND", "EVENT_NOT_FOUND", "NO_READY_TASK")) {
            EXIT.put(c, 3);
        }
        for (String c : List.of("TASK_ALREADY_CLAIMED", "NOT_CLAIM_HOLDER", "TASK_NOT_CLAIMABLE", "STALE_VERSION",
                "DUPLICATE_ALIAS", "DUPLICATE_PROFILE", "PROJECT_NOT_ARCHIVED", "PROJECT_ARCHIVED", "LINK_CYCLE", "TARGET_EXISTS")) {
            EXIT.put(c, 4);
        }
        EXIT.put("CHECK_FAILED", 1);
    }

    /** The {@code details} keys SPEC §2.6 names for each code (each must be present; its value may be null). */
    private static final Map<String, List<String>> DETAILS = Map.ofEntries(
            Map.entry("USAGE", List.of("argument")),
            Map.entry("INVALID_ARGUMENT", List.of("field")),
            Map.entry("INVALID_ACTOR", List.of("value")),
            Map.entry("PAYLOAD_TOO_LARGE", List.of("field", "limit", "actual")),
            Map.entry("WORKSPACE_TOO_NEW", List.of("schema_version", "supported")),
            Map.entry("WORKSPACE_NOT_FOUND", List.of("path")),
            Map.entry("PROFILE_NOT_FOUND", List.of("profile")),
            Map.entry("FILE_NOT_FOUND", List.of("path")),
            Map.entry("AMBIGUOUS_ID", List.of("prefix", "candidates")),
            Map.entry("NO_READY_TASK", List.of("filters")),
            Map.entry("TASK_ALREADY_CLAIMED", List.of("ref", "claimed_by", "claimed_at", "lease_expires_at")),
            Map.entry("NOT_CLAIM_HOLDER", List.of("claimed_by")),
            Map.entry("TASK_NOT_CLAIMABLE", List.of("status", "archived_at")),
            Map.entry("STALE_VERSION", List.of("stream", "expected_version", "actual_version", "last_actor", "last_at")),
            Map.entry("DUPLICATE_ALIAS", List.of("alias")),
            Map.entry("LINK_CYCLE", List.of("path")),
            Map.entry("CHECK_FAILED", List.of()));

    private static final List<String> ENTITY_NOT_FOUND = List.of("PROJECT_NOT_FOUND", "TASK_NOT_FOUND", "COMMENT_NOT_FOUND",
            "LABEL_NOT_FOUND", "EVENT_NOT_FOUND");

    private static final String LONG_ACTOR = "ai:" + "a".repeat(65);
    private static final String NO_SUCH_ULID = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
    private static final String TITLE_256 = "x".repeat(256);
    private static final String TITLE_256_EMOJI = "\uD83D\uDE00".repeat(256);
    private static final String TEXT_65537 = "x".repeat(65_537);
    /** 21,846 characters but 65,538 UTF-8 bytes: the limit counts bytes. */
    private static final String TEXT_EURO = "\u20AC".repeat(21_846);
    private static final String CHARS_65 = "a".repeat(65);
    private static final String CHARS_1025 = "p".repeat(1025);
    /** One label more than the 50 a task may carry. */
    private static final String LABELS_51 = String.join(",", java.util.stream.IntStream.rangeClosed(1, 51).mapToObj(i -> "l" + i).toList());

    @TempDir
    static Path root;
    static Path ws;
    static CliRunner cli;
    static final Map<String, String> fixture = new HashMap<>();
    static final AtomicInteger copies = new AtomicInteger();

    @BeforeAll
    static void workspace_with_projects_tasks_labels_and_a_comment() throws Exception {
        ws = Files.createDirectories(root.resolve("ws"));
        Files.createDirectories(root.resolve("empty"));
        Files.createDirectories(root.resolve("emptydir"));
        cli = new CliRunner(ws);
        cli.json("init");
        cli.json("project", "add", "--alias", "api");
        cli.json("project", "add", "--alias", "web");
        cli.json("project", "add", "--alias", "old");
        cli.json("project", "archive", "old");
        cli.json("project", "update", "api", "--name", "API");
        for (int i = 1; i <= 7; i++) {
            cli.json("task", "add", "-p", "api", "-t", "Task " + i);
        }
        cli.json("task", "link", "TASK-1", "--blocks", "TASK-2");
        cli.json("task", "link", "TASK-2", "--blocks", "TASK-3");
        cli.json("task", "update", "TASK-4", "-d", "first description");
        cli.json("task", "move", "TASK-5", "done");
        cli.json("task", "claim", "TASK-6", "--as", "ai:holder");
        cli.json("task", "archive", "TASK-7");
        cli.json("label", "create", "bug", "-p", "api", "--color", "#ff0000");
        cli.json("label", "create", "ui", "-p", "api");
        cli.json("label", "attach", "bug", "--task", "TASK-1");
        String comment = cli.json("comment", "add", "first comment", "--task", "TASK-1").get("id").asText();
        fixture.put("{comment}", comment);
        fixture.put("{comment5}", comment.substring(0, 5));
        fixture.put("{root}", root.toString());
        long taskVersion = cli.json("task", "show", "TASK-4").get("version").asLong();
        long projectVersion = cli.json("project", "show", "api").get("version").asLong();
        assertThat(taskVersion).as("TASK-4 was updated once").isGreaterThanOrEqualTo(2);
        assertThat(projectVersion).as("api was updated once").isGreaterThanOrEqualTo(2);
        fixture.put("{stale-task}", Long.toString(taskVersion - 1));
        fixture.put("{stale-project}", Long.toString(projectVersion - 1));
        fixture.put("{ambiguous}", sharedTaskPrefix());

        // a profile whose directory is gone afterwards
        cli.json("init", root.resolve("gone").toString(), "--profile", "gone");
        deleteTree(root.resolve("gone"));

        // a consistent copy of the workspace for the configuration cases, and one from a newer release
        sql(ws.resolve("backlog.db"), "VACUUM INTO '" + root.resolve("template.db") + "'");
        Files.createDirectories(root.resolve("too-new"));
        Files.copy(root.resolve("template.db"), root.resolve("too-new/backlog.db"));
        sql(root.resolve("too-new/backlog.db"), "PRAGMA user_version = 999");

        Path files = Files.createDirectories(root.resolve("files"));
        Files.writeString(files.resolve("big.txt"), TEXT_65537);
        Files.writeString(files.resolve("big-euro.txt"), TEXT_EURO);
        Files.write(files.resolve("bad-utf8.txt"), new byte[] {'o', 'k', ' ', (byte) 0xC3, '(', ' ', (byte) 0xFF, '\n'});
        Files.writeString(files.resolve("empty.txt"), "");
        Files.writeString(files.resolve("blank.txt"), "  \n\t\n");
        Files.writeString(files.resolve("ok.txt"), "fine\n");
        Files.writeString(files.resolve("unknown-key.json"), "{\"title\":\"From file\",\"bogus\":1}\n");
        Files.writeString(files.resolve("malformed.json"), "{\"title\": \n");
        Files.writeString(files.resolve("bad-status.json"), "{\"title\":\"From file\",\"status\":\"started\"}\n");
        Files.writeString(files.resolve("not-a-db.db"), "this is not a database\n");
        Files.writeString(files.resolve("findings-v2.json"), "{\"version\":2,\"items\":[]}\n");
        Files.writeString(files.resolve("findings-bad-item.json"),
                "{\"version\":1,\"items\":[{\"title\":\"Fine\"},{\"title\":\"Bad\",\"priority\":\"urgent\"}]}\n");
        Files.writeString(files.resolve("findings-ok.json"), "{\"version\":1,\"items\":[{\"title\":\"Fine\"}]}\n");
        Files.writeString(files.resolve("manifest-bad-alias.json"),
                "{\"version\":1,\"projects\":[{\"alias\":\"ok\",\"name\":\"Ok\"},{\"alias\":\"Not OK\",\"name\":\"X\"}]}\n");
        for (String name : List.of("foreign-read.db", "foreign-write.db", "foreign-doctor.db")) {
            sql(files.resolve(name), "CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT)");
        }
    }

    // ---------------------------------------------------------------------------------------------------- cases

    static Stream<Case> invalid_actors() {
        List<Case> cases = new ArrayList<>();
        List<String> bad = List.of("bot:x", "ai:", "human", "ai:bad name", LONG_ACTOR, ":x", "human:a/b", "ai:caf\u00e9");
        List<List<String>> reads = List.of(List.of("task", "list", "-A"), List.of("task", "show", "TASK-1"),
                List.of("project", "list"), List.of("project", "show", "api"), List.of("activity"),
                List.of("activity", "verify"), List.of("label", "list", "-p", "api"), List.of("comment", "list", "--task", "TASK-1"),
                List.of("task", "history", "TASK-1"), List.of("task", "next", "-A"), List.of("doctor", "check"));
        List<List<String>> writes = List.of(List.of("task", "add", "-p", "api", "-t", "By a bad actor"),
                List.of("task", "claim", "TASK-4"), List.of("task", "move", "TASK-4", "review"),
                List.of("task", "update", "TASK-4", "-t", "Renamed"), List.of("comment", "add", "hello", "--task", "TASK-1"),
                List.of("project", "add", "--alias", "bad-actor"), List.of("label", "create", "new-label", "-p", "api"),
                List.of("label", "attach", "ui", "--task", "TASK-4"), List.of("task", "link", "TASK-4", "--blocks", "TASK-5"),
                List.of("task", "archive", "TASK-4"), List.of("task", "delete", "TASK-4"), List.of("project", "archive", "web"),
                List.of("comment", "delete", "{comment}"), List.of("task", "next", "-A", "--claim"), List.of("doctor", "rebuild"));
        for (String actor : bad) {
            for (List<String> cmd : actor.equals("bot:x") || actor.equals(LONG_ACTOR) ? concat(reads, writes) : writes.subList(0, 3)) {
                cases.add(bad("INVALID_ACTOR", with(cmd, "--as", actor)));
            }
        }
        cases.add(bad("INVALID_ACTOR", "task", "add", "-p", "api", "-t", "X").env("BACKLOG_ACTOR", "bot:x"));
        cases.add(bad("INVALID_ACTOR", "task", "claim", "TASK-4").env("BACKLOG_ACTOR", "ai:"));
        cases.add(bad("INVALID_ACTOR", "comment", "add", "hi", "--task", "TASK-1").env("BACKLOG_ACTOR", "human"));
        // actor-valued filters
        cases.add(bad("INVALID_ACTOR", "task", "list", "-A", "--actor", "bot:x"));
        cases.add(bad("INVALID_ACTOR", "task", "list", "-A", "--actor", "human"));
        cases.add(bad("INVALID_ACTOR", "task", "list", "-A", "--claimed-by", "ai:"));
        cases.add(bad("INVALID_ACTOR", "task", "list", "-A", "--claimed-by", LONG_ACTOR));
        cases.add(bad("INVALID_ACTOR", "activity", "--actor", "ai:bad name"));
        cases.add(bad("INVALID_ARGUMENT", "task", "list", "-A", "--actor-kind", "robot"));
        cases.add(bad("INVALID_ARGUMENT", "activity", "--actor-kind", "bot"));
        // init validates before creating anything
        cases.add(bad("INVALID_ACTOR", "init", "{root}/init-actor", "--actor", "bot:x").absent("{root}/init-actor"));
        cases.add(bad("INVALID_ACTOR", "init", "{root}/init-as", "--as", "ai:").absent("{root}/init-as"));
        return cases.stream();
    }

    static Stream<Case> usage_errors() {
        return Stream.of(
                bad("USAGE", "frobnicate"),
                bad("USAGE", "task", "frobnicate"),
                bad("USAGE", "project", "frobnicate"),
                bad("USAGE", "label", "frobnicate"),
                bad("USAGE", "comment", "frobnicate"),
                bad("USAGE", "doctor", "frobnicate"),
                bad("USAGE", "profile", "frobnicate"),
                bad("USAGE", "task"),
                bad("USAGE", "project"),
                bad("USAGE", "doctor"),
                bad("USAGE", "task", "list", "--bogus"),
                bad("USAGE", "task", "list", "-Z"),
                bad("USAGE", "task", "add", "-p", "api", "-t", "X", "--bogus"),
                bad("USAGE", "project", "list", "--bogus"),
                bad("USAGE", "activity", "--bogus"),
                bad("USAGE", "activity", "verify", "--bogus"),
                bad("USAGE", "doctor", "check", "--bogus"),
                bad("USAGE", "doctor", "rebuild", "--bogus"),
                bad("USAGE", "init", "{root}/init-bogus", "--bogus").absent("{root}/init-bogus"),
                bad("USAGE", "version", "--bogus"),
                bad("USAGE", "completion", "bash", "--bogus"),
                // missing required argument or option
                bad("USAGE", "task", "add", "-p", "api"),
                bad("USAGE", "task", "add", "-p", "api", "-d", "description but no title"),
                bad("USAGE", "task", "add", "-p", "api", "--title"),
                bad("USAGE", "task", "show"),
                bad("USAGE", "task", "update"),
                bad("USAGE", "task", "move"),
                bad("USAGE", "task", "move", "TASK-4"),
                bad("USAGE", "task", "claim"),
                bad("USAGE", "task", "claim", "TASK-4", "--lease"),
                bad("USAGE", "task", "release"),
                bad("USAGE", "task", "link", "TASK-4"),
                bad("USAGE", "task", "link", "TASK-4", "--blocks"),
                bad("USAGE", "task", "link", "TASK-4", "--blocks", "TASK-5", "--blocked-by", "TASK-1"),
                bad("USAGE", "task", "link", "--blocks", "TASK-5"),
                bad("USAGE", "task", "unlink", "TASK-1"),
                bad("USAGE", "task", "archive"),
                bad("USAGE", "task", "restore"),
                bad("USAGE", "task", "delete"),
                bad("USAGE", "task", "history"),
                bad("USAGE", "project", "add"),
                bad("USAGE", "project", "add", "Name only"),
                bad("USAGE", "project", "add", "--alias"),
                bad("USAGE", "project", "show"),
                bad("USAGE", "project", "update"),
                bad("USAGE", "project", "archive"),
                bad("USAGE", "project", "restore"),
                bad("USAGE", "project", "delete"),
                bad("USAGE", "project", "set-default"),
                bad("USAGE", "label", "create"),
                bad("USAGE", "label", "create", "x", "-p"),
                bad("USAGE", "label", "attach", "bug"),
                bad("USAGE", "label", "attach", "--task", "TASK-4"),
                bad("USAGE", "label", "detach", "bug"),
                bad("USAGE", "label", "update", "-p", "api", "--color", "#fff"),
                bad("USAGE", "label", "delete", "-p", "api"),
                bad("USAGE", "comment", "add", "--task", "TASK-1"),
                bad("USAGE", "comment", "add", "hello"),
                bad("USAGE", "comment", "list"),
                bad("USAGE", "comment", "delete"),
                bad("USAGE", "profile", "add", "p2"),
                bad("USAGE", "profile", "add", "--path", "{root}/ws"),
                bad("USAGE", "profile", "show"),
                bad("USAGE", "profile", "remove"),
                bad("USAGE", "completion"),
                bad("USAGE", "activity", "--limit"),
                bad("USAGE", "activity", "verify", "--expect-head"),
                // extra arguments
                bad("USAGE", "task", "show", "TASK-1", "TASK-2"),
                bad("USAGE", "task", "list", "-A", "stray"),
                bad("USAGE", "task", "move", "TASK-4", "review", "done"),
                bad("USAGE", "project", "list", "stray"),
                bad("USAGE", "project", "show", "api", "web"),
                bad("USAGE", "label", "list", "-p", "api", "stray"),
                bad("USAGE", "comment", "add", "one", "two", "--task", "TASK-1"),
                bad("USAGE", "activity", "stray"),
                bad("USAGE", "doctor", "check", "stray"),
                bad("USAGE", "version", "extra"),
                bad("USAGE", "completion", "bash", "zsh"),
                bad("USAGE", "help", "frobnicate"),
                bad("USAGE", "help", "task", "frobnicate"),
                // global options without their value
                bad("USAGE", "task", "list", "-A", "--db"),
                bad("USAGE", "task", "list", "-A", "--profile"),
                bad("USAGE", "task", "list", "-A", "--as"));
    }

    static Stream<Case> bad_enums() {
        return Stream.of(
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--status", "started"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--type", "epic"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--priority", "P0"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--priority", "6"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--priority", "0"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--priority", "P6"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--priority", "high"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--priority", "1.5"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--status", ""),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--status", "started"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--type", "epic"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--priority", "P0"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--priority", "high"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "-t", "Renamed", "--priority", "6"),
                bad("INVALID_ARGUMENT", "task", "move", "TASK-4", "started"),
                bad("INVALID_ARGUMENT", "task", "move", "TASK-4", "--status", "started"),
                bad("INVALID_ARGUMENT", "task", "move", "TASK-4", "--status", "archived"),
                bad("INVALID_ARGUMENT", "task", "release", "TASK-6", "--as", "ai:holder", "--status", "started"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--status", "started"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--status", "todo,started"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--status", "todo", "--status", "started"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--type", "epic"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--priority", "P0"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--priority", "high"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--priority", "1, 6"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--sort", "bogus"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--order", "up"),
                bad("INVALID_ARGUMENT", "task", "next", "-A", "--type", "epic"),
                bad("INVALID_ARGUMENT", "task", "next", "-A", "--priority", "6"),
                bad("INVALID_ARGUMENT", "task", "next", "-A", "--claim", "--priority", "P0"),
                bad("INVALID_ARGUMENT", "task", "history", "TASK-1", "--type", "TaskExploded"),
                bad("INVALID_ARGUMENT", "activity", "--order", "up"),
                bad("INVALID_ARGUMENT", "activity", "--kind", "bogus"),
                bad("INVALID_ARGUMENT", "activity", "--type", "TaskExploded"),
                bad("INVALID_ARGUMENT", "completion", "fish"),
                bad("INVALID_ARGUMENT", "completion", "powershell"),
                bad("INVALID_ARGUMENT", "init", "{root}/init-type", "--type", "epic").absent("{root}/init-type"),
                bad("INVALID_ARGUMENT", "init", "{root}/init-priority", "--priority", "P0").absent("{root}/init-priority"),
                bad("INVALID_ARGUMENT", "init", "{root}/init-status", "--status", "started").absent("{root}/init-status"));
    }

    static Stream<Case> bad_dates_and_durations() {
        return Stream.of(
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--due-date", "2026-13-01"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--due-date", "2026-02-30"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--due-date", "tomorrow"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--due-date", "2026-03-01T10:00:00"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--due-date", "2026-13-01"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--due-date", "tomorrow"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--at", "tomorrow"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--at", "2026-13-01T00:00:00Z"),
                bad("INVALID_ARGUMENT", "task", "show", "TASK-1", "--at", "tomorrow"),
                bad("INVALID_ARGUMENT", "task", "show", "TASK-1", "--at", "-5"),
                bad("INVALID_ARGUMENT", "activity", "--since", "tomorrow"),
                bad("INVALID_ARGUMENT", "activity", "--since", "2026-13-01"),
                bad("INVALID_ARGUMENT", "activity", "--since", "1x"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "5"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "30s"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "59999ms"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "31d"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "30d1m"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "5w"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "1x"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "0m"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "-1h"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "1h 30m"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "forever"),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", ""),
                bad("INVALID_ARGUMENT", "task", "claim", "TASK-4", "--lease", "99999999999999999999d"),
                bad("INVALID_ARGUMENT", "task", "next", "-A", "--claim", "--lease", "30s"),
                bad("INVALID_ARGUMENT", "task", "next", "-A", "--claim", "--lease", "31d"),
                bad("INVALID_ARGUMENT", "task", "next", "-A", "--lease", "1x"));
    }

    static Stream<Case> bad_numbers() {
        return Stream.of(
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--limit", "-1"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--limit", "abc"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--limit", "1.5"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--offset", "-1"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--offset", "abc"),
                bad("INVALID_ARGUMENT", "task", "history", "TASK-1", "--limit", "-1"),
                bad("INVALID_ARGUMENT", "task", "history", "TASK-1", "--limit", "abc"),
                bad("INVALID_ARGUMENT", "task", "history", "TASK-1", "--after", "-1"),
                bad("INVALID_ARGUMENT", "task", "history", "TASK-1", "--after", "abc"),
                bad("INVALID_ARGUMENT", "activity", "--limit", "-1"),
                bad("INVALID_ARGUMENT", "activity", "--limit", "abc"),
                bad("INVALID_ARGUMENT", "activity", "--limit", "10001"),
                bad("INVALID_ARGUMENT", "activity", "--limit", "99999999999999999999"),
                bad("INVALID_ARGUMENT", "activity", "--after", "-1"),
                bad("INVALID_ARGUMENT", "activity", "--after", "abc"),
                bad("INVALID_ARGUMENT", "activity", "--before", "-1"),
                bad("INVALID_ARGUMENT", "activity", "--before", "abc"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "-t", "Renamed", "--base-version", "-1"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "-t", "Renamed", "--base-version", "abc"),
                bad("INVALID_ARGUMENT", "task", "move", "TASK-4", "review", "--base-version", "-1"),
                bad("INVALID_ARGUMENT", "task", "move", "TASK-4", "review", "--base-version", "abc"),
                bad("INVALID_ARGUMENT", "project", "update", "api", "--name", "Renamed", "--base-version", "-1"),
                bad("INVALID_ARGUMENT", "project", "update", "api", "--name", "Renamed", "--base-version", "abc"));
    }

    static Stream<Case> unknown_references() {
        return Stream.of(
                bad("TASK_NOT_FOUND", "task", "show", "TASK-999").details("ref"),
                bad("TASK_NOT_FOUND", "task", "show", "task-999"),
                bad("TASK_NOT_FOUND", "task", "show", "999"),
                bad("TASK_NOT_FOUND", "task", "show", NO_SUCH_ULID),
                bad("TASK_NOT_FOUND", "task", "show", "ZZZZZZ"),
                bad("TASK_NOT_FOUND", "task", "show", "TASK-1@ZZZZZZ"),
                bad("TASK_NOT_FOUND", "task", "update", "TASK-999", "-t", "Renamed"),
                bad("TASK_NOT_FOUND", "task", "move", "TASK-999", "done"),
                bad("TASK_NOT_FOUND", "task", "claim", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "release", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "link", "TASK-999", "--blocks", "TASK-4"),
                bad("TASK_NOT_FOUND", "task", "link", "TASK-4", "--blocks", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "link", "TASK-4", "--blocked-by", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "unlink", "TASK-4", "--blocks", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "archive", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "restore", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "delete", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "history", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "add", "-p", "api", "-t", "X", "--blocked-by", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "add", "-p", "api", "-t", "X", "--blocked-by", "TASK-4", "--blocked-by", "TASK-999"),
                bad("TASK_NOT_FOUND", "task", "add", "-p", "api", "-t", "X", "--label", "fresh-label", "--blocked-by", "TASK-999"),
                bad("TASK_NOT_FOUND", "label", "attach", "bug", "--task", "TASK-999"),
                bad("TASK_NOT_FOUND", "label", "detach", "bug", "--task", "TASK-999"),
                bad("TASK_NOT_FOUND", "comment", "add", "hello", "--task", "TASK-999"),
                bad("TASK_NOT_FOUND", "comment", "list", "--task", "TASK-999"),
                bad("TASK_NOT_FOUND", "activity", "--task", "TASK-999"),
                bad("INVALID_ARGUMENT", "task", "show", "01AR"),
                bad("INVALID_ARGUMENT", "task", "show", "ABCDE"),
                bad("INVALID_ARGUMENT", "task", "update", "01AR", "-t", "Renamed"),
                bad("INVALID_ARGUMENT", "task", "delete", "01ARZ"),
                bad("INVALID_ARGUMENT", "comment", "delete", "{comment5}"),
                bad("INVALID_ARGUMENT", "comment", "add", "hello", "--task", "01AR"),
                bad("AMBIGUOUS_ID", "task", "show", "{ambiguous}"),
                bad("AMBIGUOUS_ID", "task", "delete", "{ambiguous}"),
                bad("COMMENT_NOT_FOUND", "comment", "delete", NO_SUCH_ULID),
                bad("COMMENT_NOT_FOUND", "comment", "delete", "ZZZZZZ"),
                bad("LABEL_NOT_FOUND", "label", "detach", "nope", "--task", "TASK-1"),
                bad("LABEL_NOT_FOUND", "label", "update", "nope", "-p", "api", "--color", "#00ff00"),
                bad("LABEL_NOT_FOUND", "label", "delete", "nope", "-p", "api"),
                bad("PROJECT_NOT_FOUND", "project", "show", "nope"),
                bad("PROJECT_NOT_FOUND", "project", "show", NO_SUCH_ULID),
                bad("PROJECT_NOT_FOUND", "project", "update", "nope", "--name", "X"),
                bad("PROJECT_NOT_FOUND", "project", "archive", "nope"),
                bad("PROJECT_NOT_FOUND", "project", "restore", "nope"),
                bad("PROJECT_NOT_FOUND", "project", "delete", "nope"),
                bad("PROJECT_NOT_FOUND", "project", "set-default", "nope"),
                bad("PROJECT_NOT_FOUND", "project", "use", "nope"),
                bad("PROJECT_NOT_FOUND", "task", "add", "-p", "nope", "-t", "X"),
                bad("PROJECT_NOT_FOUND", "task", "list", "-p", "nope"),
                bad("PROJECT_NOT_FOUND", "task", "next", "-p", "nope"),
                bad("PROJECT_NOT_FOUND", "label", "create", "x", "-p", "nope"),
                bad("PROJECT_NOT_FOUND", "label", "list", "-p", "nope"),
                bad("PROJECT_NOT_FOUND", "label", "update", "bug", "-p", "nope", "--color", "#fff"),
                bad("PROJECT_NOT_FOUND", "label", "delete", "bug", "-p", "nope"),
                bad("PROJECT_NOT_FOUND", "activity", "-p", "nope"),
                bad("PROJECT_REQUIRED", "task", "add", "-t", "No project"),
                bad("PROJECT_REQUIRED", "task", "add", "-p", "", "-t", "No project"),
                bad("PROJECT_REQUIRED", "label", "create", "x"),
                bad("PROJECT_REQUIRED", "label", "list"),
                bad("PROJECT_REQUIRED", "label", "delete", "bug"),
                bad("NO_READY_TASK", "task", "next", "-p", "web"),
                bad("NO_READY_TASK", "task", "next", "-p", "web", "--claim"));
    }

    static Stream<Case> bad_text_and_limits() {
        return Stream.of(
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", ""),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "   "),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "two\nlines"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "carriage\rreturn"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "tab\there"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "bell\u0007"),
                bad("PAYLOAD_TOO_LARGE", "task", "add", "-p", "api", "-t", TITLE_256),
                bad("PAYLOAD_TOO_LARGE", "task", "add", "-p", "api", "-t", TITLE_256_EMOJI),
                bad("PAYLOAD_TOO_LARGE", "task", "add", "-p", "api", "-t", "X", "-d", TEXT_65537),
                bad("PAYLOAD_TOO_LARGE", "task", "add", "-p", "api", "-t", "X", "-d", TEXT_EURO),
                bad("PAYLOAD_TOO_LARGE", "task", "add", "-p", "api", "-t", "X", "--from-file", "{root}/files/big.txt"),
                bad("PAYLOAD_TOO_LARGE", "task", "add", "-p", "api", "-t", "X", "--from-file", "{root}/files/big-euro.txt"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--assignee", CHARS_65),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--source", CHARS_65),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--label", CHARS_65),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--label", LABELS_51),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--external-ref", CHARS_1025),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--project-path", CHARS_1025),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "-t", ""),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "-t", "  "),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "-t", "two\nlines"),
                bad("PAYLOAD_TOO_LARGE", "task", "update", "TASK-4", "-t", TITLE_256),
                bad("PAYLOAD_TOO_LARGE", "task", "update", "TASK-4", "-d", TEXT_65537),
                bad("PAYLOAD_TOO_LARGE", "task", "update", "TASK-4", "--from-file", "{root}/files/big.txt"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--assignee", CHARS_65),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--external-ref", CHARS_1025),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--force"),
                bad("INVALID_ARGUMENT", "comment", "add", "", "--task", "TASK-1"),
                bad("INVALID_ARGUMENT", "comment", "add", "   ", "--task", "TASK-1"),
                bad("INVALID_ARGUMENT", "comment", "add", "--task", "TASK-1", "--from-file", "{root}/files/empty.txt"),
                bad("INVALID_ARGUMENT", "comment", "add", "--task", "TASK-1", "--from-file", "{root}/files/blank.txt"),
                bad("PAYLOAD_TOO_LARGE", "comment", "add", TEXT_65537, "--task", "TASK-1"),
                bad("PAYLOAD_TOO_LARGE", "comment", "add", TEXT_EURO, "--task", "TASK-1"),
                bad("PAYLOAD_TOO_LARGE", "comment", "add", "--task", "TASK-1", "--from-file", "{root}/files/big.txt"),
                bad("INVALID_ARGUMENT", "project", "add", "--alias", "Bad_Alias"),
                bad("INVALID_ARGUMENT", "project", "add", "--alias", "-lead"),
                bad("INVALID_ARGUMENT", "project", "add", "--alias", ""),
                bad("INVALID_ARGUMENT", "project", "add", "--alias", "has space"),
                bad("INVALID_ARGUMENT", "project", "add", "--alias", "a" + "b".repeat(64)),
                bad("INVALID_ARGUMENT", "project", "add", "", "--alias", "empty-name"),
                bad("INVALID_ARGUMENT", "project", "add", "two\nlines", "--alias", "newline-name"),
                bad("PAYLOAD_TOO_LARGE", "project", "add", TITLE_256, "--alias", "long-name"),
                bad("INVALID_ARGUMENT", "project", "add", "--alias", "long-repo", "--repo-path", CHARS_1025),
                bad("DUPLICATE_ALIAS", "project", "add", "--alias", "api").details("alias"),
                bad("DUPLICATE_ALIAS", "project", "add", "Other", "--alias", "old"),
                bad("DUPLICATE_ALIAS", "project", "update", "web", "--alias", "api"),
                bad("INVALID_ARGUMENT", "project", "update", "web", "--alias", "Bad_Alias"),
                bad("INVALID_ARGUMENT", "project", "update", "api", "--name", ""),
                bad("INVALID_ARGUMENT", "project", "update", "api", "--name", "  "),
                bad("INVALID_ARGUMENT", "project", "update", "api", "--name", "two\nlines"),
                bad("PAYLOAD_TOO_LARGE", "project", "update", "api", "--name", TITLE_256),
                bad("INVALID_ARGUMENT", "project", "update", "api", "--repo-path", CHARS_1025),
                bad("INVALID_ARGUMENT", "project", "update", "api"),
                bad("INVALID_ARGUMENT", "label", "create", "a,b", "-p", "api"),
                bad("INVALID_ARGUMENT", "label", "create", "", "-p", "api"),
                bad("INVALID_ARGUMENT", "label", "create", "   ", "-p", "api"),
                bad("INVALID_ARGUMENT", "label", "create", "line\nbreak", "-p", "api"),
                bad("INVALID_ARGUMENT", "label", "create", CHARS_65, "-p", "api"),
                bad("INVALID_ARGUMENT", "label", "create", "x", "-p", "api", "--color", "red"),
                bad("INVALID_ARGUMENT", "label", "create", "x", "-p", "api", "--color", "#12"),
                bad("INVALID_ARGUMENT", "label", "create", "x", "-p", "api", "--color", "#GGGGGG"),
                bad("INVALID_ARGUMENT", "label", "create", "x", "-p", "api", "--color", "123456"),
                bad("INVALID_ARGUMENT", "label", "create", "x", "-p", "api", "--color", "#1234567"),
                bad("INVALID_ARGUMENT", "label", "attach", "a,b", "--task", "TASK-4"),
                bad("INVALID_ARGUMENT", "label", "attach", "", "--task", "TASK-4"),
                bad("INVALID_ARGUMENT", "label", "attach", CHARS_65, "--task", "TASK-4"),
                bad("INVALID_ARGUMENT", "label", "update", "bug", "-p", "api", "--color", "red"),
                bad("INVALID_ARGUMENT", "label", "update", "bug", "-p", "api", "--name", "a,b"),
                bad("INVALID_ARGUMENT", "label", "update", "bug", "-p", "api", "--name", ""),
                bad("INVALID_ARGUMENT", "label", "update", "bug", "-p", "api", "--name", "UI"),
                bad("INVALID_ARGUMENT", "label", "update", "bug", "-p", "api"));
    }

    static Stream<Case> conflicts() {
        return Stream.of(
                bad("LINK_CYCLE", "task", "link", "TASK-4", "--blocks", "TASK-4").details("path"),
                bad("LINK_CYCLE", "task", "link", "TASK-4", "--blocked-by", "TASK-4"),
                bad("LINK_CYCLE", "task", "link", "TASK-2", "--blocks", "TASK-1"),
                bad("LINK_CYCLE", "task", "link", "TASK-1", "--blocked-by", "TASK-2"),
                bad("LINK_CYCLE", "task", "link", "TASK-3", "--blocks", "TASK-1"),
                bad("STALE_VERSION", "task", "update", "TASK-4", "-t", "Renamed", "--base-version", "{stale-task}"),
                bad("STALE_VERSION", "task", "update", "TASK-4", "-t", "Renamed", "--base-version", "999"),
                bad("STALE_VERSION", "task", "move", "TASK-4", "review", "--base-version", "{stale-task}"),
                bad("STALE_VERSION", "project", "update", "api", "--name", "Renamed", "--base-version", "{stale-project}"),
                bad("STALE_VERSION", "project", "update", "api", "--name", "Renamed", "--base-version", "999"),
                bad("PROJECT_NOT_ARCHIVED", "project", "delete", "api"),
                bad("PROJECT_ARCHIVED", "task", "add", "-p", "old", "-t", "Into the archive"),
                bad("PROJECT_ARCHIVED", "label", "create", "x", "-p", "old"),
                bad("TASK_ALREADY_CLAIMED", "task", "claim", "TASK-6", "--as", "ai:intruder"),
                bad("TASK_ALREADY_CLAIMED", "task", "move", "TASK-6", "review", "--as", "ai:intruder"),
                bad("NOT_CLAIM_HOLDER", "task", "release", "TASK-6", "--as", "ai:intruder"),
                bad("TASK_NOT_CLAIMABLE", "task", "claim", "TASK-5"),
                bad("TASK_NOT_CLAIMABLE", "task", "claim", "TASK-7"),
                bad("DUPLICATE_PROFILE", "profile", "add", "gone", "--path", "{root}/ws"),
                bad("DUPLICATE_PROFILE", "init", "{root}/init-dup", "--profile", "gone").absent("{root}/init-dup/backlog.db"));
    }

    static Stream<Case> workspace_resolution() {
        return Stream.of(
                bad("WORKSPACE_NOT_FOUND", "task", "list", "-A", "--db", "{root}/nonexistent").absent("{root}/nonexistent"),
                bad("WORKSPACE_NOT_FOUND", "task", "add", "-p", "api", "-t", "X", "--db", "{root}/nonexistent/backlog.db")
                        .absent("{root}/nonexistent"),
                bad("WORKSPACE_NOT_FOUND", "task", "list", "-A", "--db", "/nonexistent").absent("/nonexistent"),
                bad("WORKSPACE_NOT_FOUND", "activity", "--db", "{root}/emptydir").absent("{root}/emptydir/backlog.db"),
                bad("WORKSPACE_NOT_FOUND", "project", "add", "--alias", "zz", "--db", "{root}/emptydir")
                        .absent("{root}/emptydir/backlog.db"),
                bad("WORKSPACE_NOT_FOUND", "task", "list", "-A").env("BACKLOG_DB", "{root}/nonexistent"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--db", "{root}/files/not-a-db.db").unchanged("{root}/files/not-a-db.db"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--db", "{root}/files/not-a-db.db")
                        .unchanged("{root}/files/not-a-db.db"),
                bad("INVALID_ARGUMENT", "task", "list", "-A", "--db", "{root}/files/foreign-read.db")
                        .unchanged("{root}/files/foreign-read.db").absent("{root}/files/foreign-read.db-wal"),
                bad("INVALID_ARGUMENT", "project", "add", "--alias", "zz", "--db", "{root}/files/foreign-write.db")
                        .unchanged("{root}/files/foreign-write.db").absent("{root}/files/foreign-write.db-wal"),
                bad("INVALID_ARGUMENT", "doctor", "rebuild", "--db", "{root}/files/foreign-doctor.db")
                        .unchanged("{root}/files/foreign-doctor.db").absent("{root}/files/foreign-doctor.db-wal"),
                bad("INVALID_ARGUMENT", "doctor", "check", "--db", "{root}/files/ok.txt").unchanged("{root}/files/ok.txt"),
                bad("PROFILE_NOT_FOUND", "task", "list", "-A", "--profile", "nope"),
                bad("PROFILE_NOT_FOUND", "task", "add", "-p", "api", "-t", "X", "--profile", "nope"),
                bad("PROFILE_NOT_FOUND", "activity", "--profile", "nope"),
                bad("WORKSPACE_NOT_FOUND", "task", "list", "-A", "--profile", "gone").absent("{root}/gone"),
                bad("WORKSPACE_TOO_NEW", "task", "list", "-A", "--db", "{root}/too-new").counts("{root}/too-new/backlog.db"),
                bad("WORKSPACE_TOO_NEW", "task", "add", "-p", "api", "-t", "X", "--db", "{root}/too-new/backlog.db")
                        .counts("{root}/too-new/backlog.db"),
                bad("WORKSPACE_TOO_NEW", "doctor", "rebuild", "--db", "{root}/too-new").counts("{root}/too-new/backlog.db"),
                bad("WORKSPACE_TOO_NEW", "activity", "verify", "--db", "{root}/too-new").counts("{root}/too-new/backlog.db"),
                inEmptyDir("task", "list", "-A").absent("{root}/empty/backlog.db"),
                inEmptyDir("task", "add", "-p", "api", "-t", "X").absent("{root}/empty/backlog.db"),
                inEmptyDir("project", "add", "--alias", "zz").absent("{root}/empty/backlog.db"),
                inEmptyDir("project", "list"),
                inEmptyDir("project", "set-default", "api").absent("{root}/empty/backlog.toml"),
                inEmptyDir("label", "list", "-p", "api"),
                inEmptyDir("comment", "list", "--task", "TASK-1"),
                inEmptyDir("activity"),
                inEmptyDir("activity", "verify"),
                inEmptyDir("doctor", "check"),
                inEmptyDir("doctor", "rebuild").absent("{root}/empty/backlog.db"),
                bad("WORKSPACE_NOT_FOUND", "profile", "add", "p2", "--path", "{root}/emptydir"),
                bad("WORKSPACE_NOT_FOUND", "profile", "add", "p2", "--path", "{root}/nonexistent").absent("{root}/nonexistent"),
                bad("PROFILE_NOT_FOUND", "profile", "show", "nope").details("profile"),
                bad("PROFILE_NOT_FOUND", "profile", "remove", "nope"),
                bad("PROFILE_NOT_FOUND", "profile", "set-default", "nope"),
                bad("PROFILE_NOT_FOUND", "profile", "use", "nope"));
    }

    static Stream<Case> bad_files_and_verify() {
        return Stream.of(
                bad("FILE_NOT_FOUND", "task", "add", "-p", "api", "-t", "X", "--from-file", "{root}/missing.txt"),
                bad("FILE_NOT_FOUND", "task", "add", "-p", "api", "-t", "X", "--from-file", "/missing"),
                bad("FILE_NOT_FOUND", "task", "add", "-p", "api", "-t", "X", "--from-file", "{root}/emptydir"),
                bad("FILE_NOT_FOUND", "task", "update", "TASK-4", "--from-file", "{root}/missing.txt"),
                bad("FILE_NOT_FOUND", "comment", "add", "--task", "TASK-1", "--from-file", "{root}/missing.txt"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X", "--from-file", "{root}/files/bad-utf8.txt"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--from-file", "{root}/files/bad-utf8.txt"),
                bad("INVALID_ARGUMENT", "comment", "add", "--task", "TASK-1", "--from-file", "{root}/files/bad-utf8.txt"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "--from-file", "{root}/files/unknown-key.json"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "--from-file", "{root}/files/malformed.json"),
                bad("INVALID_ARGUMENT", "task", "add", "-p", "api", "--from-file", "{root}/files/bad-status.json"),
                bad("INVALID_ARGUMENT", "task", "update", "TASK-4", "--from-file", "{root}/files/unknown-key.json"),
                bad("INVALID_ARGUMENT", "activity", "verify", "--expect-head", "nothex"),
                bad("INVALID_ARGUMENT", "activity", "verify", "--expect-head", "abc123"),
                bad("INVALID_ARGUMENT", "activity", "verify", "--expect-head", "g".repeat(64)),
                bad("INVALID_ARGUMENT", "activity", "verify", "--expect-head", "a".repeat(65)),
                bad("INVALID_ARGUMENT", "activity", "verify", "--expect-head", ""),
                bad("CHECK_FAILED", "activity", "verify", "--expect-head", "0".repeat(64)).details("first_bad_seq", "reason")
                        .detail("reason", "head_mismatch"),
                bad("FILE_NOT_FOUND", "import-findings", "{root}/missing.json", "-p", "api"),
                bad("INVALID_ARGUMENT", "import-findings", "{root}/files/malformed.json", "-p", "api"),
                bad("INVALID_ARGUMENT", "import-findings", "{root}/files/findings-v2.json", "-p", "api").detail("field", "version"),
                bad("INVALID_ARGUMENT", "import-findings", "{root}/files/findings-bad-item.json", "-p", "api").details("errors"),
                bad("INVALID_ARGUMENT", "import-findings", "{root}/files/findings-bad-item.json", "-p", "api", "--dry-run")
                        .details("errors"),
                bad("PROJECT_NOT_FOUND", "import-findings", "{root}/files/findings-ok.json", "-p", "nope"),
                bad("FILE_NOT_FOUND", "sync", "--file", "{root}/missing.json"),
                bad("INVALID_ARGUMENT", "sync", "--file", "{root}/files/malformed.json"),
                bad("INVALID_ARGUMENT", "sync", "--file", "{root}/files/manifest-bad-alias.json").detail("field", "alias"),
                bad("TARGET_EXISTS", "doctor", "backup", "--to", "{root}/files/ok.txt").unchanged("{root}/files/ok.txt"),
                bad("INVALID_ARGUMENT", "doctor", "backup", "--to", "{root}/files/ok.txt/inside.db").detail("field", "to"),
                bad("USAGE", "import-findings"),
                bad("USAGE", "daemon", "restart"));
    }

    static Stream<Case> bad_configuration() {
        return Stream.of(
                inWorkspaceConfig("[defaults]\npriority = \"P0\"\n", "INVALID_ARGUMENT", "task", "list", "-A")
                        .mentions("backlog.toml", "defaults.priority"),
                inWorkspaceConfig("[defaults]\npriority = \"P0\"\n", "INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X")
                        .mentions("backlog.toml", "defaults.priority"),
                inWorkspaceConfig("[defaults]\npriority = 9\n", "INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X")
                        .mentions("backlog.toml", "defaults.priority"),
                inWorkspaceConfig("[defaults]\ntype = \"epic\"\n", "INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X")
                        .mentions("backlog.toml", "defaults.type"),
                inWorkspaceConfig("[defaults]\nstatus = \"started\"\n", "INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X")
                        .mentions("backlog.toml", "defaults.status"),
                inWorkspaceConfig("[claims]\ndefault_lease = \"30s\"\n", "INVALID_ARGUMENT", "task", "claim", "TASK-4")
                        .mentions("backlog.toml", "claims.default_lease"),
                inWorkspaceConfig("[store]\nbusy_timeout = \"soon\"\n", "INVALID_ARGUMENT", "task", "list", "-A")
                        .mentions("backlog.toml", "store.busy_timeout"),
                inWorkspaceConfig("[output]\nformat = \"xml\"\n", "INVALID_ARGUMENT", "task", "list", "-A")
                        .mentions("backlog.toml", "output.format"),
                inWorkspaceConfig("[output]\ncolor = \"sometimes\"\n", "INVALID_ARGUMENT", "task", "list", "-A")
                        .mentions("backlog.toml", "output.color"),
                inWorkspaceConfig("name = \n", "INVALID_ARGUMENT", "task", "list", "-A").mentions("backlog.toml"),
                inWorkspaceConfig("[defaults]\nactor = \"bot:x\"\n", "INVALID_ACTOR", "task", "add", "-p", "api", "-t", "X"),
                inWorkspaceConfig("[defaults]\nactor = \"ai:\"\n", "INVALID_ACTOR", "task", "claim", "TASK-4"),
                inWorkspaceConfig("[defaults]\nactor = \"human\"\n", "INVALID_ACTOR", "task", "list", "-A"),
                inWorkspaceConfig("default_project = \"nope\"\n", "PROJECT_NOT_FOUND", "task", "add", "-t", "X"),
                inGlobalConfig("[defaults]\npriority = \"P0\"\n", "INVALID_ARGUMENT", "task", "add", "-p", "api", "-t", "X")
                        .mentions("config.toml", "defaults.priority"),
                inGlobalConfig("[defaults]\nactor = \"bot:x\"\n", "INVALID_ACTOR", "task", "add", "-p", "api", "-t", "X"),
                inGlobalConfig("default_profile = \n", "INVALID_ARGUMENT", "task", "list", "-A").mentions("config.toml"));
    }

    // ---------------------------------------------------------------------------------------------------- tests

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid_actors")
    void an_invalid_actor_is_INVALID_ACTOR_on_reads_and_writes(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("usage_errors")
    void an_unknown_command_or_flag_and_a_missing_or_extra_argument_are_USAGE(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_enums")
    void a_value_outside_an_enum_is_INVALID_ARGUMENT(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_dates_and_durations")
    void a_bad_date_instant_or_duration_is_INVALID_ARGUMENT(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_numbers")
    void a_bad_limit_offset_sequence_or_base_version_is_INVALID_ARGUMENT(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknown_references")
    void an_unknown_or_malformed_reference_is_reported_with_its_code(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_text_and_limits")
    void bad_text_and_exceeded_limits_are_rejected_before_anything_is_written(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("conflicts")
    void a_conflict_writes_nothing(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("workspace_resolution")
    void a_missing_foreign_or_newer_workspace_is_refused(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_files_and_verify")
    void bad_input_files_and_hashes_are_rejected(Case c) {
        check(c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad_configuration")
    void an_invalid_configuration_value_is_reported_naming_the_file_and_key(Case c) {
        check(c);
    }

    // ---------------------------------------------------------------------------------------------------- checking

    private static void check(Case c) {
        Path cwd = c.where().equals("empty") ? root.resolve("empty") : ws;
        List<Path> counted = new ArrayList<>(c.counts().stream().map(BadInputIT::path).toList());
        List<Path> unchanged = new ArrayList<>(List.of(ws.resolve("backlog.toml"), ws.resolve(".home/.config/backlog/config.toml")));
        c.unchanged().forEach(p -> unchanged.add(path(p)));
        if (c.where().equals("workspace-config") || c.where().equals("global-config")) {
            cwd = copyOfWorkspace(c);
            counted.add(cwd.resolve("backlog.db"));
            unchanged.add(cwd.resolve("backlog.toml"));
            unchanged.add(cwd.resolve(".home/.config/backlog/config.toml"));
        }
        CliRunner runner = new CliRunner(cwd);
        c.vars().forEach((k, v) -> runner.env(k, fill(v)));
        String[] args = c.args().stream().map(BadInputIT::fill).toArray(String[]::new);
        String shown = "backlog " + Case.show(Arrays.asList(args));
        int expectedExit = EXIT.get(c.code());

        long before = events();
        Map<Path, String> dbsBefore = snapshotDbs(counted);
        Map<Path, byte[]> filesBefore = snapshotFiles(unchanged);

        String[] jsonArgs = new String[args.length + 1];
        jsonArgs[0] = "--json";
        System.arraycopy(args, 0, jsonArgs, 1, args.length);
        CliRunner.Result json = runner.run(jsonArgs);
        CliRunner.Result text = runner.run(args);

        SoftAssertions soft = new SoftAssertions();
        // --json: exactly one error document on stderr, nothing on stdout
        soft.assertThat(json.exit()).as("exit status of %s --json\nstderr: %s", shown, json.err()).isEqualTo(expectedExit);
        soft.assertThat(json.out()).as("stdout of %s --json", shown).isEmpty();
        JsonNode doc = singleJsonDocument(json.err());
        if (doc == null) {
            soft.fail("stderr of %s --json is not exactly one JSON document:\n%s", shown, json.err());
        } else {
            JsonNode error = doc.get("error");
            soft.assertThat(fieldNames(doc)).as("top-level fields of the error of %s", shown).containsExactly("error");
            if (error != null) {
                soft.assertThat(error.path("code").asText()).as("error.code of %s\nstderr: %s", shown, json.err()).isEqualTo(c.code());
                soft.assertThat(fieldNames(error)).as("fields of error of %s", shown).containsExactlyInAnyOrder("code", "message", "details");
                soft.assertThat(error.path("message").isTextual() && !error.path("message").asText().isBlank())
                        .as("error.message of %s is a non-empty string", shown).isTrue();
                JsonNode details = error.path("details");
                soft.assertThat(details.isObject()).as("error.details of %s is an object: %s", shown, details).isTrue();
                if (error.path("code").asText().equals(c.code())) {
                    checkDetails(soft, c, shown, details);
                    for (String m : c.mentions()) {
                        soft.assertThat(error.path("message").asText() + " " + details).as("error of %s names %s", shown, m).contains(m);
                    }
                }
            }
            soft.assertThat(json.err()).as("stderr of %s --json ends with a newline", shown).endsWith("\n");
        }
        // text: error line, no stack trace, nothing on stdout
        soft.assertThat(text.exit()).as("exit status of %s\nstderr: %s", shown, text.err()).isEqualTo(expectedExit);
        soft.assertThat(text.out()).as("stdout of %s", shown).isEmpty();
        soft.assertThat(text.err()).as("stderr of %s", shown).startsWith("error: ");
        soft.assertThat(text.err().lines().filter(l -> l.matches("\\s+at .*") || l.startsWith("Caused by")).toList())
                .as("stack trace lines in stderr of %s", shown).isEmpty();
        for (String leak : List.of("Exception", "java.", "picocli.", "org.sqlite", "dev.backlog.", "SQLITE_")) {
            soft.assertThat(text.err()).as("stderr of %s leaks internals", shown).doesNotContain(leak);
            soft.assertThat(json.err()).as("stderr of %s --json leaks internals", shown).doesNotContain(leak);
        }
        if (c.code().equals("USAGE")) {
            soft.assertThat(text.err()).as("usage hint in stderr of %s", shown).contains("\nhint: run 'backlog ");
        }
        for (String m : c.mentions()) {
            soft.assertThat(text.err()).as("text error of %s names %s", shown, m).contains(m);
        }
        // nothing was written
        soft.assertThat(events()).as("event count after %s (twice)", shown).isEqualTo(before);
        soft.assertThat(snapshotDbs(counted)).as("event count and schema version of %s after %s", counted, shown).isEqualTo(dbsBefore);
        Map<Path, byte[]> filesAfter = snapshotFiles(unchanged);
        for (Path p : unchanged) {
            soft.assertThat(Arrays.equals(filesAfter.get(p), filesBefore.get(p))).as("%s unchanged by %s", p, shown).isTrue();
        }
        for (String a : c.absent()) {
            soft.assertThat(path(a)).as("%s must not be created by %s", a, shown).doesNotExist();
        }
        soft.assertAll();
    }

    private static void checkDetails(SoftAssertions soft, Case c, String shown, JsonNode details) {
        List<String> keys = new ArrayList<>(DETAILS.getOrDefault(c.code(), List.of()));
        keys.addAll(c.details());
        for (String k : keys) {
            soft.assertThat(details.has(k)).as("error.details of %s has '%s': %s", shown, k, details).isTrue();
        }
        if (ENTITY_NOT_FOUND.contains(c.code())) {
            soft.assertThat(details.has("ref") || details.has("id")).as("error.details of %s has 'ref' or 'id': %s", shown, details).isTrue();
        }
        for (String actorKey : List.of("claimed_by", "last_actor", "holder")) {
            if (details.has(actorKey) && !details.get(actorKey).isNull()) {
                soft.assertThat(fieldNames(details.get(actorKey))).as("details.%s of %s is an Actor", actorKey, shown)
                        .containsExactlyInAnyOrder("kind", "name");
            }
        }
        c.detailValues().forEach((k, v) -> soft.assertThat(details.path(k).asText()).as("details.%s of %s", k, shown).isEqualTo(v));
    }

    /** The one JSON document in {@code text}, or null when it is not exactly one. */
    private static JsonNode singleJsonDocument(String text) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(text)) {
            JsonNode n = Json.MAPPER.readTree(p);
            if (n == null || !n.isObject() || p.nextToken() != null) {
                return null;
            }
            return n;
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Events in the main workspace: {@code activity --limit 1 --json} → {@code page.total}. */
    private static long events() {
        JsonNode page = cli.json("activity", "--limit", "1").get("page");
        assertThat(page).as("activity --json has a page").isNotNull();
        return page.get("total").asLong();
    }

    private static Map<Path, String> snapshotDbs(List<Path> dbs) {
        Map<Path, String> out = new LinkedHashMap<>();
        for (Path db : dbs) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                long count;
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM events")) {
                    count = rs.getLong(1);
                }
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    out.put(db, count + " events, user_version " + rs.getInt(1));
                }
            } catch (SQLException e) {
                throw new AssertionError("cannot read " + db, e);
            }
        }
        return out;
    }

    private static Map<Path, byte[]> snapshotFiles(List<Path> files) {
        Map<Path, byte[]> out = new HashMap<>();
        for (Path f : files) {
            try {
                out.put(f, Files.isRegularFile(f) ? Files.readAllBytes(f) : new byte[0]);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** A fresh copy of the fixture workspace with the case's workspace or global configuration. */
    private static Path copyOfWorkspace(Case c) {
        try {
            Path dir = Files.createDirectories(root.resolve("config-" + copies.incrementAndGet()));
            Files.copy(root.resolve("template.db"), dir.resolve("backlog.db"));
            if (c.where().equals("workspace-config")) {
                Files.writeString(dir.resolve("backlog.toml"), c.config());
            } else {
                Files.writeString(dir.resolve("backlog.toml"), "name = \"copy\"\n");
                Path global = Files.createDirectories(dir.resolve(".home/.config/backlog")).resolve("config.toml");
                Files.writeString(global, c.config());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fill(String arg) {
        String out = arg;
        for (Map.Entry<String, String> e : fixture.entrySet()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }

    private static Path path(String p) {
        return Path.of(fill(p));
    }

    /** A 6-character prefix shared by at least two task ids (tasks made within minutes share their time prefix). */
    private static String sharedTaskPrefix() {
        List<String> ids = new ArrayList<>();
        cli.json("task", "list", "-A", "--include-archived", "--limit", "0").get("tasks").forEach(t -> ids.add(t.get("id").asText()));
        ids.sort(Comparator.naturalOrder());
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i).regionMatches(0, ids.get(i - 1), 0, 6)) {
                return ids.get(i).substring(0, 6);
            }
        }
        throw new AssertionError("no two task ids share a 6-character prefix: " + ids);
    }

    private static void sql(Path db, String statement) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static List<String> with(List<String> cmd, String... more) {
        List<String> out = new ArrayList<>(cmd);
        out.addAll(List.of(more));
        return out;
    }

    private static List<List<String>> concat(List<List<String>> a, List<List<String>> b) {
        List<List<String>> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    // ---------------------------------------------------------------------------------------------------- case data

    static Case bad(String code, String... args) {
        return bad(code, List.of(args));
    }

    static Case bad(String code, List<String> args) {
        return new Case("main", null, Map.of(), List.copyOf(args), code, List.of(), Map.of(), List.of(), List.of(), List.of(), List.of());
    }

    static Case inEmptyDir(String... args) {
        return bad("WORKSPACE_NOT_FOUND", args).in("empty", null);
    }

    static Case inWorkspaceConfig(String toml, String code, String... args) {
        return bad(code, args).in("workspace-config", "name = \"copy\"\n" + toml);
    }

    static Case inGlobalConfig(String toml, String code, String... args) {
        return bad(code, args).in("global-config", toml);
    }

    /**
     * One bad invocation: where it runs ({@code main} workspace, {@code empty} directory, a copy of the workspace
     * with a {@code workspace-config} or {@code global-config}), its arguments and expected code, plus extra
     * {@code details} keys and values, text the error must mention, paths that must not appear, files that must
     * stay byte-identical and databases whose event count must not change.
     */
    record Case(String where, String config, Map<String, String> vars, List<String> args, String code, List<String> details,
                Map<String, String> detailValues, List<String> mentions, List<String> absent, List<String> unchanged,
                List<String> counts) {
        Case in(String w, String cfg) {
            return new Case(w, cfg, vars, args, code, details, detailValues, mentions, absent, unchanged, counts);
        }

        Case env(String key, String value) {
            Map<String, String> v = new HashMap<>(vars);
            v.put(key, value);
            return new Case(where, config, Map.copyOf(v), args, code, details, detailValues, mentions, absent, unchanged, counts);
        }

        Case details(String... keys) {
            return new Case(where, config, vars, args, code, List.of(keys), detailValues, mentions, absent, unchanged, counts);
        }

        Case detail(String key, String value) {
            Map<String, String> v = new HashMap<>(detailValues);
            v.put(key, value);
            return new Case(where, config, vars, args, code, details, Map.copyOf(v), mentions, absent, unchanged, counts);
        }

        Case mentions(String... texts) {
            return new Case(where, config, vars, args, code, details, detailValues, List.of(texts), absent, unchanged, counts);
        }

        Case absent(String... paths) {
            return new Case(where, config, vars, args, code, details, detailValues, mentions, List.of(paths), unchanged, counts);
        }

        Case unchanged(String... paths) {
            return new Case(where, config, vars, args, code, details, detailValues, mentions, absent, List.of(paths), counts);
        }

        Case counts(String... dbs) {
            return new Case(where, config, vars, args, code, details, detailValues, mentions, absent, unchanged, List.of(dbs));
        }

        static String show(List<String> args) {
            StringBuilder sb = new StringBuilder();
            for (String a : args) {
                String s = a.length() > 40 ? a.substring(0, 6) + "…(" + a.codePointCount(0, a.length()) + " chars)" : a;
                s = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t").replace("\u0007", "\\a");
                sb.append(sb.isEmpty() ? "" : " ").append(s.isEmpty() || s.contains(" ") ? "'" + s + "'" : s);
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            String env = vars.isEmpty() ? "" : vars.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue() + " ")
                    .reduce("", String::concat);
            String cfg = config == null ? "" : "[" + where + ": " + config.replace("\n", " ").strip() + "] ";
            String dir = where.equals("empty") ? "[no workspace] " : "";
            return dir + cfg + env + "backlog " + show(args) + " → " + code;
        }
    }

}
