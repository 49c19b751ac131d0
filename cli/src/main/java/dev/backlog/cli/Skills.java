package dev.backlog.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The agent skills embedded in the jar (SPEC §11), listed explicitly: each is {@code /skills/<name>/SKILL.md} on the
 * class path, Markdown with a YAML front matter block of {@code key: value} lines ({@code name}, {@code description},
 * optionally {@code argument-hint}). Immutable and thread-safe.
 */
final class Skills {
    /** The embedded skills, in installation order. Add a name here when adding a skill directory. */
    static final List<String> NAMES = List.of("backlog", "backlog-loop", "backlog-goal", "backlog-enhance-tasks", "backlog-memory");
    /** Skill names, as Claude Code, Codex and OpenCode require them. */
    static final Pattern NAME = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    private Skills() {
    }

    /** One skill: its front matter (in file order), the Markdown after it, and the whole file. */
    record Skill(String name, String description, Map<String, String> frontMatter, String body, String text) {
    }

    /** Every embedded skill, read from the class path. A missing or malformed file is a build defect. */
    static List<Skill> all() {
        List<Skill> out = new ArrayList<>();
        for (String name : NAMES) {
            out.add(load(name));
        }
        return out;
    }

    static Skill load(String name) {
        String resource = "/skills/" + name + "/SKILL.md";
        try (InputStream in = Skills.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded skill missing: " + resource);
            }
            Skill s = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!s.name().equals(name)) {
                throw new IllegalStateException(resource + " is named '" + s.name() + "'");
            }
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** Splits a SKILL.md into front matter and body; the front matter must carry {@code name} and {@code description}. */
    static Skill parse(String text) {
        String t = text.replace("\r\n", "\n");
        if (!t.startsWith("---\n")) {
            throw new IllegalStateException("skill without front matter");
        }
        int end = t.indexOf("\n---\n", 3);
        if (end < 0) {
            throw new IllegalStateException("unterminated front matter");
        }
        Map<String, String> fm = new LinkedHashMap<>();
        for (String line : t.substring(4, end).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("front matter line is not 'key: value': " + line);
            }
            fm.put(line.substring(0, colon).strip(), scalar(line.substring(colon + 1).strip()));
        }
        String name = fm.get("name");
        String description = fm.get("description");
        if (name == null || !NAME.matcher(name).matches() || description == null || description.isBlank()) {
            throw new IllegalStateException("front matter needs a valid name and a description: " + fm);
        }
        return new Skill(name, description, fm, t.substring(end + 5), text);
    }

    private static String scalar(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (v.length() >= 2 && v.startsWith("'") && v.endsWith("'")) {
            return v.substring(1, v.length() - 1).replace("''", "'");
        }
        return v;
    }

    /** A YAML scalar for {@code v}: plain when that reads back unchanged, else double-quoted. */
    static String yaml(String v) {
        boolean plain = !v.isEmpty() && !v.contains(": ") && !v.contains(" #") && !v.endsWith(":")
                && "-?:,[]{}#&*!|>'\"%@`".indexOf(v.charAt(0)) < 0 && v.strip().equals(v);
        return plain ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Front matter lines followed by a body. */
    static String document(Map<String, String> frontMatter, String body) {
        StringBuilder sb = new StringBuilder("---\n");
        frontMatter.forEach((k, v) -> sb.append(k).append(':').append(v == null ? "" : " " + v).append('\n'));
        return sb.append("---\n").append(body).toString();
    }
}
