package dev.backlog.cli;

import dev.backlog.model.BacklogException;
import java.util.List;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code backlog completion bash|zsh}: the completion script on stdout. */
@Command(name = "completion", description = "Print a shell completion script (bash or zsh)")
final class CompletionCommand extends Base {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "SHELL", description = "bash or zsh") String shell;

    CompletionCommand(App app) {
        super(app);
    }

    record Script(String shell, String script) {}

    @Override
    int run() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw BacklogException.invalid("shell", shell, List.of("bash", "zsh"), "unsupported shell '" + shell + "'");
        }
        String script = AutoComplete.bash("backlog", spec.root().commandLine());
        if (shell.equals("zsh")) {
            script = "#compdef backlog\nautoload -U +X bashcompinit && bashcompinit\n" + script;
        }
        String s = script;
        return print(new Script(shell, script), null, () -> s);
    }
}
