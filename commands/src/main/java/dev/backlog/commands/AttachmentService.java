package dev.backlog.commands;

import dev.backlog.commands.CommandService.Written;
import dev.backlog.model.Actor;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.Limits;
import dev.backlog.model.event.EventPayload.AttachmentAdded;
import dev.backlog.model.event.EventPayload.AttachmentRemoved;
import dev.backlog.model.event.NewEvent;
import dev.backlog.model.event.Stream;
import dev.backlog.projector.ContextLookup;
import dev.backlog.projector.Db;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Attachment writes (SPEC §3.7, §12.8), shared by CLI, HTTP and MCP. {@link #add} checks everything it can before
 * touching anything, stores the bytes in the {@link BlobStore} outside the write lock, then appends
 * {@code AttachmentAdded} in one write transaction. Blobs are never deleted. Not thread-safe: one per connection.
 */
public final class AttachmentService {
    private static final String TASK_NUMBER = "SELECT number FROM tasks WHERE task_id = ?";
    private final WriteContext ctx;
    private final Db db;
    private final ContextLookup docs;

    public AttachmentService(Db db, Settings settings, Clock clock, Actor actor) {
        this.ctx = new WriteContext(db, settings, clock, actor);
        this.db = db;
        this.docs = new ContextLookup(db);
    }

    /**
     * Attaches a copy of {@code file} to a task ({@code taskRef}) or a doc ({@code docId}): exactly one is given
     * ({@code USAGE} otherwise) and it must exist. {@code name} (default: the file's name) is sanitised (§12.8); the
     * MIME type comes from its extension. A file over {@code limits.attachment_max_bytes} is
     * {@code PAYLOAD_TOO_LARGE}; a missing one {@code FILE_NOT_FOUND}; in both cases nothing is written.
     *
     * @return the new attachment ({@code ref} is the task's ref for task targets, else {@code null})
     */
    public Written add(Path file, String taskRef, String docId, String name) {
        if ((taskRef == null) == (docId == null)) {
            throw new BacklogException(ErrorCode.USAGE, taskRef == null ? "missing target: give --task REF or --doc ID"
                    : "give either --task or --doc, not both", Map.of("argument", "--task"));
        }
        if (name != null && name.isBlank()) {
            throw BacklogException.invalid("name", name, "attachment name must not be empty");
        }
        if (file == null || !Files.isRegularFile(file) || !Files.isReadable(file)) {
            String path = String.valueOf(file);
            throw new BacklogException(ErrorCode.FILE_NOT_FOUND, "no such file: " + path, Map.of("path", path));
        }
        long limit = ctx.settings.attachmentMaxBytes();
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.FILE_NOT_FOUND, "cannot read " + file + ": " + e.getMessage(),
                    Map.of("path", file.toString()));
        }
        if (size > limit) {
            throw Limits.tooLarge("file", limit, size);
        }
        String stored = FileNames.sanitise(name != null ? name : String.valueOf(file.getFileName()));
        target(taskRef, docId);
        BlobStore.Blob blob = BlobStore.of(db).put(file, limit);
        return ctx.write(() -> {
            Target t = target(taskRef, docId);
            String id = Ids.next();
            var events = ctx.append(new NewEvent(Stream.of("attachment", id), 0,
                    new AttachmentAdded(id, t.kind(), t.id(), stored, MimeTypes.of(stored), blob.size(), blob.sha256())));
            return new Written("attachment", id, t.ref(), events);
        });
    }

    /** Removes an attachment by id or unique prefix ({@code AttachmentRemoved}); its blob stays (§12.8). */
    public Written remove(String id) {
        return ctx.write(() -> {
            String attachmentId = ctx.lookup.attachment(id);
            String stream = Stream.of("attachment", attachmentId);
            return new Written("attachment", attachmentId, null,
                    ctx.append(new NewEvent(stream, ctx.store.version(stream), new AttachmentRemoved())));
        });
    }

    private record Target(String kind, String id, String ref) {}

    private Target target(String taskRef, String docId) {
        if (taskRef != null) {
            String id = ctx.lookup.task(taskRef);
            return new Target("task", id, "TASK-" + db.count(TASK_NUMBER, id));
        }
        return new Target("doc", docs.doc(docId), null);
    }
}
