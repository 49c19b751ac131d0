package dev.backlog.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.backlog.model.BacklogException;
import dev.backlog.projector.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints exactly one JSON document (2-space indent, trailing newline) or text, and the error shape of §2.4. */
final class Output {
    private static final ObjectWriter PRETTY = Json.MAPPER.writer(new CompactPrettyPrinter());

    private Output() {
    }

    static String json(Object document) {
        try {
            return PRETTY.writeValueAsString(document) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unserialisable document " + document.getClass(), e);
        }
    }

    /** {@code hintCommand}: the qualified command whose {@code --help} a usage error points at, or {@code null}. */
    static void error(PrintStream err, BacklogException e, boolean json, String hintCommand) {
        if (json) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("code", e.code().name());
            body.put("message", e.getMessage());
            body.put("details", e.details());
            err.print(json(Map.of("error", body)));
        } else {
            err.println("error: " + e.getMessage());
            if (hintCommand != null) {
                err.println("hint: run '" + hintCommand + " --help'");
            }
        }
        err.flush();
    }

    /** Jackson's pretty printer with {@code "key": value}, arrays one element per line and {@code []}/{@code {}} when empty. */
    private static final class CompactPrettyPrinter extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        CompactPrettyPrinter() {
            super(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            indentArraysWith(new DefaultIndenter("  ", "\n"));
            indentObjectsWith(new DefaultIndenter("  ", "\n"));
        }

        CompactPrettyPrinter(CompactPrettyPrinter base) {
            super(base);
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new CompactPrettyPrinter(this);
        }

        @Override
        public void writeEndArray(JsonGenerator g, int nrOfValues) throws IOException {
            if (nrOfValues == 0) {
                _nesting--;
                g.writeRaw(']');
                return;
            }
            super.writeEndArray(g, nrOfValues);
        }

        @Override
        public void writeEndObject(JsonGenerator g, int nrOfEntries) throws IOException {
            if (nrOfEntries == 0) {
                _nesting--;
                g.writeRaw('}');
                return;
            }
            super.writeEndObject(g, nrOfEntries);
        }
    }
}
