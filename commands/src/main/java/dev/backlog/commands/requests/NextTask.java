package dev.backlog.commands.requests;

import java.util.List;

/** Arguments of {@code task_next}; {@code null} = not given. */
@Doc("The highest-ranked ready task; claims it when claim is true.")
public record NextTask(String project,
                       List<String> type,
                       List<String> label,
                       @Doc("1-5 or P1-P5 each") List<Object> priority,
                       Boolean claim,
                       @Doc("e.g. 90m or never") String lease) {
}
