package dev.backlog.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs compiled expressions against a real FTS5 table built like the production {@code search_index}. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FtsQueryIT {

    private static Connection db;

    @BeforeAll
    static void create_index() throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE VIRTUAL TABLE search_index USING fts5(title, body, "
                    + "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')");
        }
        String[][] rows = {
            {"Sign-on flow broken", "Users cannot sign on after the update. See T-123 for details."},
            {"C++ build", "The compiler fails on foo.bar headers."},
            {"Bucket-list items", "Track the bucket list for the quarter."},
            {"Café menu", "Prices for coffee and cake."},
            {"Release notes", "The quick brown fox jumps over the lazy dog."},
            {"Login page", "Sign in button is broken on mobile."},
        };
        try (PreparedStatement p = db.prepareStatement("INSERT INTO search_index(rowid, title, body) VALUES (?, ?, ?)")) {
            for (int k = 0; k < rows.length; k++) {
                p.setInt(1, k + 1);
                p.setString(2, rows[k][0]);
                p.setString(3, rows[k][1]);
                p.executeUpdate();
            }
        }
    }

    @AfterAll
    static void close_index() throws SQLException {
        db.close();
    }

    static Stream<Arguments> searches() {
        return Stream.of(
                Arguments.of("broken", List.of(1L, 6L)),
                Arguments.of("BROKEN", List.of(1L, 6L)),
                Arguments.of("brok*", List.of(1L, 6L)),
                Arguments.of("bro*", List.of(1L, 5L, 6L)),
                Arguments.of("broken login", List.of(6L)),
                Arguments.of("broken AND login", List.of(6L)),
                Arguments.of("broken OR cake", List.of(1L, 4L, 6L)),
                Arguments.of("broken NOT login", List.of(1L)),
                Arguments.of("broken and login", List.of()),
                Arguments.of("coffee and cake", List.of(4L)),
                Arguments.of("(broken OR cake) price*", List.of(4L)),
                Arguments.of("sign NOT (login OR cake)", List.of(1L)),
                Arguments.of("sign NOT broken login", List.of(1L)),
                Arguments.of("\"lazy dog\"", List.of(5L)),
                Arguments.of("\"dog lazy\"", List.of()),
                Arguments.of("\"lazy do\"*", List.of(5L)),
                Arguments.of("title:broken", List.of(1L)),
                Arguments.of("body:broken", List.of(6L)),
                Arguments.of("title:(menu OR build)", List.of(2L, 4L)),
                Arguments.of("TITLE:\"flow broken\"", List.of(1L)),
                Arguments.of("title:body:broken", List.of()),
                Arguments.of("NEAR(quick fox)", List.of(5L)),
                Arguments.of("NEAR(quick dog, 2)", List.of()),
                Arguments.of("NEAR(quick dog, 10)", List.of(5L)),
                Arguments.of("title:NEAR(flow broken, 0)", List.of(1L)),
                Arguments.of("sign", List.of(1L, 6L)),
                Arguments.of("sign-on", List.of(1L)),
                Arguments.of("c++", List.of(2L)),
                Arguments.of("C++ build", List.of(2L)),
                Arguments.of("cafe", List.of(4L)),
                Arguments.of("café", List.of(4L)),
                Arguments.of("CAFÉ menu", List.of(4L)),
                Arguments.of("T-123", List.of(1L)),
                Arguments.of("foo.bar", List.of(2L)),
                Arguments.of("bucket-list", List.of(3L)),
                Arguments.of("title:bucket-list", List.of(3L)));
    }

    @ParameterizedTest(name = "{0} finds {1}")
    @MethodSource("searches")
    void compiled_queries_find_the_expected_rows(String query, List<Long> expected) throws SQLException {
        assertThat(match(FtsQuery.compile(query))).as("%s -> %s", query, FtsQuery.compile(query)).isEqualTo(expected);
    }

    @Test
    void every_random_query_that_compiles_is_accepted_by_sqlite() throws SQLException {
        int compiled = assertAcceptedWhenCompiled(FtsQueryTest.fuzzQueries(42, 5000));
        compiled += assertAcceptedWhenCompiled(FtsQueryTest.fuzzQueries(7, 5000));
        assertThat(compiled).isGreaterThan(2000);
    }

    @Test
    void random_queries_with_unusual_characters_are_accepted_by_sqlite() throws SQLException {
        String[] pieces = {"a", "é", "E\u0301", "ß", "İ", "中文", "\uD83E\uDD51", "\uE000", "\u0378", "\uD800", "\u00a0",
            "\t", "\n", "\u0000", "—", "…", "\u200b", "'", "\\", "{", "}", "^", ",", "9", " ", " ", "\"", "(", ")",
            "*", ":", "title:", " OR ", " NOT ", "NEAR(", "\u0939\u093f\u0928\u094d\u0926\u0940", "\u19b0"};
        Random random = new Random(3);
        List<String> queries = new ArrayList<>();
        for (int k = 0; k < 5000; k++) {
            StringBuilder b = new StringBuilder();
            for (int p = 1 + random.nextInt(10); p > 0; p--) {
                b.append(pieces[random.nextInt(pieces.length)]);
            }
            queries.add(b.toString());
        }
        assertThat(assertAcceptedWhenCompiled(queries)).isGreaterThan(1000);
    }

    @Test
    void deeply_nested_queries_that_compile_stay_within_the_fts5_parser_limits() throws SQLException {
        // Worst stack use per level: pending OR, AND and NOT operands, plus an implicit AND turned explicit.
        List<String> queries = new ArrayList<>();
        for (int depth = 1; depth <= 9; depth++) {
            queries.add("x OR y AND z NOT b (".repeat(depth) + "NEAR(a b, 3)" + ")".repeat(depth));
            queries.add("x OR y AND z NOT b title:(".repeat(depth) + "c d" + ")".repeat(depth));
            queries.add("x OR y AND z NOT title:".repeat(depth) + "(c OR d)");
            queries.add("(".repeat(depth) + "a" + ")".repeat(depth));
        }
        queries.add("a" + " NOT b".repeat(199));
        queries.addAll(generatedQueries(new Random(11), 3000));
        assertThat(assertAcceptedWhenCompiled(queries)).isGreaterThan(1500);
        // The worst case right at the nesting cap compiles (so SQLite really saw it); one level more is refused.
        assertThat(FtsQuery.compile("x OR y AND z NOT b (".repeat(8) + "NEAR(a b, 3)" + ")".repeat(8))).isNotEmpty();
        assertThat(catchThrowable(() -> FtsQuery.compile("x OR y AND z NOT b (".repeat(9) + "a" + ")".repeat(9))))
                .isInstanceOfSatisfying(BacklogException.class,
                        e -> assertThat(e.details()).containsEntry("reason", "too_complex"));
    }

    @Test
    void lower_case_operators_and_fts5_syntax_in_user_text_are_plain_terms() throws SQLException {
        for (String q : List.of("a and b or c not d", "\"NEAR\" \"AND\"", "x^y", "{title body}:x", "-title:x", "a+b")) {
            assertThat(catchThrowable(() -> match(FtsQuery.compile(q)))).as(q).isNull();
        }
    }

    /** Compiles each query; every success must run in SQLite. Returns how many compiled. */
    private static int assertAcceptedWhenCompiled(List<String> queries) throws SQLException {
        int compiled = 0;
        for (String q : queries) {
            String expression;
            try {
                expression = FtsQuery.compile(q);
            } catch (BacklogException e) {
                assertThat(e.code()).as(q).isEqualTo(ErrorCode.SEARCH_SYNTAX);
                continue;
            }
            compiled++;
            try {
                match(expression);
            } catch (SQLException e) {
                throw new AssertionError("SQLite rejected " + expression + " compiled from " + q, e);
            }
        }
        return compiled;
    }

    /** Random queries built from the grammar, so most are valid and many nest. */
    private static List<String> generatedQueries(Random random, int count) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            out.add(expression(random, 0));
        }
        return out;
    }

    private static String expression(Random random, int depth) {
        int choice = random.nextInt(depth > 10 ? 4 : 9);
        return switch (choice) {
            case 0 -> "foo";
            case 1 -> "ba*";
            case 2 -> "\"lazy dog\"";
            case 3 -> "sign-on";
            case 4 -> expression(random, depth + 1) + " " + expression(random, depth + 1);
            case 5 -> expression(random, depth + 1) + List.of(" AND ", " OR ", " NOT ").get(random.nextInt(3))
                    + expression(random, depth + 1);
            case 6 -> "(" + expression(random, depth + 1) + ")";
            case 7 -> List.of("title:", "body:").get(random.nextInt(2)) + (random.nextBoolean()
                    ? "(" + expression(random, depth + 1) + ")" : expression(random, depth + 1));
            default -> "NEAR(quick " + List.of("fox", "\"over the\"", "do*").get(random.nextInt(3))
                    + (random.nextBoolean() ? ", " + random.nextInt(20) : "") + ")";
        };
    }

    private static List<Long> match(String expression) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "SELECT rowid FROM search_index WHERE search_index MATCH ? ORDER BY rowid")) {
            p.setString(1, expression);
            List<Long> ids = new ArrayList<>();
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getLong(1));
                }
            }
            return ids;
        }
    }
}
