package dev.backlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.projector.Json;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A start-up fast path for the configuration files backlog writes and documents: {@code [table]} headers (dotted
 * names allowed), {@code key = value} with basic strings, literal strings, integers, booleans and one-line arrays of
 * those, and comments. Anything else returns empty and the caller uses the full TOML parser: the lexer's class
 * initialisation costs tens of milliseconds per CLI call, more than the rest of the configuration step.
 */
final class SimpleToml {
    private static final Pattern TABLE = Pattern.compile("\\[\\s*([A-Za-z0-9_-]+(?:\\s*\\.\\s*[A-Za-z0-9_-]+)*)\\s*]");
    private static final Pattern KEY_VALUE = Pattern.compile("([A-Za-z0-9_-]+)\\s*=\\s*(.+)");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");

    private SimpleToml() {
    }

    static Optional<JsonNode> parse(String text) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode table = root;
        for (String raw : text.split("\n", -1)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher t = TABLE.matcher(line);
            if (t.matches()) {
                table = root;
                for (String part : t.group(1).split("\\.")) {
                    JsonNode next = table.get(part.strip());
                    if (next == null) {
                        next = table.putObject(part.strip());
                    } else if (!next.isObject()) {
                        return Optional.empty();
                    }
                    table = (ObjectNode) next;
                }
                continue;
            }
            Matcher kv = KEY_VALUE.matcher(line);
            if (!kv.matches() || table.has(kv.group(1))) {
                return Optional.empty();
            }
            Value v = value(kv.group(2), 0);
            if (v == null || !rest(kv.group(2), v.end())) {
                return Optional.empty();
            }
            table.set(kv.group(1), v.node());
        }
        return Optional.of(root);
    }

    private record Value(JsonNode node, int end) {}

    private static Value value(String s, int from) {
        int i = skip(s, from);
        if (i >= s.length()) {
            return null;
        }
        char c = s.charAt(i);
        if (c == '"') {
            return basicString(s, i + 1);
        }
        if (c == '\'') {
            int close = s.indexOf('\'', i + 1);
            return close < 0 ? null : new Value(Json.MAPPER.getNodeFactory().textNode(s.substring(i + 1, close)), close + 1);
        }
        if (c == '[') {
            ArrayNode array = Json.MAPPER.createArrayNode();
            int j = skip(s, i + 1);
            if (j < s.length() && s.charAt(j) == ']') {
                return new Value(array, j + 1);
            }
            while (true) {
                Value item = value(s, j);
                if (item == null || item.node().isArray()) {
                    return null;
                }
                array.add(item.node());
                j = skip(s, item.end());
                if (j < s.length() && s.charAt(j) == ',') {
                    j = skip(s, j + 1);
                    if (j < s.length() && s.charAt(j) == ']') {
                        return new Value(array, j + 1);
                    }
                } else if (j < s.length() && s.charAt(j) == ']') {
                    return new Value(array, j + 1);
                } else {
                    return null;
                }
            }
        }
        int end = i;
        while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '-' || s.charAt(end) == '+')) {
            end++;
        }
        String word = s.substring(i, end);
        if (word.equals("true") || word.equals("false")) {
            return new Value(Json.MAPPER.getNodeFactory().booleanNode(word.equals("true")), end);
        }
        if (INTEGER.matcher(word).matches() && word.length() < 19) {
            long n = Long.parseLong(word);
            // the same node types the full parser yields: int when it fits, else long
            return new Value(n == (int) n ? Json.MAPPER.getNodeFactory().numberNode((int) n) : Json.MAPPER.getNodeFactory().numberNode(n), end);
        }
        return null;
    }

    private static Value basicString(String s, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                return new Value(Json.MAPPER.getNodeFactory().textNode(sb.toString()), i + 1);
            }
            if (c == '\\') {
                if (++i >= s.length()) {
                    return null;
                }
                switch (s.charAt(i)) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    default -> {
                        return null; // \\u escapes and friends: leave them to the full parser
                    }
                }
            } else {
                sb.append(c);
            }
        }
        return null;
    }

    /** After a value only blanks and a comment may follow. */
    private static boolean rest(String s, int from) {
        int i = skip(s, from);
        return i >= s.length() || s.charAt(i) == '#';
    }

    private static int skip(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
