package dev.backlog.cli.boot;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.function.Function;

/**
 * The training workload behind the hidden {@code backlog __train} command.
 *
 * <p>The launcher ({@code ./backlog}, see {@code docs/launcher.md}) runs {@code __train} once after each build
 * under {@code -XX:AOTCacheOutput} (JDK 25+) or {@code -XX:ArchiveClassesAtExit} (JDK 21-24). Every class the
 * run loads, and on JDK 25 every class it links and every method profile it collects, goes into the cache that
 * later CLI calls map at start-up. So the workload below should touch what real calls touch: picocli parsing,
 * opening and migrating a workspace, writes, reads, JSON and text rendering, the error path and help.
 *
 * <p>All work happens in a fresh temporary directory, deleted at the end. Results and exceptions are ignored:
 * a command that fails still loads the classes it got to, and a broken training must never break the build.
 */
public final class Training {

    private Training() {}

    /**
     * Runs the training calls through {@code dispatch}, which must run one CLI invocation in-process with
     * stdout and stderr discarded and return its exit code (it must not call {@code System.exit}).
     */
    public static void run(Function<String[], Integer> dispatch) {
        Path dir;
        try {
            dir = Files.createTempDirectory("backlog-train-");
        } catch (IOException | RuntimeException e) {
            return;
        }
        try {
            for (String[] args : calls(dir.toString())) {
                try {
                    dispatch.apply(args);
                } catch (Throwable ignored) {
                    // The classes loaded up to the failure are what training is for.
                }
            }
            mcpSession(dispatch, dir.toString());
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * The CLI calls of the training workload (no MCP session) in a fresh temporary directory, deleted after:
     * how the resident daemon warms its JIT up before it takes calls. {@code dispatch} gets the calls and the
     * directory (to point {@code HOME} into it, so no user file is read or written).
     */
    public static void warmUp(java.util.function.BiConsumer<String[], Path> dispatch) {
        Path dir;
        try {
            dir = Files.createTempDirectory("backlog-warmup-");
        } catch (IOException | RuntimeException e) {
            return;
        }
        try {
            for (int round = 0; round < 2; round++) {
                Path ws = dir.resolve("ws" + round);
                for (String[] args : calls(ws.toString())) {
                    try {
                        dispatch.accept(args, dir);
                    } catch (RuntimeException ignored) {
                        // warm-up only
                    }
                }
            }
        } finally {
            deleteTree(dir);
        }
    }

    /** The representative invocations, in order; later ones rely on the workspace the earlier ones built. */
    static List<String[]> calls(String db) {
        return List.of(
                a("init", db, "--json"),
                a("--db", db, "project", "add", "Demo", "--alias", "demo", "--as", "ai:train", "--json"),
                a("--db", db, "task", "add", "-p", "demo", "-t", "Train one", "--label", "x", "--json"),
                a("--db", db, "task", "add", "-p", "demo", "-t", "Train two", "--label", "y"),
                a("--db", db, "task", "add", "-p", "demo", "-t", "Train three", "--json"),
                a("--db", db, "project", "list", "--json"),
                a("--db", db, "task", "list", "--ready"),
                a("--db", db, "task", "list", "--ready", "--json"),
                a("--db", db, "task", "list", "--json"),
                a("--db", db, "task", "show", "1"),
                a("--db", db, "task", "show", "1", "--json"),
                a("--db", db, "task", "claim", "1", "--as", "ai:a"),
                a("--db", db, "task", "claim", "2", "--as", "ai:b", "--json"),
                a("--db", db, "task", "next", "--claim", "--as", "ai:c", "--json"),
                a("--db", db, "task", "next", "--claim"),
                a("--db", db, "task", "move", "2", "done"),
                a("--db", db, "task", "move", "1", "done", "--json"),
                a("--db", db, "task", "history", "1", "--json"),
                a("--db", db, "task", "history", "1"),
                a("--db", db, "activity", "--json"),
                a("--db", db, "activity"),
                a("--db", db, "task", "show", "1", "--at", "3", "--json"),
                a("--db", db, "task", "show", "999", "--json"),
                a("--db", db, "task", "show", "999"),
                a("--db", db, "version", "--json"),
                a("--help"),
                a("task", "--help"));
    }

    /** A short MCP conversation on stdin, so {@code backlog mcp serve} also starts from the cache. */
    private static void mcpSession(Function<String[], Integer> dispatch, String db) {
        String script = String.join("\n",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"task_add\",\"arguments\":{\"project\":\"demo\",\"title\":\"M\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"task_list\",\"arguments\":{\"project\":\"demo\"}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":\"task_claim\",\"arguments\":{\"ref\":\"1\"}}}",
                "");
        java.io.InputStream stdin = System.in;
        try {
            System.setIn(new java.io.ByteArrayInputStream(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            dispatch.apply(a("--db", db, "mcp", "serve", "--as", "ai:train"));
        } catch (Throwable ignored) {
            // as above
        } finally {
            System.setIn(stdin);
        }
    }

    private static String[] a(String... args) {
        return args;
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // A leftover temp directory is harmless.
        }
    }
}
