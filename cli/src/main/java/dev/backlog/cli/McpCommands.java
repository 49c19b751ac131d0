package dev.backlog.cli;

import dev.backlog.mcp.McpServer;
import dev.backlog.mcp.McpWorkspace;
import dev.backlog.model.Actor;
import dev.backlog.model.ActorKind;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import picocli.CommandLine.Command;

/** {@code backlog mcp serve} (SPEC §10): the MCP server on stdio for Claude Code, Cursor, Codex and OpenCode. */
@Command(name = "mcp", description = "Model Context Protocol server for coding agents")
final class McpCommands extends Group {
    McpCommands(App app) {
        super(app);
    }

    @Command(name = "serve", description = "Serve MCP over stdio (newline-delimited JSON-RPC) until stdin closes")
    static final class Serve extends Base {
        Serve(App app) {
            super(app);
        }

        @Override
        int run() {
            Session s = s();
            Actor actor = s.actor();
            if (actor.kind() == ActorKind.HUMAN) {
                app.err.println("backlog mcp: warning: serving as " + actor + "; agents should run with --as ai:NAME");
            }
            McpWorkspace ws = new McpWorkspace(commands(), context(), queries(), actor, s.defaultProject(), VersionCommand.VERSION,
                    SchemaCommand.schemas());
            dev.backlog.cli.boot.Timing.mark("mcp workspace resolved");
            OutputStream protocol = app.out;
            if (app.out == System.out) {
                // Only protocol messages may reach stdout: anything a library prints goes to stderr instead.
                protocol = new FileOutputStream(FileDescriptor.out);
                System.setOut(System.err);
            }
            McpServer server = new McpServer(ws, app.err);
            dev.backlog.cli.boot.Timing.mark("mcp server ready");
            return server.serve(System.in, protocol);
        }
    }
}
