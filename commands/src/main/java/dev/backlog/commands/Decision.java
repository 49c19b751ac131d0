package dev.backlog.commands;

import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import dev.backlog.model.event.EventPayload;
import java.util.List;
import java.util.Map;

/** The outcome of a pure decision: the events to append (possibly none) or a coded rejection. */
public sealed interface Decision {
    record Accepted(List<EventPayload> events) implements Decision {}

    record Rejected(ErrorCode code, String message, Map<String, Object> details) implements Decision {
        public BacklogException toException() {
            return new BacklogException(code, message, details);
        }
    }

    static Decision accept(EventPayload... events) {
        return new Accepted(List.of(events));
    }

    static Decision accept(List<EventPayload> events) {
        return new Accepted(List.copyOf(events));
    }

    static Decision reject(ErrorCode code, String message, Map<String, Object> details) {
        return new Rejected(code, message, details);
    }
}
