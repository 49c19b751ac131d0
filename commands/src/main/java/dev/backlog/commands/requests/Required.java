package dev.backlog.commands.requests;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a request argument the caller must give (bold in SPEC §10's Tools table). The JSON Schema lists it under
 * {@code required}; adapters answer its absence with {@code INVALID_ARGUMENT} (MCP, HTTP) or {@code USAGE} (CLI).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Required {
}
