package dev.backlog.cli.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The resident daemon's wire format, shared by {@link Client} and the daemon ({@code dev.backlog.cli.daemon}).
 * Only {@code java.base}: the client jar holds nothing else.
 *
 * <p>Request (client → daemon): {@link #MAGIC}, the arguments, the environment, the working directory and its
 * identity ({@link #directoryKey}), and, only
 * when the command reads stdin ({@link #readsStdin}), stdin's bytes (else length -1). Strings are an int byte length and
 * UTF-8 bytes. Reply: frames of one type byte and an int length: {@link #ACCEPTED} (before the command runs),
 * {@link #STDOUT} / {@link #STDERR} chunks, then {@link #EXIT} with the status; or {@link #DECLINED} instead of
 * {@link #ACCEPTED} when the daemon will not run it (the caller then runs the command itself).
 */
public final class Wire {
    public static final int MAGIC = 0x424b4c02;
    public static final byte ACCEPTED = 'A';
    public static final byte DECLINED = 'D';
    public static final byte STDOUT = 'O';
    public static final byte STDERR = 'E';
    public static final byte EXIT = 'X';
    /** The client's exit status meaning "no daemon ran it, run it in-process"; the launcher catches it. */
    public static final int FALLBACK = 200;
    /** Largest string or stdin payload accepted (matches the CLI's largest input, attachments). */
    public static final int MAX_BYTES = 256 << 20;

    private Wire() {
    }

    public static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in), StandardCharsets.UTF_8);
    }

    public static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > MAX_BYTES) {
            throw new IOException("bad length " + n);
        }
        return in.readNBytes(n);
    }

    /**
     * Which directory a path is, as the file system says (device and inode on Linux): client and daemon compare it,
     * so a client in another mount namespace (a container sharing the home directory) is never served with the
     * daemon's idea of its paths. {@code ""} when unknown.
     */
    public static String directoryKey(java.nio.file.Path dir) {
        try {
            Object key = java.nio.file.Files.readAttributes(dir, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
            return key == null ? "" : key.toString();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** True when the command reads stdin: {@code --from-file -} (the only option that does). */
    public static boolean readsStdin(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--from-file=-") || (args[i].equals("--from-file") && i + 1 < args.length && args[i + 1].equals("-"))) {
                return true;
            }
        }
        return false;
    }
}
