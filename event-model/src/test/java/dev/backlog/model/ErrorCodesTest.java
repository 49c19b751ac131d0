package dev.backlog.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@link ErrorCode} and the checked-in {@code docs/error-codes.md} identical: same codes in the same order, same
 * exit and HTTP statuses. Renaming, deleting, adding or remapping a code on one side only fails here. The "when"
 * column is prose and deliberately not compared.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ErrorCodesTest {
    private static final Path DOC = Path.of("..", "docs", "error-codes.md");
    private static final Pattern CODE = Pattern.compile("`([A-Z][A-Z_]*)`");

    /** Exit and HTTP status of one documented code; {@code 0} for "—". */
    private record Row(int exit, int http) {}

    private static Map<String, Row> documented() throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(DOC)) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.substring(1).split("\\|");
            Row row = new Row(status(cells[1]), status(cells[2]));
            Matcher m = CODE.matcher(cells[0]);
            while (m.find()) {
                assertThat(rows.put(m.group(1), row)).as("%s listed twice", m.group(1)).isNull();
            }
        }
        return rows;
    }

    private static int status(String cell) {
        String s = cell.trim();
        return s.equals("—") ? 0 : Integer.parseInt(s);
    }

    @Test
    void the_document_lists_every_code_of_the_enum_in_order() throws IOException {
        List<String> names = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        assertThat(new ArrayList<>(documented().keySet())).containsExactlyElementsOf(names);
    }

    @Test
    void exit_and_http_statuses_match_the_document() throws IOException {
        Map<String, Row> doc = documented();
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(new Row(c.exitStatus(), c.httpStatus())).as(c.name()).isEqualTo(doc.get(c.name()));
        }
    }

    @Test
    void every_code_occurs_on_at_least_one_interface() {
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(c.exitStatus() != 0 || c.httpStatus() != 0).as(c.name()).isTrue();
        }
    }
}
