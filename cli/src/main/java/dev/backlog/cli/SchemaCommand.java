package dev.backlog.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backlog.commands.requests.Requests;
import dev.backlog.model.BacklogException;
import dev.backlog.query.schema.JsonSchemas;
import dev.backlog.query.schema.RequestTypes;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code backlog schema [NAME]} (SPEC §3.12): the JSON Schemas of events, the envelope, command payloads, entities
 * and the error shape. Needs no workspace. A single schema is printed as JSON in both output modes.
 */
@Command(name = "schema", description = "Print the JSON Schemas of events, commands, entities and errors")
final class SchemaCommand extends Base {
    @Parameters(arity = "0..1", paramLabel = "NAME", description = "One schema, e.g. commands/task_add") String name;

    SchemaCommand(App app) {
        super(app);
    }

    /** The schemas of this build, with the core tools' request records. */
    static JsonSchemas schemas() {
        return JsonSchemas.of(new RequestTypes(Requests.ALL, Requests::required, Requests::doc));
    }

    @Override
    int run() {
        JsonSchemas schemas = schemas();
        if (name == null) {
            return print(schemas.document(), null, () -> table(schemas));
        }
        ObjectNode schema = schemas.schema(name).orElseThrow(() ->
                BacklogException.invalid("name", name, schemas.names(), "unknown schema '" + name + "': run 'backlog schema' for the list"));
        return print(schema, null, () -> Output.json(schema));
    }

    private static String table(JsonSchemas schemas) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonSchemas.Entry e : schemas.entries()) {
            rows.add(List.of(e.name(), e.kind(), e.description() == null ? "-" : e.description()));
        }
        return Text.table(List.of("NAME", "KIND", "DESCRIPTION"), rows);
    }
}
