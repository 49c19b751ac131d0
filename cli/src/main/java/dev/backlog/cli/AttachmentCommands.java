package dev.backlog.cli;

import dev.backlog.commands.AttachmentService;
import dev.backlog.commands.CommandService.Written;
import dev.backlog.commands.FileNames;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.query.AttachmentReader;
import dev.backlog.query.Views.AttachmentList;
import dev.backlog.query.Views.AttachmentView;
import dev.backlog.query.Views.Check;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog attachment …} (SPEC §3.7): files linked to a task or a doc, bytes in the workspace's blob store. */
@Command(name = "attachment", aliases = "attach", description = "Attach files to tasks and docs")
final class AttachmentCommands extends Group {
    AttachmentCommands(App app) {
        super(app);
    }

    /** {@code fetch} to a file: the attachment, the absolute path written and its size. */
    record Fetched(AttachmentView attachment, String path, long bytes) {}

    /** {@code fetch --out - --json}: the bytes travel inside the document ({@code path} is {@code null}). */
    record FetchedContent(AttachmentView attachment, String path, long bytes, String contentBase64) {}

    @Command(name = "add", description = "Attach a file to a task or a doc")
    static final class Add extends Base {
        @Parameters(paramLabel = "FILE") String file;
        @Option(names = "--task", paramLabel = "REF", description = "Task to attach to") String task;
        @Option(names = "--doc", paramLabel = "ID", description = "Doc to attach to") String doc;
        @Option(names = "--name", paramLabel = "N", description = "Name to store (default: the file's name)") String name;

        Add(App app) {
            super(app);
        }

        @Override
        int run() {
            Session s = s();
            Written w = new AttachmentService(s.db(), s.settings(), s.clock, s.actor()).add(app.cwd.resolve(file), task, doc, name);
            AttachmentView a = queries().attachment(w.id());
            return print(a, "Attached \"" + a.name() + "\" to " + target(a), () -> block(a));
        }
    }

    @Command(name = "list", description = "Attachments of a task, a doc or a project, newest first")
    static final class ListCmd extends Base {
        @Option(names = "--task", paramLabel = "REF") String task;
        @Option(names = "--doc", paramLabel = "ID") String doc;
        @Option(names = {"-p", "--project"}, paramLabel = "ALIAS") String project;

        ListCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            AttachmentList l = queries().attachments(task, doc, project);
            return print(l, null, () -> table(l));
        }
    }

    @Command(name = "fetch", description = "Write an attachment's bytes to a file or stdout, verified by SHA-256")
    static final class Fetch extends Base {
        @Parameters(paramLabel = "ID") String id;
        @Option(names = "--out", paramLabel = "PATH|-", description = "File, directory or - for stdout (default: its name here)") String out;
        @Option(names = "--force", description = "Replace an existing file") boolean force;

        Fetch(App app) {
            super(app);
        }

        @Override
        int run() {
            AttachmentReader.Content c = queries().attachmentContent(id);
            AttachmentView a = c.attachment();
            if ("-".equals(out)) {
                return s().json() ? printInline(c) : stream(c);
            }
            Path target = destination(a);
            long bytes = write(c, target);
            return print(new Fetched(a, target.toString(), bytes), "Fetched \"" + a.name() + "\" to " + target + " (" + size(bytes) + ")", null);
        }

        /** Where the bytes go: {@code --out} as given, or the sanitised name inside {@code --out DIR} or the current directory. */
        private Path destination(AttachmentView a) {
            Path given = out == null ? app.cwd : app.cwd.resolve(out).toAbsolutePath().normalize();
            if (out == null || Files.isDirectory(given)) {
                Path dir = given.toAbsolutePath().normalize();
                String safe = FileNames.sanitise(a.name());
                Path target = dir.resolve(safe).normalize();
                if (!dir.equals(target.getParent()) || !target.getFileName().toString().equals(safe)) {
                    throw BacklogException.invalid("name", a.name(), "attachment name would be written outside " + dir);
                }
                return target;
            }
            Path parent = given.getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw BacklogException.invalid("out", out, "no such directory: " + parent);
            }
            return given;
        }

        private long write(AttachmentReader.Content c, Path target) {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && (!force || Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS))) {
                throw targetExists(target, Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? " is a directory" : " exists (use --force)");
            }
            Path tmp = null;
            try {
                tmp = Files.createTempFile(target.getParent(), ".backlog-fetch-", ".tmp");
                MessageDigest sha = sha256();
                long n;
                try (InputStream in = Files.newInputStream(c.path());
                     FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                     OutputStream o = Channels.newOutputStream(ch)) {
                    n = copy(in, o, sha);
                    o.flush();
                    ch.force(true);
                }
                verify(c.attachment(), sha);
                if (force) {
                    try {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } else {
                    Files.move(tmp, target);
                }
                tmp = null;
                return n;
            } catch (FileAlreadyExistsException e) {
                throw targetExists(target, " exists (use --force)");
            } catch (IOException e) {
                throw new BacklogException(ErrorCode.INTERNAL, "cannot write " + target + ": " + e.getMessage(),
                        Map.of("path", target.toString()), e);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // the temporary file is hidden and named as ours; leaving it behind harms nothing
                    }
                }
            }
        }

        /** {@code --out -}: the raw bytes on stdout; a mismatch found at the end still fails the command. */
        private int stream(AttachmentReader.Content c) {
            MessageDigest sha = sha256();
            try (InputStream in = Files.newInputStream(c.path())) {
                copy(in, app.out, sha);
            } catch (IOException e) {
                throw new BacklogException(ErrorCode.INTERNAL, "cannot read attachment " + c.attachment().id() + ": " + e.getMessage(), Map.of(), e);
            }
            app.out.flush();
            verify(c.attachment(), sha);
            return 0;
        }

        /** {@code --out - --json}: the metadata and the bytes in base64, checked before anything is printed. */
        private int printInline(AttachmentReader.Content c) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(c.path());
            } catch (IOException e) {
                throw new BacklogException(ErrorCode.INTERNAL, "cannot read attachment " + c.attachment().id() + ": " + e.getMessage(), Map.of(), e);
            }
            MessageDigest sha = sha256();
            sha.update(bytes);
            verify(c.attachment(), sha);
            return print(new FetchedContent(c.attachment(), null, bytes.length, Base64.getEncoder().encodeToString(bytes)), null, null);
        }

        private static BacklogException targetExists(Path target, String why) {
            return new BacklogException(ErrorCode.TARGET_EXISTS, target + why, Map.of("path", target.toString()));
        }
    }

    @Command(name = "delete", description = "Remove an attachment (its bytes stay in the blob store)")
    static final class Delete extends Base {
        @Parameters(paramLabel = "ID") String id;

        Delete(App app) {
            super(app);
        }

        @Override
        int run() {
            Session s = s();
            AttachmentView a = queries().attachment(id);
            Written w = new AttachmentService(s.db(), s.settings(), s.clock, s.actor()).remove(a.id());
            return printResult("delete", "attachment", w.id(), null, "Deleted attachment \"" + a.name() + "\" from " + target(a));
        }
    }

    private static long copy(InputStream in, OutputStream out, MessageDigest sha) throws IOException {
        byte[] buf = new byte[1 << 16];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            sha.update(buf, 0, n);
            out.write(buf, 0, n);
            total += n;
        }
        return total;
    }

    /** {@code CHECK_FAILED} when the bytes just copied do not hash to the attachment's {@code sha256}. */
    private static void verify(AttachmentView a, MessageDigest sha) {
        String actual = HexFormat.of().formatHex(sha.digest());
        if (!actual.equals(a.sha256())) {
            String detail = a.id() + " (" + a.name() + "): blob changed while it was read (hashes to " + actual + ")";
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("checks", List.of(new Check("attachments", false, detail)));
            d.put("id", a.id());
            d.put("sha256", a.sha256());
            throw new BacklogException(ErrorCode.CHECK_FAILED, "attachment " + detail, d);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    static String target(AttachmentView a) {
        return "task".equals(a.target().kind()) ? Text.orDash(a.target().ref()) : "doc \"" + Text.orDash(a.target().title()) + "\"";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    static String block(AttachmentView a) {
        return Text.block(List.of(new String[] {"ID", a.id()}, new String[] {"Name", a.name()}, new String[] {"MIME", a.mimeType()},
                new String[] {"Size", size(a.size()) + (a.size() < 1024 ? "" : " (" + a.size() + " bytes)")},
                new String[] {"SHA-256", a.sha256()}, new String[] {"Target", target(a)}, new String[] {"Creator", a.actor().toString()},
                new String[] {"Created", Text.time(a.createdAt())}));
    }

    static String table(AttachmentList l) {
        if (l.attachments().isEmpty()) {
            return "no attachments\n";
        }
        List<List<String>> rows = new ArrayList<>();
        for (AttachmentView a : l.attachments()) {
            rows.add(List.of(a.id(), Text.truncate(a.name(), 60), a.mimeType(), size(a.size()), target(a), Text.time(a.createdAt())));
        }
        return Text.table(List.of("ID", "NAME", "MIME", "SIZE", "TARGET", "CREATED"), rows);
    }
}
