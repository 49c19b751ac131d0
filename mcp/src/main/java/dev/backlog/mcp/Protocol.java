package dev.backlog.mcp;

import java.util.List;

/** The MCP revisions this dual-era server speaks (SPEC §10) and what each one changes for us. */
final class Protocol {
    /** The stateless revision: requests carry their version in {@code _meta}, no handshake. */
    static final String MODERN = "2026-07-28";
    /** Handshake revisions, newest first; the first is the answer to an unknown requested version. */
    static final List<String> LEGACY = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final List<String> SUPPORTED = List.of(MODERN, "2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    static final String META_VERSION = "io.modelcontextprotocol/protocolVersion";

    private Protocol() {
    }

    /** The version {@code initialize} agrees: the client's if we speak it, else our newest handshake revision. */
    static String negotiate(String requested) {
        return LEGACY.contains(requested) ? requested : LEGACY.get(0);
    }

    /** {@code outputSchema} and {@code structuredContent} validation arrived in 2025-06-18 (dates sort as text). */
    static boolean structuredOutput(String version) {
        return version.compareTo("2025-06-18") >= 0;
    }

    /** JSON-RPC batches exist only in 2025-03-26; 2025-06-18 removed them again. */
    static boolean batches(String version) {
        return "2025-03-26".equals(version);
    }
}
