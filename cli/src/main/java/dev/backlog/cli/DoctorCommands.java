package dev.backlog.cli;

import dev.backlog.commands.Rebuild;
import dev.backlog.query.Views.Check;
import dev.backlog.query.Views.CheckReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code backlog doctor …} (SPEC §12.1, §12.2). */
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
}
