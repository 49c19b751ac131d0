package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attachment add/list/fetch/delete} (SPEC §3.7, §12.8, §13) through the real CLI: bytes round-trip exactly,
 * content is stored once by hash, limits hold before anything is written, names never escape the target directory,
 * corruption is caught, and attachments follow their task or doc. Not covered here: imported attachment events.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class AttachmentIT {
    @TempDir
    Path dir;
    CliRunner cli;

    /** What one invocation wrote to stdout, as bytes (the binary output of {@code fetch --out -}). */
    record Raw(int exit, byte[] out, String err) {}

    @BeforeEach
    void workspace() {
        cli = new CliRunner(dir);
        cli.json("init");
        cli.json("project", "add", "--alias", "api");
        cli.json("project", "set-default", "api");
        cli.json("task", "add", "-t", "First");    // TASK-1
        cli.json("task", "add", "-t", "Second");   // TASK-2
    }

    @Test
    void text_and_random_binary_files_round_trip_byte_for_byte() throws IOException {
        byte[] text = "line one\r\nzwei: ü €\n\ttabbed 👩‍💻\n".getBytes(StandardCharsets.UTF_8);
        byte[] binary = new byte[300_000];
        new Random(42).nextBytes(binary);
        Path textFile = write("in/notes.txt", text);
        Path binFile = write("in/dump.bin", binary);

        JsonNode t = cli.json("attachment", "add", textFile.toString(), "--task", "TASK-1");
        JsonNode b = cli.json("attach", "add", "in/dump.bin", "--task", "1");
        assertThat(t.get("name").asText()).isEqualTo("notes.txt");
        assertThat(t.get("mime_type").asText()).isEqualTo("text/plain");
        assertThat(t.get("size").asLong()).isEqualTo(text.length);
        assertThat(t.get("sha256").asText()).isEqualTo(sha256(text));
        assertThat(t.at("/target/kind").asText()).isEqualTo("task");
        assertThat(t.at("/target/ref").asText()).isEqualTo("TASK-1");
        assertThat(t.at("/target/title").isNull()).isTrue();
        assertThat(t.at("/actor/name").asText()).isEqualTo("tester");
        assertThat(b.get("mime_type").asText()).isEqualTo("application/octet-stream");
        assertThat(b.get("sha256").asText()).isEqualTo(sha256(binary));
        assertThat(binFile).exists();

        Files.createDirectories(dir.resolve("out"));
        for (JsonNode a : List.of(t, b)) {
            byte[] expected = a == t ? text : binary;
            JsonNode f = cli.json("attachment", "fetch", a.get("id").asText(), "--out", "out");
            Path written = dir.resolve("out").resolve(a.get("name").asText());
            assertThat(f.get("path").asText()).isEqualTo(written.toString());
            assertThat(f.get("bytes").asLong()).isEqualTo(expected.length);
            assertThat(f.at("/attachment/id").asText()).isEqualTo(a.get("id").asText());
            assertThat(Files.readAllBytes(written)).isEqualTo(expected);

            Raw raw = raw("attachment", "fetch", a.get("id").asText(), "--out", "-");
            assertThat(raw.exit()).as(raw.err()).isZero();
            assertThat(raw.out()).isEqualTo(expected);

            JsonNode inline = cli.json("attachment", "fetch", a.get("id").asText(), "--out", "-");
            assertThat(Base64.getDecoder().decode(inline.get("content_base64").asText())).isEqualTo(expected);
            assertThat(inline.at("/attachment/sha256").asText()).isEqualTo(a.get("sha256").asText());
            assertThat(inline.get("bytes").asLong()).isEqualTo(expected.length);
        }

        JsonNode renamed = cli.json("attachment", "add", "in/dump.bin", "--task", "2", "--name", "trace.json");
        assertThat(renamed.get("name").asText()).isEqualTo("trace.json");
        assertThat(renamed.get("mime_type").asText()).isEqualTo("application/json");
        cli.json("attachment", "fetch", renamed.get("id").asText());
        assertThat(Files.readAllBytes(dir.resolve("trace.json"))).isEqualTo(binary);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void identical_content_is_stored_once() throws IOException {
        write("a.txt", "same bytes".getBytes(StandardCharsets.UTF_8));
        write("b.md", "same bytes".getBytes(StandardCharsets.UTF_8));
        JsonNode first = cli.json("attachment", "add", "a.txt", "--task", "1");
        JsonNode second = cli.json("attachment", "add", "b.md", "--task", "2");
        JsonNode third = cli.json("attachment", "add", "a.txt", "--task", "1");

        assertThat(second.get("sha256").asText()).isEqualTo(first.get("sha256").asText());
        assertThat(third.get("id").asText()).isNotEqualTo(first.get("id").asText());
        assertThat(blobs()).containsExactly("attachments/sha256/" + first.get("sha256").asText().substring(0, 2) + "/"
                + first.get("sha256").asText());
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void a_file_over_the_configured_limit_is_PAYLOAD_TOO_LARGE_and_nothing_is_written() throws IOException {
        Files.writeString(dir.resolve("backlog.toml"), "\n[limits]\nattachment_max_bytes = 100\n", java.nio.file.StandardOpenOption.APPEND);
        write("big.bin", new byte[101]);
        write("fits.bin", new byte[100]);
        long events = events();

        CliRunner.Result r = cli.run("attachment", "add", "big.bin", "--task", "1", "--json");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        JsonNode e = r.errorJson();
        assertThat(e.get("code").asText()).isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(e.at("/details/field").asText()).isEqualTo("file");
        assertThat(e.at("/details/limit").asLong()).isEqualTo(100);
        assertThat(e.at("/details/actual").asLong()).isEqualTo(101);
        assertThat(events()).isEqualTo(events);
        assertThat(blobs()).isEmpty();
        assertThat(cli.json("attachment", "list", "--task", "1").get("attachments")).isEmpty();

        cli.json("attachment", "add", "fits.bin", "--task", "1");
        assertThat(events()).isEqualTo(events + 1);
        assertThat(blobs()).hasSize(1);
    }

    @Test
    void an_invalid_or_too_high_limit_in_the_config_names_the_file_and_key() throws IOException {
        write("x.txt", new byte[] {1});
        Path toml = dir.resolve("backlog.toml");
        String original = Files.readString(toml);
        for (String value : List.of("\"lots\"", "0", "1073741825")) {
            Files.writeString(toml, original + "\n[limits]\nattachment_max_bytes = " + value + "\n");
            CliRunner.Result r = cli.run("attachment", "add", "x.txt", "--task", "1", "--json");
            assertThat(r.exit()).as(value).isEqualTo(2);
            assertThat(r.errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
            assertThat(r.errorJson().at("/details/field").asText()).isEqualTo("limits.attachment_max_bytes");
            assertThat(r.errorJson().at("/details/file").asText()).isEqualTo(toml.toString());
        }
        Files.writeString(toml, original + "\n[limits]\nattachment_max_bytes = 1073741824\n");
        cli.json("attachment", "add", "x.txt", "--task", "1");
    }

    @Test
    void traversal_names_never_write_outside_the_target_directory() throws IOException {
        write("payload.txt", "pwned?".getBytes(StandardCharsets.UTF_8));
        Path out = Files.createDirectories(dir.resolve("deep/out"));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("../../escape.txt", "escape.txt");
        expected.put("/etc/passwd", "passwd");
        expected.put("..\\..\\win.ini", "win.ini");
        expected.put("a/b\\c.txt", "c.txt");
        expected.put("..", "attachment");
        expected.put(".hidden", "hidden");
        expected.put("CON.txt", "_CON.txt");
        expected.put("nul\u0000byte.txt", "nulbyte.txt");
        List<String> before = tree();
        for (Map.Entry<String, String> e : expected.entrySet()) {
            JsonNode a = cli.json("attachment", "add", "payload.txt", "--task", "1", "--name", e.getKey());
            assertThat(a.get("name").asText()).as(e.getKey()).isEqualTo(e.getValue());
            JsonNode f = cli.json("attachment", "fetch", a.get("id").asText(), "--out", "deep/out");
            assertThat(Path.of(f.get("path").asText()).getParent()).isEqualTo(out);
        }
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactlyInAnyOrderElementsOf(expected.values());
        }
        List<String> after = tree();
        after.removeIf(p -> p.startsWith("deep/out/") || p.startsWith("attachments/") || p.startsWith("backlog.db"));
        before.removeIf(p -> p.startsWith("attachments/") || p.startsWith("backlog.db"));
        assertThat(after).isEqualTo(before);
        assertThat(dir.resolve("deep/escape.txt")).doesNotExist();
        assertThat(dir.resolve("escape.txt")).doesNotExist();
    }

    @Test
    void an_existing_file_is_TARGET_EXISTS_unless_forced() throws IOException {
        write("report.txt", "fresh".getBytes(StandardCharsets.UTF_8));
        String id = cli.json("attachment", "add", "report.txt", "--task", "1").get("id").asText();
        Files.createDirectories(dir.resolve("dl"));
        Path target = write("dl/report.txt", "old".getBytes(StandardCharsets.UTF_8));

        CliRunner.Result r = cli.run("attachment", "fetch", id, "--out", "dl", "--json");
        assertThat(r.exit()).isEqualTo(4);
        assertThat(r.errorJson().get("code").asText()).isEqualTo("TARGET_EXISTS");
        assertThat(r.errorJson().at("/details/path").asText()).isEqualTo(target.toString());
        assertThat(Files.readString(target)).isEqualTo("old");

        CliRunner.Result explicit = cli.run("attachment", "fetch", id, "--out", "dl/report.txt");
        assertThat(explicit.exit()).isEqualTo(4);
        assertThat(explicit.err()).startsWith("error: ");

        JsonNode forced = cli.json("attachment", "fetch", id, "--out", "dl/report.txt", "--force");
        assertThat(forced.get("path").asText()).isEqualTo(target.toString());
        assertThat(Files.readString(target)).isEqualTo("fresh");
        try (Stream<Path> s = Files.list(dir.resolve("dl"))) {
            assertThat(s.toList()).containsExactly(target);
        }
    }

    @Test
    void a_corrupted_blob_fails_fetch_and_the_attachments_check() throws IOException {
        write("data.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        JsonNode a = cli.json("attachment", "add", "data.csv", "--task", "1");
        String id = a.get("id").asText();
        assertThat(check("attachments").get("ok").asBoolean()).isTrue();

        Path blob = dir.resolve(blobs().get(0));
        Files.writeString(blob, "a,b\n1,3\n");

        CliRunner.Result fetch = cli.run("attachment", "fetch", id, "--json");
        assertThat(fetch.exit()).isEqualTo(1);
        assertThat(fetch.out()).isEmpty();
        assertThat(fetch.errorJson().get("code").asText()).isEqualTo("CHECK_FAILED");
        assertThat(fetch.errorJson().at("/details/checks/0/name").asText()).isEqualTo("attachments");
        assertThat(dir.resolve("data.csv")).hasContent("a,b\n1,2\n");
        assertThat(dir.resolve("out.csv")).doesNotExist();
        assertThat(cli.run("attachment", "fetch", id, "--out", "out.csv").exit()).isEqualTo(1);
        assertThat(dir.resolve("out.csv")).doesNotExist();
        Raw raw = raw("attachment", "fetch", id, "--out", "-");
        assertThat(raw.exit()).isEqualTo(1);
        assertThat(raw.out()).isEmpty();

        CliRunner.Result doctor = cli.run("doctor", "check", "--json");
        assertThat(doctor.exit()).isEqualTo(1);
        assertThat(doctor.out()).isEmpty();
        JsonNode e = doctor.errorJson();
        assertThat(e.get("code").asText()).isEqualTo("CHECK_FAILED");
        JsonNode attachments = null;
        for (JsonNode c : e.at("/details/checks")) {
            if (c.get("name").asText().equals("attachments")) {
                attachments = c;
            } else {
                assertThat(c.get("ok").asBoolean()).as(c.toString()).isTrue();
            }
        }
        assertThat(attachments).isNotNull();
        assertThat(attachments.get("ok").asBoolean()).isFalse();
        assertThat(attachments.get("detail").asText()).contains(id).contains("data.csv").contains("corrupt");

        Files.delete(blob);
        assertThat(cli.run("attachment", "fetch", id).exit()).isEqualTo(1);
        CliRunner.Result missing = cli.run("doctor", "check", "--json");
        assertThat(missing.errorJson().toString()).contains("blob missing");
    }

    @Test
    void task_show_lists_the_attachment_and_deleting_the_task_hides_it() throws IOException {
        write("shot.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        JsonNode a = cli.json("attachment", "add", "shot.png", "--task", "1");
        String id = a.get("id").asText();
        cli.json("attachment", "add", "shot.png", "--task", "2", "--name", "other.png");

        JsonNode shown = cli.json("task", "show", "TASK-1");
        assertThat(shown.get("attachments")).hasSize(1);
        assertThat(shown.at("/attachments/0/id").asText()).isEqualTo(id);
        assertThat(shown.at("/attachments/0/mime_type").asText()).isEqualTo("image/png");
        assertThat(cli.run("task", "show", "1").out()).contains("Attachments: 1");
        assertThat(cli.json("attachment", "list", "--task", "TASK-1").at("/attachments/0/id").asText()).isEqualTo(id);
        assertThat(cli.json("attachment", "list", "-p", "api").get("attachments")).hasSize(2);
        assertThat(cli.run("attachment", "list", "-p", "api").out()).startsWith("ID").contains("shot.png").contains("TASK-1");
        List<String> types = new ArrayList<>();
        cli.json("task", "history", "1").get("events").forEach(ev -> types.add(ev.get("type").asText()));
        assertThat(types).contains("AttachmentAdded");

        cli.json("task", "delete", "TASK-1");
        CliRunner.Result gone = cli.run("attachment", "fetch", id, "--json");
        assertThat(gone.exit()).isEqualTo(3);
        assertThat(gone.errorJson().get("code").asText()).isEqualTo("ATTACHMENT_NOT_FOUND");
        JsonNode left = cli.json("attachment", "list", "-p", "api");
        assertThat(left.get("attachments")).hasSize(1);
        assertThat(left.at("/attachments/0/name").asText()).isEqualTo("other.png");
        assertThat(blobs()).hasSize(1);
        cli.json("doctor", "check");
        assertThat(cli.json("doctor", "rebuild").get("identical").asBoolean()).isTrue();
    }

    @Test
    void a_doc_target_shows_the_current_doc_title_and_goes_with_the_doc() throws IOException {
        write("runbook.yaml", "steps: []\n".getBytes(StandardCharsets.UTF_8));
        String doc = cli.json("doc", "add", "--title", "Runbook", "--content", "how to deploy").get("id").asText();
        JsonNode a = cli.json("attachment", "add", "runbook.yaml", "--doc", doc.substring(0, 10).toLowerCase(java.util.Locale.ROOT));
        assertThat(a.get("mime_type").asText()).isEqualTo("application/yaml");
        assertThat(a.at("/target/kind").asText()).isEqualTo("doc");
        assertThat(a.at("/target/id").asText()).isEqualTo(doc);
        assertThat(a.at("/target/title").asText()).isEqualTo("Runbook");
        assertThat(a.at("/target/ref").isNull()).isTrue();

        cli.json("doc", "update", doc, "--title", "Deploy runbook");
        JsonNode listed = cli.json("attachment", "list", "--doc", doc);
        assertThat(listed.at("/attachments/0/target/title").asText()).isEqualTo("Deploy runbook");
        assertThat(cli.json("attachment", "list", "-p", "api").get("attachments")).hasSize(1);
        assertThat(cli.run("attachment", "list", "--doc", doc).out()).contains("doc \"Deploy runbook\"");

        cli.json("doc", "delete", doc);
        assertThat(code("attachment", "fetch", a.get("id").asText())).isEqualTo("ATTACHMENT_NOT_FOUND");
        assertThat(code("attachment", "list", "--doc", doc)).isEqualTo("DOC_NOT_FOUND");
        assertThat(cli.json("attachment", "list", "-p", "api").get("attachments")).isEmpty();
        assertThat(blobs()).hasSize(1);
        assertThat(cli.json("doctor", "rebuild").get("identical").asBoolean()).isTrue();
    }

    @Test
    void delete_removes_the_attachment_but_keeps_its_blob() throws IOException {
        write("keep.log", "log line\n".getBytes(StandardCharsets.UTF_8));
        String id = cli.json("attachment", "add", "keep.log", "--task", "1").get("id").asText();

        JsonNode result = cli.json("attachment", "delete", id.substring(0, 20));
        assertThat(result.get("ok").asBoolean()).isTrue();
        assertThat(result.get("action").asText()).isEqualTo("delete");
        assertThat(result.get("entity").asText()).isEqualTo("attachment");
        assertThat(result.get("id").asText()).isEqualTo(id);
        assertThat(cli.json("attachment", "list", "--task", "1").get("attachments")).isEmpty();
        assertThat(cli.json("task", "show", "1").get("attachments")).isEmpty();
        assertThat(cli.run("attachment", "delete", id).exit()).isEqualTo(3);
        assertThat(blobs()).hasSize(1);
        cli.json("doctor", "check");
    }

    @Test
    void doctor_rebuild_stays_identical() throws IOException {
        write("one.txt", "1".getBytes(StandardCharsets.UTF_8));
        write("two.diff", "--- a\n+++ b\n".getBytes(StandardCharsets.UTF_8));
        cli.json("task", "add", "-t", "Third");
        String one = cli.json("attachment", "add", "one.txt", "--task", "1").get("id").asText();
        cli.json("attachment", "add", "two.diff", "--task", "2");
        cli.json("attachment", "add", "two.diff", "--task", "3", "--name", "again.patch");
        cli.json("attachment", "delete", one);
        cli.json("task", "delete", "3");

        JsonNode rebuild = cli.json("doctor", "rebuild");
        assertThat(rebuild.get("identical").asBoolean()).as(rebuild.toString()).isTrue();
        JsonNode check = cli.json("doctor", "check");
        assertThat(check.get("ok").asBoolean()).isTrue();
        assertThat(cli.json("attachment", "list", "-p", "api").get("attachments")).hasSize(1);
    }

    @Test
    void targets_scopes_and_ids_are_validated_before_anything_is_written() throws IOException {
        write("f.txt", "x".getBytes(StandardCharsets.UTF_8));
        long events = events();
        assertThat(code("attachment", "add", "f.txt")).isEqualTo("USAGE");
        assertThat(code("attachment", "add", "f.txt", "--task", "1", "--doc", "01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo("USAGE");
        assertThat(code("attachment", "add", "missing.txt", "--task", "1")).isEqualTo("FILE_NOT_FOUND");
        assertThat(code("attachment", "add", "in", "--task", "1")).isEqualTo("FILE_NOT_FOUND");
        assertThat(code("attachment", "add", "f.txt", "--task", "TASK-99")).isEqualTo("TASK_NOT_FOUND");
        assertThat(code("attachment", "add", "f.txt", "--doc", "01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo("DOC_NOT_FOUND");
        assertThat(code("attachment", "add", "f.txt", "--task", "1", "--name", " ")).isEqualTo("INVALID_ARGUMENT");
        assertThat(events()).isEqualTo(events);
        assertThat(blobs()).isEmpty();

        assertThat(code("attachment", "list")).isEqualTo("USAGE");
        assertThat(code("attachment", "list", "--task", "1", "-p", "api")).isEqualTo("USAGE");
        assertThat(code("attachment", "list", "-p", "nope")).isEqualTo("PROJECT_NOT_FOUND");
        assertThat(code("attachment", "fetch", "01ARZ")).isEqualTo("INVALID_ARGUMENT");
        assertThat(code("attachment", "fetch", "01ARZ3NDEKTSV4RRFFQ69G5FAV")).isEqualTo("ATTACHMENT_NOT_FOUND");
        assertThat(code("attachment", "fetch", "../../etc")).isEqualTo("ATTACHMENT_NOT_FOUND");
        assertThat(code("attachment", "fetch")).isEqualTo("USAGE");
        assertThat(code("attachment")).isEqualTo("USAGE");

        String id = cli.json("attachment", "add", "f.txt", "--task", "1").get("id").asText();
        assertThat(cli.json("attachment", "fetch", id.toLowerCase(java.util.Locale.ROOT).substring(0, 8), "--out", "g.txt")
                .get("bytes").asLong()).isEqualTo(1);
        CliRunner.Result text = cli.run("attachment", "list", "--task", "1");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("ID").contains("NAME").contains("MIME").contains("SIZE").contains("TARGET").contains("CREATED");
    }

    // ------------------------------------------------------------------ helpers

    private String code(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--json";
        CliRunner.Result r = cli.run(all);
        assertThat(r.exit()).as(String.join(" ", args)).isNotZero();
        assertThat(r.out()).isEmpty();
        return r.errorJson().get("code").asText();
    }

    private Raw raw(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, Map.of("HOME", dir.resolve(".home").toString(), "XDG_CONFIG_HOME", dir.resolve(".home/.config").toString(),
                    "USER", "tester"), dir, o, e);
        }
        return new Raw(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    private JsonNode check(String name) {
        for (JsonNode c : cli.json("doctor", "check").get("checks")) {
            if (c.get("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no check " + name);
    }

    private long events() {
        return cli.json("activity", "verify").get("events").asLong();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.write(p, bytes);
    }

    /** Every blob file, relative to the workspace, sorted. */
    private List<String> blobs() throws IOException {
        Path root = dir.resolve("attachments/sha256");
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Temporary files left behind anywhere in the test directory. */
    private List<String> tempFiles() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).map(Path::toString).toList();
        }
    }

    /** Every file below the test directory (relative, sorted). */
    private List<String> tree() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(new TreeSet<>(s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).toList()));
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
