package dev.backlog.commands.requests;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code description} of a request (the MCP tool description) or of one argument. Keep it to a sentence:
 * every description ships in {@code tools/list}, whose whole result has a size budget (SPEC §13).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
public @interface Doc {
    String value();
}
