package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.query.QueryService;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code backlog export} (SPEC §12.6): to stdout, or to {@code -o PATH} through a temporary file renamed into place,
 * so a reader never sees half an export and a failed export leaves nothing behind.
 */
@Command(name = "export", description = "Export the workspace or a project as JSON (re-importable), CSV or Markdown")
final class ExportCommand extends Base {
    /** What {@code export -o PATH --json} prints (SPEC §14). */
    record Written(String path, String format, long bytes) {}

    @Option(names = "--format", paramLabel = "json|csv|md") String format;
    @Option(names = {"-p", "--project"}) String project;
    @Option(names = "--include-archived") boolean includeArchived;
    @Option(names = "--with-attachments", description = "Embed attachment bytes (JSON only)") boolean withAttachments;
    @Option(names = {"-o", "--out"}, paramLabel = "PATH") String outPath;
    @Option(names = "--force", description = "Replace an existing -o file") boolean force;

    ExportCommand(App app) {
        super(app);
    }

    @Override
    int run() {
        String f = QueryService.exportFormat(format);
        if (outPath == null) {
            queries().export(f, project, includeArchived, withAttachments, app.out);
            app.out.flush();
            return 0;
        }
        Path target = app.cwd.resolve(outPath).toAbsolutePath().normalize();
        if (java.nio.file.Files.exists(target) && !force) {
            throw new BacklogException(ErrorCode.TARGET_EXISTS, target + " exists: pass --force to replace it", Map.of("path", target.toString()));
        }
        Path dir = target.getParent();
        Path tmp = null;
        try {
            java.nio.file.Files.createDirectories(dir);
            tmp = java.nio.file.Files.createTempFile(dir, ".export-", ".tmp");
            try (OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(tmp))) {
                queries().export(f, project, includeArchived, withAttachments, out);
            }
            long bytes = java.nio.file.Files.size(tmp);
            try {
                java.nio.file.Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                java.nio.file.Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            Written w = new Written(target.toString(), f, bytes);
            return print(w, "Exported " + f + " to " + target + " (" + bytes + " bytes)", null);
        } catch (IOException | UncheckedIOException e) {
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "cannot write " + target + ": " + e.getMessage(),
                    Map.of("field", "out", "value", outPath));
        } finally {
            if (tmp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: a stray temp file is named .export-*.tmp
                }
            }
        }
    }
}
