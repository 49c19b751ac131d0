package dev.backlog.model;

/**
 * Stable, machine-readable error codes (SPEC §2.6). Names are part of the contract: never rename or reuse one.
 * Each code carries its CLI exit status and HTTP status ({@code 0} where the code does not occur over HTTP).
 */
public enum ErrorCode {
    USAGE(2, 0),
    INVALID_ARGUMENT(2, 400),
    INVALID_ACTOR(2, 400),
    PROJECT_REQUIRED(2, 400),
    AMBIGUOUS_ID(2, 400),
    SEARCH_SYNTAX(2, 400),
    PAYLOAD_TOO_LARGE(2, 413),
    UNSUPPORTED_MEDIA_TYPE(2, 415),
    WORKSPACE_TOO_NEW(2, 0),
    WORKSPACE_NOT_FOUND(3, 0),
    PROFILE_NOT_FOUND(3, 0),
    FILE_NOT_FOUND(3, 0),
    PROJECT_NOT_FOUND(3, 404),
    TASK_NOT_FOUND(3, 404),
    PLAN_NOT_FOUND(3, 404),
    VERSION_NOT_FOUND(3, 404),
    COMMENT_NOT_FOUND(3, 404),
    LABEL_NOT_FOUND(3, 404),
    MEMORY_NOT_FOUND(3, 404),
    DOC_NOT_FOUND(3, 404),
    ATTACHMENT_NOT_FOUND(3, 404),
    EVENT_NOT_FOUND(3, 404),
    NO_READY_TASK(3, 404),
    ROUTE_NOT_FOUND(0, 404),
    METHOD_NOT_ALLOWED(0, 405),
    TASK_ALREADY_CLAIMED(4, 409),
    NOT_CLAIM_HOLDER(4, 409),
    TASK_NOT_CLAIMABLE(4, 409),
    STALE_VERSION(4, 412),
    DUPLICATE_ALIAS(4, 409),
    DUPLICATE_PROFILE(4, 0),
    PROJECT_NOT_ARCHIVED(4, 409),
    PROJECT_ARCHIVED(4, 409),
    LINK_CYCLE(4, 409),
    TARGET_EXISTS(4, 409),
    WORKSPACE_BUSY(5, 503),
    UNAUTHORIZED(0, 401),
    FORBIDDEN_HOST(0, 403),
    FORBIDDEN_ORIGIN(0, 403),
    CHECK_FAILED(1, 0),
    INTERNAL(1, 500);

    private final int exitStatus;
    private final int httpStatus;

    ErrorCode(int exitStatus, int httpStatus) {
        this.exitStatus = exitStatus;
        this.httpStatus = httpStatus;
    }

    /** CLI exit status; {@code 0} means the code never occurs on the CLI. */
    public int exitStatus() {
        return exitStatus;
    }

    /** HTTP status; {@code 0} means the code never occurs over HTTP. */
    public int httpStatus() {
        return httpStatus;
    }
}
