package dev.backlog.query.schema;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The request records that {@link JsonSchemas} describes as {@code commands/<tool>}, and how to read their
 * annotations. The records and annotations live in {@code commands}, which this module does not import, so the
 * wiring code passes them in: {@code new RequestTypes(Requests.ALL, Requests::required, Requests::doc)}.
 *
 * @param tools    tool name → request record, in listing order
 * @param required whether an argument is required
 * @param doc      the description of a record or argument, {@code null} when it has none
 */
public record RequestTypes(Map<String, Class<? extends Record>> tools, Predicate<RecordComponent> required,
                           Function<AnnotatedElement, String> doc) {
    public RequestTypes {
        Objects.requireNonNull(tools, "tools");
        Objects.requireNonNull(required, "required");
        Objects.requireNonNull(doc, "doc");
    }
}
