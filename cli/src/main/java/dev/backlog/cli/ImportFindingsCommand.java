package dev.backlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.commands.FindingsImport;
import dev.backlog.commands.FindingsImport.Report;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backlog import-findings FILE} (SPEC §6.4): scanner or agent findings become tasks, deduplicated. */
@Command(name = "import-findings", description = "Create tasks from a findings file (scanner or agent output), skipping known ones")
final class ImportFindingsCommand extends Base {
    @Parameters(paramLabel = "FILE", description = "{\"version\":1, \"project\", \"source\", \"items\":[…]}") String file;
    @Option(names = {"-p", "--project"}) String project;
    @Option(names = "--dry-run", description = "Validate and report what would be created; write nothing") boolean dryRun;
    @Option(names = "--skip-invalid", description = "Import the valid items and list the invalid ones") boolean skipInvalid;

    ImportFindingsCommand(App app) {
        super(app);
    }

    @Override
    int run() {
        Report r = new FindingsImport(commands(), s().db()).run(read(), project, s().defaultProject(), dryRun, skipInvalid);
        return print(r, null, () -> text(r));
    }

    private JsonNode read() {
        Path p = app.cwd.resolve(file);
        try {
            long size = java.nio.file.Files.isRegularFile(p) ? java.nio.file.Files.size(p) : 0;
            if (size > FindingsImport.MAX_FILE_BYTES) {
                throw new BacklogException(ErrorCode.PAYLOAD_TOO_LARGE, file + " is " + size + " bytes; a findings file holds at most "
                        + FindingsImport.MAX_FILE_BYTES, Map.of("field", "file", "limit", FindingsImport.MAX_FILE_BYTES, "actual", size));
            }
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.FILE_NOT_FOUND, "cannot read " + file + ": " + e.getMessage(), Map.of("path", file));
        }
        String text = Files.text(app, file);
        try {
            return Json.MAPPER.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw BacklogException.invalid("file", file, file + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    static String text(Report r) {
        StringBuilder sb = new StringBuilder(r.dryRun() ? "[dry-run] " : "");
        sb.append(count(r.tasksCreated(), "task")).append(" · ").append(count(r.plansCreated(), "plan")).append(" · ")
                .append(r.skippedDuplicates().size()).append(" skipped · ").append(count(r.errors().size(), "error")).append('\n');
        if (!r.created().isEmpty()) {
            sb.append(r.dryRun() ? "would create: " : "created: ").append(String.join(", ", r.created())).append('\n');
        }
        for (FindingsImport.Skipped s : r.skippedDuplicates()) {
            sb.append("skipped item ").append(s.index()).append(" (").append(s.externalRef()).append("): already ").append(s.ref()).append('\n');
        }
        for (FindingsImport.ItemError e : r.errors()) {
            sb.append("invalid item ").append(e.index()).append(e.title() == null ? "" : " \"" + e.title() + "\"").append(": ")
                    .append(e.code()).append(e.field() == null ? "" : " (" + e.field() + ")").append(": ").append(e.message()).append('\n');
        }
        return sb.toString();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
