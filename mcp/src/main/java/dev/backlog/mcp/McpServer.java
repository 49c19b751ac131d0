package dev.backlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.backlog.projector.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * {@code backlog mcp serve}: newline-delimited JSON-RPC 2.0 over stdio (SPEC §10). Requests are answered one at a
 * time, in order, each response flushed as one line; diagnostics go to {@code log}, never to {@code out}. Returns
 * when the input ends. The caller should point {@code System.out} at stderr first, so that nothing a library prints
 * can corrupt the protocol stream.
 */
public final class McpServer {
    /** The longest message accepted (SPEC §13); longer lines are answered with -32600 and skipped. */
    public static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private final Dispatcher dispatcher;
    private final PrintStream log;

    public McpServer(McpWorkspace workspace, PrintStream log) {
        this.dispatcher = new Dispatcher(workspace, log);
        this.log = log;
    }

    /** Serves until end of input; returns the exit status (0, also when the client went away mid-write). */
    public int serve(InputStream in, OutputStream out) {
        LineReader lines = new LineReader(in, MAX_LINE_BYTES);
        try {
            for (byte[] line = lines.next(); line != null; line = lines.next()) {
                JsonNode response = line == LineReader.TOO_LONG
                        ? Dispatcher.error(NullNode.instance, RpcException.INVALID_REQUEST, "Invalid Request: message longer than 4 MiB", null)
                        : dispatcher.handle(line);
                if (response != null) {
                    out.write(Json.MAPPER.writeValueAsBytes(response));
                    out.write('\n');
                    out.flush();
                }
            }
        } catch (IOException e) {
            log.println("backlog mcp: stdio closed: " + e.getMessage());
        }
        return 0;
    }
}
