package dev.backlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.ProjectSync;
import dev.backlog.commands.ProjectSync.Report;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Json;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backlog sync} (SPEC §12.7): create the projects of {@code backlog.json} that the workspace lacks. */
@Command(name = "sync", description = "Create the projects listed in backlog.json that are missing; never change or delete any")
final class SyncCommand extends Base {
    @Option(names = "--file", paramLabel = "PATH", description = "Manifest (default backlog.json next to backlog.db)") String file;
    @Option(names = "--dry-run", description = "Report what would be added; write nothing") boolean dryRun;

    SyncCommand(App app) {
        super(app);
    }

    @Override
    int run() {
        Session s = s();
        Path manifest = file == null ? s.workspaceDir().resolve("backlog.json") : app.cwd.resolve(file);
        Report r;
        if (!java.nio.file.Files.isRegularFile(manifest)) {
            if (file != null) {
                throw new BacklogException(ErrorCode.FILE_NOT_FOUND, "no such file: " + file, Map.of("path", file));
            }
            r = Report.NOTHING; // no manifest next to the database: nothing to do
        } else {
            r = new ProjectSync(commands(), s.db()).run(parse(manifest.toString()), dryRun);
        }
        return print(r, null, () -> text(r, dryRun));
    }

    private JsonNode parse(String path) {
        String text = Files.text(app, path);
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BacklogException.invalid("file", path, path + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(Report r, boolean dryRun) {
        StringBuilder sb = new StringBuilder(dryRun ? "[dry-run] " : "");
        sb.append(r.added().size()).append(dryRun ? " to add" : " added");
        if (!r.added().isEmpty()) {
            sb.append(" (").append(String.join(", ", r.added())).append(')');
        }
        sb.append(" · ").append(r.existing().size()).append(" existing · ").append(r.differs().size()).append(" differ\n");
        for (ProjectSync.Differs d : r.differs()) {
            sb.append(d.alias()).append(" differs from backlog.json in ").append(String.join(", ", d.fields())).append(" (left unchanged)\n");
        }
        return sb.toString();
    }
}
