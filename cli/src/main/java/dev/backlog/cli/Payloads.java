package dev.backlog.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.backlog.model.BacklogException;
import dev.backlog.projector.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --from-file x.json}: a command payload (the MCP/HTTP request record); unknown keys are rejected. */
final class Payloads {
    private Payloads() {
    }

    static boolean isJson(String path) {
        return path != null && path.toLowerCase(java.util.Locale.ROOT).endsWith(".json");
    }

    static <T> T read(App app, String path, Class<T> type) {
        String text = Files.text(app, path);
        try {
            return Json.MAPPER.readValue(text, type);
        } catch (UnrecognizedPropertyException e) {
            throw BacklogException.invalid(e.getPropertyName(), path, "unknown field '" + e.getPropertyName() + "' in " + path);
        } catch (JsonProcessingException e) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("field", "from_file");
            d.put("value", path);
            d.put("reason", e.getOriginalMessage());
            throw new BacklogException(dev.backlog.model.ErrorCode.INVALID_ARGUMENT, path + " is not a valid payload: " + e.getOriginalMessage(), d);
        }
    }
}
