package dev.backlog.mcp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Splits stdin into newline-delimited messages without ever holding more than {@code max} bytes of one: the rest
 * of an over-long line is read and dropped, and the line is reported as {@link #TOO_LONG}. Not thread-safe.
 */
final class LineReader {
    /** Returned for a line longer than the limit (its bytes are gone). */
    static final byte[] TOO_LONG = new byte[0];

    private final InputStream in;
    private final int max;
    private final byte[] buffer = new byte[64 * 1024];
    private int pos;
    private int end;

    LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line without its {@code \n} (and {@code \r}), {@link #TOO_LONG}, or {@code null} at end of input. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean overflow = false;
        while (true) {
            if (pos == end) {
                end = in.read(buffer, 0, buffer.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return overflow ? TOO_LONG : line.size() > 0 ? trim(line.toByteArray()) : null;
                }
            }
            int start = pos;
            while (pos < end && buffer[pos] != '\n') {
                pos++;
            }
            int length = pos - start;
            if (!overflow && line.size() + length > max) {
                overflow = true;
                line = new ByteArrayOutputStream();
            }
            if (!overflow) {
                line.write(buffer, start, length);
            }
            if (pos < end) {
                pos++;
                return overflow ? TOO_LONG : trim(line.toByteArray());
            }
        }
    }

    private static byte[] trim(byte[] line) {
        if (line.length > 0 && line[line.length - 1] == '\r') {
            byte[] t = new byte[line.length - 1];
            System.arraycopy(line, 0, t, 0, t.length);
            return t;
        }
        return line;
    }
}
