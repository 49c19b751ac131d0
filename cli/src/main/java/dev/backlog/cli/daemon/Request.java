package dev.backlog.cli.daemon;

import dev.backlog.cli.client.Wire;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One invocation handed over by a client: what a process would see (arguments, environment, directory, stdin), and
 * the directory's identity as the client saw it ({@link Wire#directoryKey}).
 */
public record Request(String[] args, Map<String, String> env, Path cwd, String cwdKey, byte[] stdin) {
    static final int MAX_ARGS = 100_000;

    static Request read(DataInputStream in) throws IOException {
        if (in.readInt() != Wire.MAGIC) {
            throw new IOException("not a backlog client (or another version)");
        }
        String[] args = new String[count(in.readInt())];
        for (int i = 0; i < args.length; i++) {
            args[i] = Wire.readString(in);
        }
        int n = count(in.readInt());
        Map<String, String> env = new HashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            env.put(Wire.readString(in), Wire.readString(in));
        }
        Path cwd = Path.of(Wire.readString(in));
        String cwdKey = Wire.readString(in);
        byte[] stdin = null;
        int len = in.readInt();
        if (len >= 0) {
            if (len > Wire.MAX_BYTES) {
                throw new IOException("stdin too large");
            }
            stdin = in.readNBytes(len);
        }
        return new Request(args, Map.copyOf(env), cwd, cwdKey, stdin);
    }

    private static int count(int n) throws IOException {
        if (n < 0 || n > MAX_ARGS) {
            throw new IOException("bad count " + n);
        }
        return n;
    }
}
