package dev.backlog.cli;

import dev.backlog.cli.boot.NativeLib;
import dev.backlog.cli.boot.Timing;
import dev.backlog.cli.boot.Training;
import dev.backlog.cli.daemon.Daemon;
import dev.backlog.cli.daemon.Request;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one entry point of the executable jar. Wires the command tree by hand (a factory passing the {@link App}
 * to every command), maps every failure to the §2.6 error shape and exit status, and never prints a stack trace
 * unless {@code BACKLOG_DEBUG=1}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Timing.mark("main");
        NativeLib.prepare();
        Timing.mark("native library ready");
        if (args.length == 2 && args[0].equals("__daemon")) {
            System.exit(Daemon.serve(Path.of(args[1]), System.getenv(), new DaemonCalls()));
        }
        if (args.length > 0 && args[0].equals("__train")) {
            Path cwd = Path.of(System.getProperty("user.dir"));
            Training.run(a -> run(a, System.getenv(), cwd, discard(), discard()));
            return; // a normal exit lets the JVM write the AOT cache / CDS archive
        }
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int status = run(args, System.getenv(), Path.of(System.getProperty("user.dir")), out, err);
        out.flush();
        Timing.mark("done");
        err.flush();
        System.exit(status);
    }

    /** Runs one CLI invocation in this JVM; used by {@link #main}, the tests and the AOT training run. */
    public static int run(String[] args, Map<String, String> env, Path cwd, PrintStream out, PrintStream err) {
        return run(args, env, cwd, System.in, out, err);
    }

    /**
     * Commands the resident daemon never runs (the launcher keeps them in-process too): servers, which need their
     * own process, stdin and signals, the doctor's whole-log replays, which want the server JIT flags, and the
     * commands that manage the daemon itself.
     */
    static final java.util.Set<String> IN_PROCESS_ONLY = java.util.Set.of("web", "mcp", "doctor", "daemon", "__train", "__daemon");

    /** How the resident daemon runs a call: the same {@link #run} as a process, with the caller's context. */
    private static final class DaemonCalls implements Daemon.Handler {
        @Override
        public boolean accepts(String[] args) {
            String top = commandWords(args)[0];
            return top == null || !IN_PROCESS_ONLY.contains(top);
        }

        @Override
        public void warmUp() {
            Training.warmUp((args, home) -> {
                Map<String, String> env = Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                        "USER", "warmup");
                Main.run(args, env, home, InputStream.nullInputStream(), discard(), discard());
            });
        }

        @Override
        public int run(Request r, PrintStream out, PrintStream err) {
            InputStream in = r.stdin() == null ? InputStream.nullInputStream() : new ByteArrayInputStream(r.stdin());
            return Main.run(r.args(), r.env(), r.cwd(), in, out, err);
        }
    }

    /** Runs one CLI invocation in this JVM, with {@code in} as its stdin. */
    public static int run(String[] args, Map<String, String> env, Path cwd, InputStream in, PrintStream out, PrintStream err) {
        boolean json = Arrays.asList(args).contains("--json");
        App app = new App(env, cwd, in, out, err);
        try {
            Factory factory = new Factory(app);
            CommandLine cl = new CommandLine(app, factory);
            Timing.mark("root command");
            CommandTree.build(cl, factory, commandWords(args));
            cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
            cl.setCaseInsensitiveEnumValuesAllowed(true);
            cl.setExecutionStrategy(pr -> execute(pr, app, json));
            cl.setParameterExceptionHandler((ex, a) -> usageError(ex, err, json));
            cl.setExecutionExceptionHandler((ex, c, pr) -> failure(ex, c, err, json, env));
            Timing.mark("command tree built");
            return cl.execute(args);
        } catch (RuntimeException | Error e) {
            return failure(e, null, err, json, env);
        } finally {
            app.close();
            out.flush();
        }
    }

    /** The first two words that are not options or global option values: the command path an invocation names. */
    static String[] commandWords(String[] args) {
        String[] words = new String[2];
        int n = 0;
        for (int i = 0; i < args.length && n < 2; i++) {
            String a = args[i];
            if (a.equals("--db") || a.equals("--profile") || a.equals("--as")) {
                i++;
            } else if (!a.startsWith("-")) {
                words[n++] = a;
            } else if (n == 1) {
                break; // options of the group itself: no subcommand word follows reliably
            }
        }
        return words;
    }

    private static int execute(ParseResult parsed, App app, boolean json) {
        for (ParseResult pr = parsed; pr != null; pr = pr.subcommand()) {
            if (pr.isUsageHelpRequested()) {
                CommandLine target = pr.commandSpec().commandLine();
                String text = target.getUsageMessage(CommandLine.Help.Ansi.OFF);
                app.out.print(json ? Output.json(new HelpCommand.Usage(pr.commandSpec().qualifiedName(), text)) : text);
                return 0;
            }
            if (pr.isVersionHelpRequested()) {
                app.out.print(json ? Output.json(Map.of("version", VersionCommand.VERSION)) : "backlog " + VersionCommand.VERSION + "\n");
                return 0;
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int usageError(ParameterException ex, PrintStream err, boolean json) {
        String message = ex.getMessage();
        Map<String, Object> details = new LinkedHashMap<>();
        ErrorCode code = ErrorCode.USAGE;
        if (message != null && message.startsWith("Invalid value for")) {
            code = ErrorCode.INVALID_ARGUMENT;
            details.put("field", ex.getArgSpec() == null ? null : ex.getArgSpec().paramLabel());
            details.put("value", ex.getValue());
        } else if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            details.put("argument", u.getUnmatched().get(0));
        } else if (ex.getArgSpec() != null) {
            details.put("argument", ex.getArgSpec().isOption()
                    ? ((CommandLine.Model.OptionSpec) ex.getArgSpec()).longestName() : ex.getArgSpec().paramLabel());
        } else {
            details.put("argument", null);
        }
        String command = ex.getCommandLine() == null ? "backlog" : ex.getCommandLine().getCommandSpec().qualifiedName(" ");
        Output.error(err, new BacklogException(code, message, details), json, code == ErrorCode.USAGE ? command : null);
        return 2;
    }

    private static int failure(Throwable ex, CommandLine where, PrintStream err, boolean json, Map<String, String> env) {
        if (ex instanceof ParameterException pe) {
            return usageError(pe, err, json);
        }
        BacklogException be;
        if (ex instanceof BacklogException b) {
            be = b;
        } else {
            String what = ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
            be = new BacklogException(ErrorCode.INTERNAL, "internal error: " + what, Map.of(), ex);
        }
        if ("1".equals(env.get("BACKLOG_DEBUG"))) {
            ex.printStackTrace(err);
        }
        String hint = null;
        if (be.code() == ErrorCode.USAGE && where != null) {
            hint = where.getCommandSpec().qualifiedName(" ");
        }
        Output.error(err, be, json, hint);
        int status = be.code().exitStatus();
        return status == 0 ? 1 : status;
    }

    /** Creates command objects by hand, passing the shared {@link App}; no classpath scanning, no container. */
    private record Factory(App app) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) {
            try {
                return construct(cls);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create command " + cls.getName(), e);
            }
        }

        private <K> K construct(Class<K> cls) throws ReflectiveOperationException {
            for (Constructor<?> c : cls.getDeclaredConstructors()) {
                Class<?>[] p = c.getParameterTypes();
                if (p.length == 1 && p[0] == App.class) {
                    c.setAccessible(true);
                    return cls.cast(c.newInstance(app));
                }
            }
            try {
                return CommandLine.defaultFactory().create(cls);
            } catch (Exception e) {
                throw new ReflectiveOperationException(e);
            }
        }
    }

    /** An output stream that discards everything (training runs). */
    static PrintStream discard() {
        return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    }
}
