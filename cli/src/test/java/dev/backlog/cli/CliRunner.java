package dev.backlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.projector.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs CLI invocations in this JVM against a workspace directory, with a controlled environment (no user config:
 * {@code HOME} and {@code XDG_CONFIG_HOME} point into the test directory). Each call is a fresh {@link Main#run}.
 */
public final class CliRunner {
    /** What one invocation produced. */
    public record Result(int exit, String out, String err) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(out);
            } catch (Exception e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        public JsonNode errorJson() {
            try {
                return Json.MAPPER.readTree(err).get("error");
            } catch (Exception e) {
                throw new AssertionError("stderr is not a JSON error: " + err, e);
            }
        }
    }

    private final Path cwd;
    private final Map<String, String> env = new HashMap<>();

    public CliRunner(Path cwd) {
        this.cwd = cwd;
        env.put("HOME", cwd.resolve(".home").toString());
        env.put("XDG_CONFIG_HOME", cwd.resolve(".home/.config").toString());
        env.put("USER", "tester");
    }

    public CliRunner env(String key, String value) {
        if (value == null) {
            env.remove(key);
        } else {
            env.put(key, value);
        }
        return this;
    }

    public Path cwd() {
        return cwd;
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            exit = Main.run(args, Map.copyOf(env), cwd, o, e);
        }
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs with {@code --json}, asserting exit 0, and returns the document. */
    public JsonNode json(String... args) {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--json";
        Result r = run(all);
        if (r.exit() != 0) {
            throw new AssertionError("exit " + r.exit() + " for " + String.join(" ", args) + "\nstderr: " + r.err());
        }
        return r.json();
    }
}
