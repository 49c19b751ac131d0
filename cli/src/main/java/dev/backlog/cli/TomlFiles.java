package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Line-level edits of top-level keys in a workspace's {@code backlog.toml}, so user comments and layout survive
 * {@code project set-default}. Writes go to a temporary file that is atomically renamed.
 */
final class TomlFiles {
    private TomlFiles() {
    }

    /** Sets ({@code value != null}) or removes a top-level string key. */
    static void setTopLevel(Path file, String key, String value) {
        try {
            List<String> lines = Files.isRegularFile(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
            Pattern p = Pattern.compile("^\\s*" + Pattern.quote(key) + "\\s*=.*$");
            int firstTable = lines.size();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("[")) {
                    firstTable = i;
                    break;
                }
            }
            boolean done = false;
            for (int i = 0; i < firstTable; i++) {
                if (p.matcher(lines.get(i)).matches()) {
                    if (value == null) {
                        lines.remove(i);
                    } else {
                        lines.set(i, key + " = " + quote(value));
                    }
                    done = true;
                    break;
                }
            }
            if (!done && value != null) {
                lines.add(firstTable, key + " = " + quote(value));
            }
            atomicWrite(file, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage());
        }
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static void atomicWrite(Path file, String text) throws IOException {
        // pid and thread: the resident daemon runs several calls in one process
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().threadId());
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
