package dev.backlog.cli;

import dev.backlog.commands.Backup;
import dev.backlog.commands.Rebuild;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.projector.Json;
import dev.backlog.query.Inputs;
import dev.backlog.query.Views.LintIssue;
import dev.backlog.query.Views.LintReport;
import java.util.List;
import java.util.Map;
import dev.backlog.query.Views.Check;
import dev.backlog.query.Views.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backlog doctor …} (SPEC §12.1, §12.2, §12.4). */
@Command(name = "doctor", description = "Check and repair the workspace")
final class DoctorCommands extends Group {
    DoctorCommands(App app) {
        super(app);
    }

    @Command(name = "check", description = "Run every consistency check")
    static final class CheckCmd extends Base {
        @Option(names = "--quick", description = "Only integrity, schema and event chain") boolean quick;

        CheckCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            CheckReport r = queries().check(quick);
            return print(r, null, () -> {
                StringBuilder sb = new StringBuilder();
                for (Check c : r.checks()) {
                    sb.append(c.ok() ? "✓ " : "✗ ").append(c.name()).append(": ").append(c.detail()).append('\n');
                }
                return sb.toString();
            });
        }
    }

    @Command(name = "rebuild", description = "Replay every event into fresh projections and compare")
    static final class RebuildCmd extends Base {
        @Option(names = "--dry-run", description = "Build into a scratch database; change nothing") boolean dryRun;

        RebuildCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            Rebuild.Report r = Rebuild.run(s().db(), dryRun);
            String line = (r.identical() ? "Projections identical" : "Projections differed (" + r.differences().size() + " shown)")
                    + " after replaying " + r.eventsReplayed() + " events in " + r.durationMs() + " ms" + (r.applied() ? "" : " (dry run)");
            return print(r, line, null);
        }
    }

    @Command(name = "backup", description = "Copy the workspace database (online, verified) to backups/ or --to PATH")
    static final class BackupCmd extends Base {
        @Option(names = "--to", paramLabel = "PATH", description = "Target file (default backups/backlog-<UTC time>.db in the workspace)")
        String to;
        @Option(names = "--force", description = "Replace an existing target") boolean force;
        @Option(names = "--with-attachments", description = "Also copy the attachment store to <target>.attachments/") boolean withAttachments;

        BackupCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            Session s = s();
            java.nio.file.Path target = to == null ? Backup.defaultTarget(s.workspaceDir(), s.clock.instant())
                    : app.cwd.resolve(to).toAbsolutePath().normalize();
            Backup.Report r = Backup.run(s.db(), s.workspaceDir(), target, force, withAttachments);
            return print(r, "Backed up " + r.events() + " events to " + r.path() + " (" + r.bytes() + " bytes, head " + r.headHash()
                    + (withAttachments ? ", " + r.attachmentsCopied() + " attachment files" : "") + ")", null);
        }
    }

    @Command(name = "project", description = "Lint a project: stale work, expired claims, missing plans and completion comments")
    static final class ProjectCmd extends Base {
        private static final List<String> LEVELS = List.of("error", "warning", "info");
        @Option(names = {"-p", "--project"}) String project;
        @Option(names = "--stale-after", paramLabel = "D", description = "Age that makes work stale (default 7d)") String staleAfter;
        @Option(names = "--limit", description = "Issues listed (default 100, 0 = all)") String limit;
        @Option(names = "--fail-on", paramLabel = "LEVEL", description = "Exit 1 (CHECK_FAILED) on an issue this severe: warning or error")
        String failOn;

        ProjectCmd(App app) {
            super(app);
        }

        @Override
        int run() {
            if (failOn != null && !failOn.equals("warning") && !failOn.equals("error")) {
                throw BacklogException.invalid("fail_on", failOn, List.of("warning", "error"), "invalid --fail-on '" + failOn + "'");
            }
            LintReport r = queries().projectLint(s().projectTarget(project), staleAfter == null ? "7d" : staleAfter,
                    Inputs.limit("limit", limit, 100, Integer.MAX_VALUE));
            if (failOn != null && failed(r, failOn)) {
                @SuppressWarnings("unchecked")
                Map<String, Object> details = Json.MAPPER.convertValue(r, Map.class);
                throw new BacklogException(ErrorCode.CHECK_FAILED, "project " + r.project() + " has issues at or above " + failOn, details);
            }
            return print(r, null, () -> {
                StringBuilder sb = new StringBuilder();
                for (LintIssue i : r.issues()) {
                    sb.append("- [").append(i.severity().toUpperCase(java.util.Locale.ROOT)).append("] ")
                            .append(i.ref() == null ? "-" : i.ref()).append(' ').append(i.code()).append(": ").append(i.detail()).append('\n');
                }
                sb.append(r.totalDetected() == 0 ? "No issues in " + r.project() : r.issueCount() + " of " + r.totalDetected() + " issues shown")
                        .append('\n');
                return sb.toString();
            });
        }

        /** Whether an issue at least as severe as {@code level} was detected; the lint is re-run without a limit when cut. */
        private boolean failed(LintReport r, String level) {
            LintReport all = r.truncated() ? queries().projectLint(r.project(), r.staleAfter(), 0) : r;
            int worst = LEVELS.indexOf(level);
            return all.issues().stream().anyMatch(i -> LEVELS.indexOf(i.severity()) <= worst);
        }
    }
}
