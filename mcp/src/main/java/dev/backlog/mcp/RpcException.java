package dev.backlog.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/** A JSON-RPC protocol error (not a tool failure: those are {@code isError} results). */
final class RpcException extends RuntimeException {
    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    static final int RESOURCE_NOT_FOUND = -32002;
    static final int UNSUPPORTED_VERSION = -32022;

    final int code;
    final transient JsonNode data;

    RpcException(int code, String message, JsonNode data) {
        super(message, null, false, false);
        this.code = code;
        this.data = data;
    }

    RpcException(int code, String message) {
        this(code, message, null);
    }
}
