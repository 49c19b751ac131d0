package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backlog help [COMMAND...]}: usage of any command; works without a workspace. */
@Command(name = "help", description = "Show usage of a command")
final class HelpCommand extends Base {
    @Spec CommandSpec spec;
    @Parameters(arity = "0..*", paramLabel = "COMMAND") List<String> path;

    HelpCommand(App app) {
        super(app);
    }

    record Usage(String command, String usage) {}

    @Override
    int run() {
        CommandLine target = spec.root().commandLine();
        if (path != null) {
            for (String name : path) {
                CommandLine sub = target.getSubcommands().get(name);
                if (sub == null) {
                    throw new BacklogException(ErrorCode.USAGE, "unknown command '" + String.join(" ", path) + "'",
                            Map.of("argument", name));
                }
                target = sub;
            }
        }
        return usage(this, target);
    }

    /** Prints a command's usage as text or {@code {"command","usage"}}. */
    static int usage(Base base, CommandLine target) {
        String text = target.getUsageMessage(CommandLine.Help.Ansi.OFF);
        return base.print(new Usage(target.getCommandSpec().qualifiedName(), text), null, () -> text);
    }
}
