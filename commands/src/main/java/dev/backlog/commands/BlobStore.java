package dev.backlog.commands;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Limits;
import dev.backlog.projector.Db;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The content-addressed attachment store of SPEC §12.8: {@code <workspace>/attachments/sha256/<2 hex>/<64 hex>}.
 * Bytes are streamed into a temporary file under {@code attachments/}, hashed while copying, flushed to disk and
 * atomically moved into place; identical content is stored once; blobs are never deleted. Safe to use from several
 * processes at once (a blob's path is determined by its content, and it only ever appears complete).
 */
public final class BlobStore {
    private static final String MAIN_FILE = "SELECT file FROM pragma_database_list WHERE name = 'main'";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 1 << 16;

    /** A stored blob: its lower-case hex SHA-256, its size in bytes and where it lives. */
    public record Blob(String sha256, long size, Path path) {}

    private final Path root;

    /** @param workspaceDir the directory holding {@code backlog.db} */
    public BlobStore(Path workspaceDir) {
        this.root = workspaceDir.resolve("attachments");
    }

    /** The store of the workspace whose database {@code db} is connected to. */
    public static BlobStore of(Db db) {
        String file = db.string(MAIN_FILE);
        if (file == null || file.isEmpty()) {
            throw new BacklogException(ErrorCode.INTERNAL, "attachments need a workspace database file, not an in-memory database");
        }
        return new BlobStore(Path.of(file).toAbsolutePath().getParent());
    }

    /** Where the blob with this hash is (or would be) stored; {@code INVALID_ARGUMENT} for anything but 64 lower-case hex. */
    public Path path(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw BacklogException.invalid("sha256", sha256, "not a SHA-256 hex digest");
        }
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /**
     * Copies {@code source} into the store. A blob that already exists is kept when it still hashes to its name and
     * replaced by the new copy when it does not (a repair). Fails with {@code PAYLOAD_TOO_LARGE} if more than
     * {@code maxBytes} arrive (the file grew after it was measured); nothing is left behind on failure.
     */
    public Blob put(Path source, long maxBytes) {
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempFile(root, ".upload-", ".tmp");
            try {
                MessageDigest sha = sha256();
                long size;
                try (InputStream in = Files.newInputStream(source);
                     FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                     OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                    size = copy(in, out, sha, maxBytes);
                    out.flush();
                    ch.force(true);
                }
                String hex = HexFormat.of().formatHex(sha.digest());
                Path target = path(hex);
                if (Files.isRegularFile(target) && hex.equals(hash(target))) {
                    return new Blob(hex, size, target);
                }
                Files.createDirectories(target.getParent());
                move(tmp, target);
                syncDirectory(target.getParent());
                return new Blob(hex, size, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "cannot store attachment " + source + ": " + e.getMessage(),
                    Map.of("path", source.toString()), e);
        }
    }

    /**
     * The path of a blob after checking that it exists and hashes to {@code sha256}; {@code CHECK_FAILED} otherwise.
     * A caller that copies the bytes should hash its copy too: the file may change after this returns.
     */
    public Path verified(String sha256) {
        Path p = path(sha256);
        String actual;
        try {
            actual = Files.isRegularFile(p) ? hash(p) : null;
        } catch (IOException e) {
            actual = null;
        }
        if (!sha256.equals(actual)) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("sha256", sha256);
            d.put("actual", actual);
            d.put("path", p.toString());
            throw new BacklogException(ErrorCode.CHECK_FAILED, actual == null ? "attachment blob " + sha256 + " is missing"
                    : "attachment blob " + sha256 + " is corrupt (hashes to " + actual + ")", d);
        }
        return p;
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest sha, long maxBytes) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > maxBytes) {
                throw Limits.tooLarge("file", maxBytes, total);
            }
            sha.update(buf, 0, n);
            out.write(buf, 0, n);
        }
        return total;
    }

    private static String hash(Path p) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Renames {@code tmp} onto {@code target}, atomically where the file system can. */
    static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes the new directory entry durable where the platform allows opening a directory (not on Windows). */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | RuntimeException ignored) {
            // best effort: the blob itself is already on disk
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
