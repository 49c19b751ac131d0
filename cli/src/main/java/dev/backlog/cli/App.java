package dev.backlog.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code backlog} root command: global options (inherited by every subcommand) and the command tree. */
@Command(name = "backlog", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionCommand.Provider.class,
        description = "Local-first task and context manager for humans and AI coding agents.",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:ok", "1:internal error or failed check", "2:invalid input or usage", "3:not found", "4:conflict",
            "5:workspace busy"})
final class App implements Runnable {

    /** Options valid on every command. */
    static final class Globals {
        String db;
        String profile;
        String as;
        boolean json;
        boolean quiet;
        boolean noColor;
    }

    final Globals globals = new Globals();
    final Map<String, String> env;
    final Path cwd;
    /** stdin of this invocation ({@code --from-file -}); the caller's, forwarded, when the daemon runs it. */
    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    private Session session;

    App(Map<String, String> env, Path cwd, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.cwd = cwd;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Option(names = "--db", paramLabel = "PATH", scope = ScopeType.INHERIT, description = "Workspace database or directory")
    void db(String v) {
        globals.db = v;
    }

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT, description = "Workspace registered under NAME")
    void profile(String v) {
        globals.profile = v;
    }

    @Option(names = "--as", paramLabel = "KIND:NAME", scope = ScopeType.INHERIT, description = "Actor signing the writes (human:NAME or ai:NAME)")
    void as(String v) {
        globals.as = v;
    }

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print one JSON document")
    void json(boolean v) {
        globals.json = v;
    }

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Suppress success lines")
    void quiet(boolean v) {
        globals.quiet = v;
    }

    @Option(names = "--no-color", scope = ScopeType.INHERIT, description = "Never colour the output")
    void noColor(boolean v) {
        globals.noColor = v;
    }

    Session session() {
        if (session == null) {
            session = new Session(globals, env, cwd, out, err);
        }
        return session;
    }

    void close() {
        if (session != null) {
            session.close();
        }
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "missing command");
    }
}
