package dev.backlog.query.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class FtsQueryTest {

    static Stream<Arguments> accepted() {
        return Stream.of(
                // words, prefix, implicit AND
                Arguments.of("foo", "\"foo\""),
                Arguments.of("Foo", "\"foo\""),
                Arguments.of("  foo  ", "\"foo\""),
                Arguments.of("foo bar", "\"foo\" \"bar\""),
                Arguments.of("foo\tbar\nbaz", "\"foo\" \"bar\" \"baz\""),
                Arguments.of("foo*", "\"foo\"*"),
                Arguments.of("foo**", "\"foo\"*"),
                Arguments.of("NEAR", "\"near\""),
                Arguments.of("12:30", "\"12 30\""),
                Arguments.of("café", "\"café\""),
                Arguments.of("ÉCOLE", "\"École\""),
                // punctuation: the token sequence as a phrase
                Arguments.of("bucket-list", "\"bucket list\""),
                Arguments.of("foo.bar", "\"foo bar\""),
                Arguments.of("C++", "\"c\""),
                Arguments.of("c++*", "\"c\"*"),
                Arguments.of("T-123", "\"t 123\""),
                Arguments.of("sign-on", "\"sign on\""),
                Arguments.of("sign-o*", "\"sign o\"*"),
                Arguments.of("fo*o", "\"fo o\""),
                Arguments.of("-foo", "\"foo\""),
                Arguments.of("{a}^b", "\"a b\""),
                // phrases
                Arguments.of("\"exact phrase\"", "\"exact phrase\""),
                Arguments.of("\"Bucket-List  items\"", "\"bucket list items\""),
                Arguments.of("\"foo bar\"*", "\"foo bar\"*"),
                Arguments.of("\"foo*\"", "\"foo\""),
                Arguments.of("\"AND\" \"title:x\"", "\"and\" \"title x\""),
                Arguments.of("ab\"cd\"", "\"ab\" \"cd\""),
                // operators: upper case only
                Arguments.of("a AND b", "\"a\" AND \"b\""),
                Arguments.of("a OR b", "\"a\" OR \"b\""),
                Arguments.of("a NOT b", "\"a\" NOT \"b\""),
                Arguments.of("a and b", "\"a\" \"and\" \"b\""),
                Arguments.of("not or", "\"not\" \"or\""),
                Arguments.of("And Or Not", "\"and\" \"or\" \"not\""),
                Arguments.of("a AND b OR c", "\"a\" AND \"b\" OR \"c\""),
                Arguments.of("a OR b AND c", "\"a\" OR \"b\" AND \"c\""),
                Arguments.of("a OR b c", "\"a\" OR \"b\" \"c\""),
                Arguments.of("a NOT b c", "\"a\" NOT \"b\" \"c\""),
                Arguments.of("(a NOT b) NOT c", "\"a\" NOT \"b\" NOT \"c\""),
                Arguments.of("a NOT(b)", "\"a\" NOT \"b\""),
                // grouping: parentheses kept only where FTS5 precedence needs them
                Arguments.of("((a))", "\"a\""),
                Arguments.of("(a b) c", "\"a\" \"b\" \"c\""),
                Arguments.of("(a OR b) c", "(\"a\" OR \"b\") AND \"c\""),
                Arguments.of("c (a OR b)", "\"c\" AND (\"a\" OR \"b\")"),
                Arguments.of("a b (c OR d) e", "\"a\" \"b\" AND (\"c\" OR \"d\") AND \"e\""),
                Arguments.of("(a OR b) AND c", "(\"a\" OR \"b\") AND \"c\""),
                Arguments.of("a OR (b OR c)", "\"a\" OR (\"b\" OR \"c\")"),
                Arguments.of("a NOT (b OR c)", "\"a\" NOT (\"b\" OR \"c\")"),
                Arguments.of("a NOT (b NOT c)", "\"a\" NOT (\"b\" NOT \"c\")"),
                Arguments.of("a NOT (b) c", "\"a\" NOT \"b\" \"c\""),
                Arguments.of("a NOT b (c OR d)", "\"a\" NOT (\"b\" AND (\"c\" OR \"d\"))"),
                Arguments.of("near(a b)", "\"near\" \"a\" \"b\""),
                // column filters
                Arguments.of("title:foo", "title:\"foo\""),
                Arguments.of("TITLE:foo", "title:\"foo\""),
                Arguments.of("Body:foo*", "body:\"foo\"*"),
                Arguments.of("title:pre*", "title:\"pre\"*"),
                Arguments.of("title:\"a phrase\"", "title:\"a phrase\""),
                Arguments.of("title:(a OR b)", "title:(\"a\" OR \"b\")"),
                Arguments.of("title:(a)", "title:\"a\""),
                Arguments.of("title:(a b)", "title:(\"a\" \"b\")"),
                Arguments.of("title:foo bar", "title:\"foo\" \"bar\""),
                Arguments.of("title:bucket-list", "title:\"bucket list\""),
                Arguments.of("title:foo.bar:baz", "title:\"foo bar baz\""),
                Arguments.of("title:body:x", "title:(body:\"x\")"),
                Arguments.of("title:(a OR b) c", "title:(\"a\" OR \"b\") AND \"c\""),
                Arguments.of("x NOT body:y", "\"x\" NOT body:\"y\""),
                // NEAR
                Arguments.of("NEAR(a b)", "NEAR(\"a\" \"b\")"),
                Arguments.of("NEAR(a b, 5)", "NEAR(\"a\" \"b\", 5)"),
                Arguments.of("NEAR(a b,5)", "NEAR(\"a\" \"b\", 5)"),
                Arguments.of("NEAR (\"x y\" z* , 10 )", "NEAR(\"x y\" \"z\"*, 10)"),
                Arguments.of("NEAR(sign-on flow)", "NEAR(\"sign on\" \"flow\")"),
                Arguments.of("title:NEAR(a b)", "title:NEAR(\"a\" \"b\")"),
                Arguments.of("NEAR(a b) OR c", "NEAR(\"a\" \"b\") OR \"c\""));
    }

    @ParameterizedTest(name = "{0} compiles to {1}")
    @MethodSource("accepted")
    void accepted_queries_compile_to_the_exact_expression(String input, String expected) {
        assertThat(FtsQuery.compile(input)).isEqualTo(expected);
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("", "empty_query", 0),
                Arguments.of("   ", "empty_query", 0),
                Arguments.of("\u00a0\t\n", "empty_query", 0),
                Arguments.of("\"abc", "unbalanced_quote", 0),
                Arguments.of("a \"b", "unbalanced_quote", 2),
                Arguments.of("\"a\" \"b", "unbalanced_quote", 4),
                Arguments.of("title:\"a", "unbalanced_quote", 6),
                Arguments.of("(a", "unbalanced_parenthesis", 0),
                Arguments.of("a)", "unbalanced_parenthesis", 1),
                Arguments.of("((a)", "unbalanced_parenthesis", 0),
                Arguments.of("a (b", "unbalanced_parenthesis", 2),
                Arguments.of("(a OR", "unbalanced_parenthesis", 0),
                Arguments.of("(a) b)", "unbalanced_parenthesis", 5),
                Arguments.of("OR", "missing_operand", 0),
                Arguments.of("AND", "missing_operand", 0),
                Arguments.of("NOT", "missing_operand", 0),
                Arguments.of("a AND", "missing_operand", 2),
                Arguments.of("a NOT", "missing_operand", 2),
                Arguments.of("AND b", "missing_operand", 0),
                Arguments.of("a OR OR b", "missing_operand", 5),
                Arguments.of("NOT x", "missing_operand", 0),
                Arguments.of("a OR NOT b", "missing_operand", 5),
                Arguments.of("(NOT a)", "missing_operand", 1),
                Arguments.of("()", "missing_operand", 0),
                Arguments.of("(a OR)", "missing_operand", 3),
                Arguments.of("title:", "missing_operand", 0),
                Arguments.of("x title:", "missing_operand", 2),
                Arguments.of("title:OR a", "missing_operand", 6),
                Arguments.of("(title:)", "missing_operand", 1),
                Arguments.of("NEAR()", "missing_operand", 0),
                Arguments.of("NEAR(, 3)", "missing_operand", 0),
                Arguments.of("foo:bar", "unknown_column", 0),
                Arguments.of("http://x", "unknown_column", 0),
                Arguments.of("a summary:x", "unknown_column", 2),
                Arguments.of("AND:x", "unknown_column", 0),
                Arguments.of("title:foo:bar", "unknown_column", 6),
                Arguments.of("NEAR(foo:x)", "unknown_column", 5),
                Arguments.of("++", "no_searchable_text", 0),
                Arguments.of("*", "no_searchable_text", 0),
                Arguments.of("\"\"", "no_searchable_text", 0),
                Arguments.of("\"...\"", "no_searchable_text", 0),
                Arguments.of("a -", "no_searchable_text", 2),
                Arguments.of("title:++", "no_searchable_text", 6),
                Arguments.of("NEAR(a --)", "no_searchable_text", 7),
                Arguments.of("NEAR(", "unbalanced_parenthesis", 4),
                Arguments.of("NEAR(a b", "unbalanced_parenthesis", 4),
                Arguments.of("NEAR (a b, 3", "unbalanced_parenthesis", 5),
                Arguments.of("NEAR(a \"b)", "unbalanced_quote", 7),
                Arguments.of("NEAR(a b, x)", "invalid_near", 10),
                Arguments.of("NEAR(a b, -1)", "invalid_near", 10),
                Arguments.of("NEAR(a b,)", "invalid_near", 8),
                Arguments.of("NEAR(a b, 5 6)", "invalid_near", 12),
                Arguments.of("NEAR(a b, 5, 6)", "invalid_near", 10),
                Arguments.of("NEAR(a (b))", "invalid_near", 7),
                Arguments.of("NEAR(a OR b)", "invalid_near", 7),
                Arguments.of("NEAR(title:x)", "invalid_near", 5),
                Arguments.of("((((((((( a )))))))))", "too_complex", 8),
                Arguments.of("title:body:title:body:title:body:title:body:title:x", "too_complex", 44));
    }

    @ParameterizedTest(name = "{0} fails with {1} at {2}")
    @MethodSource("rejected")
    void rejected_queries_report_reason_and_position(String input, String reason, int position) {
        BacklogException e = syntaxError(input);
        assertThat(e.details())
                .containsEntry("query", input)
                .containsEntry("reason", reason)
                .containsEntry("position", position);
        assertThat(e.getMessage()).isNotBlank();
    }

    @ParameterizedTest
    @NullSource
    void a_null_query_is_an_empty_query(String input) {
        assertThat(syntaxError(input).details()).containsEntry("reason", "empty_query").containsEntry("position", 0);
    }

    @Test
    void a_very_long_not_chain_is_too_complex_instead_of_failing_in_sqlite() {
        String query = "a" + " NOT b".repeat(250);
        assertThat(syntaxError(query).details()).containsEntry("reason", "too_complex");
        assertThat(FtsQuery.compile("a" + " NOT b".repeat(150))).startsWith("\"a\" NOT \"b\" NOT");
    }

    @Test
    void long_flat_queries_are_fine() {
        assertThat(FtsQuery.compile("w ".repeat(5000))).hasSize(4 * 5000 - 1);
        assertThat(FtsQuery.compile("w OR ".repeat(5000) + "w")).startsWith("\"w\" OR \"w\"");
    }

    @Test
    void every_random_query_compiles_or_fails_with_search_syntax() {
        int compiled = 0;
        for (String q : fuzzQueries(42, 5000)) {
            Throwable t = catchThrowable(() -> FtsQuery.compile(q));
            if (t == null) {
                compiled++;
            } else {
                assertThat(t).as("query %s", q).isInstanceOf(BacklogException.class);
                assertThat(((BacklogException) t).code()).as("query %s", q).isEqualTo(ErrorCode.SEARCH_SYNTAX);
                int position = (Integer) ((BacklogException) t).details().get("position");
                assertThat(position).as("query %s", q).isBetween(0, q.length());
            }
        }
        // Keeps the generator honest: a fair share must be valid, or the SQLite property test proves little.
        assertThat(compiled).isGreaterThan(1000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TASK-12", "task-12", " Task-7 ", "12", "007", "TASK-3@01HZX9", "task-3@abcdef123456"})
    void refs_are_recognized(String q) {
        assertThat(FtsQuery.looksLikeRef(q)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "TASK-", "TASK12", "TASK-12a", "TASK-1@abc", "TASK-1@", "12 13", "-12", "T-12",
            "TASK-1@abc-def1", "TASK-١٢", "bug TASK-1"})
    void non_refs_are_not_recognized(String q) {
        assertThat(FtsQuery.looksLikeRef(q)).isFalse();
    }

    @Test
    void a_null_query_is_not_a_ref() {
        assertThat(FtsQuery.looksLikeRef(null)).isFalse();
    }

    private static BacklogException syntaxError(String input) {
        Throwable t = catchThrowable(() -> FtsQuery.compile(input));
        assertThat(t).as("query %s", input).isInstanceOf(BacklogException.class);
        BacklogException e = (BacklogException) t;
        assertThat(e.code()).isEqualTo(ErrorCode.SEARCH_SYNTAX);
        assertThatThrownBy(() -> FtsQuery.compile(input)).hasMessage(e.getMessage());
        return e;
    }

    private static final String[] PIECES = {
        "a", "b", "c", "foo", "bar", "x", "Q", " ", " ", " ", " ", "\"", "(", ")", "*", ":", "-", "+", ",", "5",
        "AND", "OR", "NOT", "NEAR", " AND ", " OR ", " NOT ", "NEAR(", "title:", "body:", "and", "or"};

    /** Random strings over the query alphabet; shared with {@link FtsQueryIT} so SQLite sees the same inputs. */
    static List<String> fuzzQueries(long seed, int count) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            StringBuilder b = new StringBuilder();
            int pieces = 1 + random.nextInt(10);
            for (int p = 0; p < pieces; p++) {
                b.append(PIECES[random.nextInt(PIECES.length)]);
            }
            out.add(b.toString());
        }
        return out;
    }
}
