package dev.backlog.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** Text-mode rendering: borderless tables with upper-case headers, {@code Key: value} blocks, local times. */
final class Text {
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private Text() {
    }

    static String time(String rfc3339) {
        if (rfc3339 == null) {
            return "-";
        }
        return LOCAL.format(Instant.parse(rfc3339).atZone(ZoneId.systemDefault()));
    }

    static String orDash(Object o) {
        return o == null || o.toString().isEmpty() ? "-" : o.toString();
    }

    /** A table: header row plus rows, columns padded to their widest cell (the last column is not padded). */
    static String table(List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).codePointCount(0, r.get(i).length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> r : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.size(); i++) {
                String cell = r.get(i);
                line.append(cell);
                if (i < r.size() - 1) {
                    line.append(" ".repeat(width[i] - cell.codePointCount(0, cell.length()) + 2));
                }
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    static String truncate(String s, int max) {
        if (s == null) {
            return "-";
        }
        String one = s.replace('\n', ' ');
        return one.codePointCount(0, one.length()) <= max ? one : one.substring(0, one.offsetByCodePoints(0, max - 1)) + "…";
    }

    /** {@code Key: value} lines, keys padded to align values. */
    static String block(List<String[]> pairs) {
        int w = 0;
        for (String[] p : pairs) {
            w = Math.max(w, p[0].length());
        }
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            sb.append(p[0]).append(':').append(" ".repeat(w - p[0].length() + 1)).append(p[1]).append('\n');
        }
        return sb.toString();
    }
}
