package dev.backlog.commands;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Db;
import dev.backlog.projector.WorkspaceDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code doctor backup} (SPEC §12.3): SQLite's online backup API into a temporary file beside the target, taken from
 * one read snapshot (consistent while other processes write), verified ({@code quick_check}, and the copy's chain
 * head is the source's event at that seq), then renamed into place. With attachments the blob store is copied to
 * {@code <target>.attachments/} the same way.
 */
public final class Backup {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final String HEAD = "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1";
    private static final String HASH_AT = "SELECT hash FROM events WHERE seq = ?";
    private static final String EVENTS = "SELECT count(*) FROM events";

    /** The §12.3 report. */
    public record Report(String path, long bytes, long events, String headHash, long attachmentsCopied) {}

    private record Head(long seq, String hash) {}

    private Backup() {
    }

    /** The default target: {@code backups/backlog-<UTC yyyyMMddTHHmmssZ>.db} in the workspace directory. */
    public static Path defaultTarget(Path workspaceDir, Instant now) {
        return workspaceDir.resolve("backups").resolve("backlog-" + STAMP.format(now) + ".db");
    }

    public static Report run(Db source, Path workspaceDir, Path target, boolean force, boolean withAttachments) {
        Path attachmentsTarget = target.resolveSibling(target.getFileName() + ".attachments");
        if (!force) {
            for (Path p : withAttachments ? List.of(target, attachmentsTarget) : List.of(target)) {
                if (Files.exists(p)) {
                    throw new BacklogException(ErrorCode.TARGET_EXISTS, p + " exists: pass --force to replace it", Map.of("path", p.toString()));
                }
            }
        }
        Path tmp;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        } catch (IOException e) {
            throw BacklogException.invalid("to", target.toString(), "cannot write a backup at " + target + ": " + why(e));
        }
        try {
            Head head = copy(source, tmp);
            WorkspaceDatabase.useRollbackJournal(tmp);
            long events = verify(source, tmp, head);
            long copied = withAttachments ? copyBlobs(workspaceDir.resolve("attachments"), attachmentsTarget) : 0;
            BlobStore.move(tmp, target);
            return new Report(target.toString(), Files.size(target), events, head.hash(), copied);
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "backup to " + target + " failed: " + e.getMessage(), Map.of("path", target.toString()), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The copy, from one read snapshot of the source; returns the head of that snapshot. */
    private static Head copy(Db source, Path tmp) {
        source.execute("BEGIN");
        try {
            Head head = source.one(HEAD, rs -> new Head(rs.getLong(1), rs.getString(2))).orElse(new Head(0, null));
            source.backupTo(tmp);
            return head;
        } finally {
            source.execute("COMMIT");
        }
    }

    /** {@code quick_check} of the copy, and its head is the source's event at that seq; returns the copy's event count. */
    private static long verify(Db source, Path tmp, Head expected) {
        try (Db copy = WorkspaceDatabase.openReadOnly(tmp)) {
            String check = copy.string("PRAGMA quick_check");
            Head head = copy.one(HEAD, rs -> new Head(rs.getLong(1), rs.getString(2))).orElse(new Head(0, null));
            String atSource = head.seq() == 0 ? null : source.string(HASH_AT, head.seq());
            if (!"ok".equals(check) || !java.util.Objects.equals(head.hash(), atSource) || head.seq() < expected.seq()) {
                throw new BacklogException(ErrorCode.CHECK_FAILED, "the backup copy failed verification (quick_check: " + check
                        + ", head seq " + head.seq() + ")", Map.of("quick_check", String.valueOf(check), "head_seq", head.seq()));
            }
            return copy.count(EVENTS);
        }
    }

    /** Copies the blob store into a temporary directory, then renames it to {@code target}; returns the files copied. */
    private static long copyBlobs(Path store, Path target) throws IOException {
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        long files = 0;
        try {
            if (Files.isDirectory(store)) {
                try (Stream<Path> all = Files.walk(store)) {
                    for (Path p : (Iterable<Path>) all::iterator) {
                        Path to = tmp.resolve(store.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(to);
                        } else if (Files.isRegularFile(p) && !p.getFileName().toString().endsWith(".tmp")) {
                            Files.copy(p, to);
                            files++;
                        }
                    }
                }
            }
            deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            return files;
        } catch (IOException | RuntimeException e) {
            deleteTree(tmp);
            throw e;
        }
    }

    /** What went wrong with a path, in words (no exception class names in user-facing messages). */
    private static String why(IOException e) {
        String file = e instanceof java.nio.file.FileSystemException f && f.getFile() != null ? f.getFile() : "the target";
        return switch (e) {
            case java.nio.file.FileAlreadyExistsException x -> file + " exists and is not a directory";
            case java.nio.file.NoSuchFileException x -> file + " does not exist";
            case java.nio.file.AccessDeniedException x -> "permission denied on " + file;
            case java.nio.file.FileSystemException x when x.getReason() != null -> file + ": " + x.getReason();
            default -> "the file system refused it";
        };
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(Backup::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file; the backup itself is complete or reported as failed
        }
    }
}
