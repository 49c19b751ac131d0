package dev.backlog.query.search;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Compiles the user search syntax (SPEC §7) into a SQLite FTS5 {@code MATCH} expression over the {@code title} and
 * {@code body} columns of {@code search_index}.
 *
 * <p>The user syntax is parsed completely (never passed through), so every accepted input yields an expression FTS5
 * parses, and every rejected input yields {@link ErrorCode#SEARCH_SYNTAX} with a 0-based position. Every piece of
 * user text reaches FTS5 only inside double quotes, so it can never be read as FTS5 syntax.
 *
 * <p>Output format:
 * <ul>
 *   <li>word → {@code "tok"}; {@code word*} → {@code "tok"*}; a word with punctuation → its tokens as a phrase
 *       ({@code bucket-list} → {@code "bucket list"}, {@code c++} → {@code "c"}); ASCII letters are lower-cased
 *       (FTS5 folds everything else itself)</li>
 *   <li>{@code "a phrase"} → {@code "a phrase"}; {@code "a phrase"*} → {@code "a phrase"*}</li>
 *   <li>implicit AND → space between phrases ({@code "a" "b"}), or an explicit {@code AND} where an operand is a
 *       group (FTS5 only allows juxtaposition of phrases)</li>
 *   <li>{@code AND}, {@code OR}, {@code NOT} as given; parentheses only where FTS5 precedence
 *       (NOT &gt; AND &gt; OR, juxtaposition tightest) needs them to keep the user's grouping</li>
 *   <li>{@code title:x} → {@code title:"x"}; {@code title:(a OR b)} → {@code title:("a" OR "b")}</li>
 *   <li>{@code NEAR(a b, 5)} → {@code NEAR("a" "b", 5)}</li>
 * </ul>
 */
public final class FtsQuery {

    /** Column names a filter may use; the FTS5 table has exactly these. */
    private static final List<String> COLUMNS = List.of("title", "body");

    /**
     * Maximum nesting of parentheses and column filters. FTS5's LALR parser has a fixed 100-slot stack and one nested
     * group can cost ~10 slots in the worst case, so deeper input would fail inside SQLite instead of here.
     */
    private static final int MAX_NESTING = 8;

    /** FTS5 rejects expression trees deeper than 256 (long {@code NOT} chains); stay safely below. */
    private static final int MAX_TREE_DEPTH = 200;

    private static final Pattern REF = Pattern.compile("(?i:task)-[0-9]+(?:@[A-Za-z0-9]{6,})?|[0-9]+");

    private FtsQuery() {
    }

    /**
     * Translates a user search query into an FTS5 {@code MATCH} expression.
     *
     * @param userQuery the query as typed; {@code null} is treated as empty
     * @return an FTS5 expression that SQLite accepts, in the format described on the class
     * @throws BacklogException with {@link ErrorCode#SEARCH_SYNTAX} and details {@code query}, {@code position}
     *     (0-based index into the input) and {@code reason} ({@code empty_query}, {@code unbalanced_quote},
     *     {@code unbalanced_parenthesis}, {@code missing_operand}, {@code unknown_column}, {@code no_searchable_text},
     *     {@code invalid_near}, {@code too_complex}); no other exception escapes for any input
     */
    public static String compile(String userQuery) {
        String q = userQuery == null ? "" : userQuery;
        List<Tok> toks = new Lexer(q).lex();
        if (toks.isEmpty()) {
            throw error(q, 0, "empty_query", "Search query is empty");
        }
        checkParentheses(q, toks);
        Node root = new Parser(q, toks).parse();
        return emit(root).text();
    }

    /**
     * Tells whether a query is exactly a task ref, so search can also return that task first.
     *
     * @param q the query as typed; may be {@code null}
     * @return {@code true} when the trimmed query is {@code TASK-<digits>} (any case), only digits, or a former ref
     *     {@code TASK-<digits>@<6+ letters or digits>}
     */
    public static boolean looksLikeRef(String q) {
        return q != null && REF.matcher(q.strip()).matches();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Lexing

    private enum Kind { OPERAND, COLUMN, LPAREN, RPAREN, AND, OR, NOT }

    /** A lexed token; {@code node} is set for operands, {@code text} for columns. */
    private record Tok(Kind kind, int pos, String text, Node node) {
        static Tok of(Kind kind, int pos) {
            return new Tok(kind, pos, null, null);
        }
    }

    private static final class Lexer {
        private final String q;
        private final int n;
        private final List<Tok> out = new ArrayList<>();
        private int i;

        Lexer(String q) {
            this.q = q;
            this.n = q.length();
        }

        List<Tok> lex() {
            while (i < n) {
                int cp = q.codePointAt(i);
                if (isSpace(cp)) {
                    i += Character.charCount(cp);
                } else if (cp == '"') {
                    out.add(new Tok(Kind.OPERAND, i, null, phrase()));
                } else if (cp == '(') {
                    out.add(Tok.of(Kind.LPAREN, i++));
                } else if (cp == ')') {
                    out.add(Tok.of(Kind.RPAREN, i++));
                } else {
                    word();
                }
            }
            return out;
        }

        /** Lexes {@code "..."} (plus an optional {@code *} right after the closing quote) starting at {@code i}. */
        private Phrase phrase() {
            int open = i;
            int close = q.indexOf('"', open + 1);
            if (close < 0) {
                throw error(q, open, "unbalanced_quote", "Unbalanced quote at position " + open);
            }
            boolean prefix = close + 1 < n && q.charAt(close + 1) == '*';
            i = prefix ? close + 2 : close + 1;
            return phraseOf(q.substring(open + 1, close), prefix, open);
        }

        private void word() {
            int start = i;
            int col = columnPrefixLength(start);
            if (col > 0) {
                // The word goes on after the colon; that rest is lexed as the filter's operand.
                out.add(new Tok(Kind.COLUMN, start, column(start, col), null));
                i = start + col + 1;
                return;
            }
            int end = wordEnd(start, false);
            String w = q.substring(start, end);
            switch (w) {
                case "AND" -> out.add(Tok.of(Kind.AND, start));
                case "OR" -> out.add(Tok.of(Kind.OR, start));
                case "NOT" -> out.add(Tok.of(Kind.NOT, start));
                default -> {
                    int paren = skipSpaces(end);
                    if (w.equals("NEAR") && paren < n && q.charAt(paren) == '(') {
                        i = paren;
                        out.add(new Tok(Kind.OPERAND, start, null, near(start)));
                        return;
                    }
                    out.add(new Tok(Kind.OPERAND, start, null, term(w, start)));
                }
            }
            i = end;
        }

        /** Lexes the rest of {@code NEAR(...)}; {@code i} is at the opening parenthesis. */
        private Near near(int keyword) {
            int open = i++;
            List<Phrase> phrases = new ArrayList<>();
            String distance = null;
            while (true) {
                i = skipSpaces(i);
                if (i >= n) {
                    throw error(q, open, "unbalanced_parenthesis", "Unclosed parenthesis at position " + open);
                }
                char c = q.charAt(i);
                if (c == ')') {
                    i++;
                    break;
                }
                if (distance != null) {
                    throw error(q, i, "invalid_near", "NEAR expects ')' after the distance at position " + i);
                }
                if (c == '"') {
                    phrases.add(phrase());
                } else if (c == '(') {
                    throw error(q, i, "invalid_near", "NEAR takes only words and phrases, found '(' at position " + i);
                } else if (c == ',') {
                    int comma = i;
                    int start = skipSpaces(i + 1);
                    int end = start;
                    while (end < n && q.charAt(end) != ')' && !isSpace(q.codePointAt(end))) {
                        end++;
                    }
                    distance = q.substring(start, end);
                    if (!distance.chars().allMatch(d -> d >= '0' && d <= '9') || distance.isEmpty()) {
                        int at = distance.isEmpty() ? comma : start;
                        throw error(q, at, "invalid_near", "NEAR distance must be a whole number at position " + at);
                    }
                    i = end;
                } else {
                    int start = i;
                    int col = columnPrefixLength(start);
                    if (col > 0) {
                        column(start, col); // an unknown name is reported as such
                        throw error(q, start, "invalid_near", "Column filters are not allowed inside NEAR (position "
                                + start + ")");
                    }
                    int end = wordEnd(start, true);
                    String w = q.substring(start, end);
                    if (w.equals("AND") || w.equals("OR") || w.equals("NOT") || w.equals("NEAR")) {
                        throw error(q, start, "invalid_near", "NEAR takes only words and phrases, found " + w
                                + " at position " + start);
                    }
                    phrases.add(term(w, start));
                    i = end;
                }
            }
            if (phrases.isEmpty()) {
                throw error(q, keyword, "missing_operand", "NEAR at position " + keyword + " has no words");
            }
            return new Near(List.copyOf(phrases), distance);
        }

        /** Validates the column name {@code q[start, start+len)} and returns it lower-cased. */
        private String column(int start, int len) {
            String name = q.substring(start, start + len).toLowerCase(Locale.ROOT);
            if (!COLUMNS.contains(name)) {
                throw error(q, start, "unknown_column", "Unknown column '" + q.substring(start, start + len)
                        + "' at position " + start + " (use title: or body:)");
            }
            return name;
        }

        /**
         * Length of a {@code name:} prefix at {@code start}: letters, digits or {@code _} beginning with a letter and
         * followed by a colon; -1 when there is none. Requiring a leading letter keeps {@code 12:30} plain text.
         */
        private int columnPrefixLength(int start) {
            int j = start;
            while (j < n) {
                int cp = q.codePointAt(j);
                boolean ok = j == start ? Character.isLetter(cp) : Character.isLetterOrDigit(cp) || cp == '_';
                if (!ok) {
                    break;
                }
                j += Character.charCount(cp);
            }
            return j > start && j < n && q.charAt(j) == ':' ? j - start : -1;
        }

        private int wordEnd(int start, boolean inNear) {
            int j = start;
            while (j < n) {
                int cp = q.codePointAt(j);
                if (isSpace(cp) || cp == '"' || cp == '(' || cp == ')' || (inNear && cp == ',')) {
                    break;
                }
                j += Character.charCount(cp);
            }
            return j;
        }

        private int skipSpaces(int from) {
            int j = from;
            while (j < n) {
                int cp = q.codePointAt(j);
                if (!isSpace(cp)) {
                    break;
                }
                j += Character.charCount(cp);
            }
            return j;
        }

        /** A bare word: trailing {@code *} means prefix; any other punctuation separates tokens of a phrase. */
        private Phrase term(String w, int pos) {
            int end = w.length();
            while (end > 0 && w.charAt(end - 1) == '*') {
                end--;
            }
            return phraseOf(w.substring(0, end), end < w.length(), pos);
        }

        private Phrase phraseOf(String text, boolean prefix, int pos) {
            List<String> tokens = tokens(text);
            if (tokens.isEmpty()) {
                throw error(q, pos, "no_searchable_text", "Nothing searchable (only punctuation) at position " + pos);
            }
            return new Phrase(tokens, prefix);
        }
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /**
     * Whether SQLite's unicode61 tokenizer keeps {@code cp} inside a token: letters, numbers and private use, as
     * documented; also marks (with remove_diacritics SQLite keeps diacritics in the token and then strips them) and
     * unassigned code points (SQLite's tables treat them as token characters). Erring towards "token" is harmless:
     * FTS5 re-tokenizes every quoted string with the same tokenizer as the index.
     */
    private static boolean isTokenChar(int cp) {
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> true;
            default -> false;
        };
    }

    /** Splits text into maximal runs of token characters; ASCII is lower-cased only for readability. */
    private static List<String> tokens(String s) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int k = 0; k < s.length(); ) {
            int cp = s.codePointAt(k);
            k += Character.charCount(cp);
            if (isTokenChar(cp)) {
                cur.appendCodePoint(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
            } else if (!cur.isEmpty()) {
                out.add(cur.toString());
                cur.setLength(0);
            }
        }
        if (!cur.isEmpty()) {
            out.add(cur.toString());
        }
        return List.copyOf(out);
    }

    /** Reports a stray {@code )} or the leftmost unclosed {@code (} before parsing, so they win over operand errors. */
    private static void checkParentheses(String q, List<Tok> toks) {
        List<Integer> open = new ArrayList<>();
        for (Tok t : toks) {
            if (t.kind() == Kind.LPAREN) {
                open.add(t.pos());
            } else if (t.kind() == Kind.RPAREN) {
                if (open.isEmpty()) {
                    throw error(q, t.pos(), "unbalanced_parenthesis", "Unmatched ')' at position " + t.pos());
                }
                open.remove(open.size() - 1);
            }
        }
        if (!open.isEmpty()) {
            int at = open.get(0);
            throw error(q, at, "unbalanced_parenthesis", "Unclosed parenthesis at position " + at);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Parsing: the grammar mirrors FTS5 precedence, so emitting the tree keeps the meaning FTS5 would give.
    //   or   := and (OR and)*
    //   and  := not (AND not)*
    //   not  := seq (NOT seq)*
    //   seq  := unary+                      (implicit AND)
    //   unary:= COLUMN unary | '(' or ')' | phrase | NEAR

    private sealed interface Node permits Phrase, Near, Column, Seq, Bool, Not {
        /** Conservative depth of the FTS5 expression tree this node becomes. */
        int depth();
    }

    private record Phrase(List<String> tokens, boolean prefix) implements Node {
        public int depth() {
            return 1;
        }
    }

    private record Near(List<Phrase> phrases, String distance) implements Node {
        public int depth() {
            return 1;
        }
    }

    private record Column(String name, Node inner, int depth) implements Node {
    }

    private record Seq(List<Node> items, int depth) implements Node {
    }

    private record Bool(String op, List<Node> items, int depth) implements Node {
    }

    private record Not(Node left, Node right, int depth) implements Node {
    }

    private static final class Parser {
        private final String q;
        private final List<Tok> toks;
        private int i;
        private int nesting;

        Parser(String q, List<Tok> toks) {
            this.q = q;
            this.toks = toks;
        }

        Node parse() {
            Node n = or(toks.get(0).pos());
            if (i < toks.size()) { // unreachable after checkParentheses, kept as a guard
                int at = toks.get(i).pos();
                throw error(q, at, "unbalanced_parenthesis", "Unmatched ')' at position " + at);
            }
            return n;
        }

        /** {@code owner} is the position blamed when the first operand is missing. */
        private Node or(int owner) {
            return bool(Kind.OR, owner);
        }

        private Node bool(Kind op, int owner) {
            List<Node> items = new ArrayList<>();
            items.add(op == Kind.OR ? bool(Kind.AND, owner) : not(owner));
            int at = owner;
            while (peek(op)) {
                at = toks.get(i++).pos();
                items.add(op == Kind.OR ? bool(Kind.AND, at) : not(at));
            }
            if (items.size() == 1) {
                return items.get(0);
            }
            return checked(new Bool(op.name(), List.copyOf(items), 1 + maxDepth(items)), at);
        }

        private Node not(int owner) {
            Node left = seq(owner);
            while (peek(Kind.NOT)) {
                int at = toks.get(i++).pos();
                Node right = seq(at);
                left = checked(new Not(left, right, 1 + Math.max(left.depth(), right.depth())), at);
            }
            return left;
        }

        private Node seq(int owner) {
            List<Node> items = new ArrayList<>();
            while (i < toks.size() && startsOperand(toks.get(i).kind())) {
                Node u = unary();
                if (u instanceof Seq s) {
                    items.addAll(s.items()); // (a b) c is just a b c
                } else {
                    items.add(u);
                }
            }
            if (items.isEmpty()) {
                throw missingOperand(owner);
            }
            if (items.size() == 1) {
                return items.get(0);
            }
            return checked(new Seq(List.copyOf(items), 1 + maxDepth(items)), owner);
        }

        private Node unary() {
            Tok t = toks.get(i++);
            switch (t.kind()) {
                case OPERAND -> {
                    return t.node();
                }
                case COLUMN -> {
                    enter(t.pos());
                    if (i >= toks.size() || !startsOperand(toks.get(i).kind())) {
                        throw missingOperand(t.pos());
                    }
                    Node inner = unary();
                    nesting--;
                    return checked(new Column(t.text(), inner, inner.depth() + 1), t.pos());
                }
                case LPAREN -> {
                    enter(t.pos());
                    Node inner = or(t.pos());
                    if (!peek(Kind.RPAREN)) { // unreachable after checkParentheses, kept as a guard
                        throw error(q, t.pos(), "unbalanced_parenthesis", "Unclosed parenthesis at position "
                                + t.pos());
                    }
                    i++;
                    nesting--;
                    return inner;
                }
                default -> throw new IllegalStateException("not an operand: " + t); // guarded by startsOperand
            }
        }

        /** An operand is missing: blame the operator standing where it should be, else the construct needing it. */
        private BacklogException missingOperand(int owner) {
            int at = i < toks.size() && isOperator(toks.get(i).kind()) ? toks.get(i).pos() : owner;
            return error(q, at, "missing_operand", "Operator or group without operand at position " + at);
        }

        private void enter(int pos) {
            if (++nesting > MAX_NESTING) {
                throw error(q, pos, "too_complex", "Groups and column filters nest deeper than " + MAX_NESTING
                        + " at position " + pos);
            }
        }

        private Node checked(Node n, int pos) {
            if (n.depth() > MAX_TREE_DEPTH) {
                throw error(q, pos, "too_complex", "Search query is too complex at position " + pos);
            }
            return n;
        }

        private boolean peek(Kind k) {
            return i < toks.size() && toks.get(i).kind() == k;
        }

        private static boolean startsOperand(Kind k) {
            return k == Kind.OPERAND || k == Kind.COLUMN || k == Kind.LPAREN;
        }

        private static boolean isOperator(Kind k) {
            return k == Kind.AND || k == Kind.OR || k == Kind.NOT;
        }

        private static int maxDepth(List<Node> items) {
            int d = 0;
            for (Node n : items) {
                d = Math.max(d, n.depth());
            }
            return d;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Emitting

    private static final int LEVEL_OR = 1;
    private static final int LEVEL_AND = 2;
    private static final int LEVEL_NOT = 3;
    private static final int LEVEL_LIST = 4;
    private static final int LEVEL_ATOM = 5;

    /**
     * Emitted text with its FTS5 precedence level. {@code nearset} marks a phrase or NEAR group, optionally under one
     * column filter: only those may be juxtaposed (implicit AND) or take a plain {@code col:} prefix in FTS5.
     */
    private record Out(String text, int level, boolean nearset, boolean filtered) {
    }

    private static Out emit(Node node) {
        return switch (node) {
            case Phrase p -> new Out(phraseText(p), LEVEL_ATOM, true, false);
            case Near n -> {
                StringBuilder b = new StringBuilder("NEAR(");
                for (int k = 0; k < n.phrases().size(); k++) {
                    b.append(k == 0 ? "" : " ").append(phraseText(n.phrases().get(k)));
                }
                if (n.distance() != null) {
                    b.append(", ").append(n.distance());
                }
                yield new Out(b.append(')').toString(), LEVEL_ATOM, true, false);
            }
            case Column c -> {
                Out in = emit(c.inner());
                // FTS5 allows "col:" only directly on a phrase/NEAR; nested filters and groups need parentheses.
                yield in.nearset() && !in.filtered()
                        ? new Out(c.name() + ":" + in.text(), LEVEL_ATOM, true, true)
                        : new Out(c.name() + ":(" + in.text() + ")", LEVEL_ATOM, false, false);
            }
            case Seq s -> emitSeq(s);
            case Bool b -> {
                int level = b.op().equals("OR") ? LEVEL_OR : LEVEL_AND;
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < b.items().size(); k++) {
                    Out o = emit(b.items().get(k));
                    sb.append(k == 0 ? "" : " " + b.op() + " ").append(operand(o, level, k > 0));
                }
                yield new Out(sb.toString(), level, false, false);
            }
            case Not n -> new Out(operand(emit(n.left()), LEVEL_NOT, false) + " NOT "
                    + operand(emit(n.right()), LEVEL_NOT, true), LEVEL_NOT, false, false);
        };
    }

    /** Juxtaposes runs of phrases; any other item (a group) forces an explicit AND, as FTS5 cannot juxtapose it. */
    private static Out emitSeq(Seq s) {
        List<String> parts = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        boolean mixed = false;
        for (Node item : s.items()) {
            Out o = emit(item);
            if (o.nearset()) {
                run.append(run.isEmpty() ? "" : " ").append(o.text());
            } else {
                if (!run.isEmpty()) {
                    parts.add(run.toString());
                    run.setLength(0);
                }
                parts.add(operand(o, LEVEL_AND, true));
                mixed = true;
            }
        }
        if (!run.isEmpty()) {
            parts.add(run.toString());
        }
        return mixed
                ? new Out(String.join(" AND ", parts), LEVEL_AND, false, false)
                : new Out(String.join(" ", parts), LEVEL_LIST, false, false);
    }

    /** Parenthesizes an operand that binds looser than its operator (or equally, on the right: keeps grouping). */
    private static String operand(Out o, int level, boolean right) {
        boolean wrap = right ? o.level() <= level : o.level() < level;
        return wrap ? "(" + o.text() + ")" : o.text();
    }

    private static String phraseText(Phrase p) {
        StringBuilder b = new StringBuilder("\"");
        for (int k = 0; k < p.tokens().size(); k++) {
            b.append(k == 0 ? "" : " ").append(p.tokens().get(k).replace("\"", "\"\""));
        }
        return b.append(p.prefix() ? "\"*" : "\"").toString();
    }

    private static BacklogException error(String query, int position, String reason, String message) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("query", query);
        details.put("position", position);
        details.put("reason", reason);
        return new BacklogException(ErrorCode.SEARCH_SYNTAX, message, details);
    }
}
