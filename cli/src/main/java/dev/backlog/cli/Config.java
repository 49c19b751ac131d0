package dev.backlog.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.backlog.model.BacklogException;
import dev.backlog.model.ErrorCode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One TOML configuration file (SPEC §1.6): the global {@code config.toml} or a workspace's {@code backlog.toml}.
 * Values are read as dotted keys ({@code defaults.actor}); unknown keys are warned about on stderr; malformed
 * files and values are {@code INVALID_ARGUMENT} naming the file and key.
 */
final class Config {
    static final Set<String> SHARED_KEYS = Set.of("defaults.actor", "defaults.type", "defaults.priority", "defaults.status",
            "output.format", "output.color", "claims.default_lease", "store.busy_timeout", "limits.attachment_max_bytes",
            "web.host", "web.port", "web.actor", "web.token", "web.allowed_hosts", "doctor.stale_after");
    static final Set<String> WORKSPACE_KEYS = Set.of("name", "default_project");
    static final Set<String> GLOBAL_KEYS = Set.of("default_profile");
    static final Config EMPTY = new Config(null, Map.of(), Map.of());

    final Path file;
    private final Map<String, String> values;
    final Map<String, String> profiles;

    private Config(Path file, Map<String, String> values, Map<String, String> profiles) {
        this.file = file;
        this.values = values;
        this.profiles = profiles;
    }

    String get(String key) {
        return values.get(key);
    }

    /** Reads a file if it exists; {@code global} selects which keys are known. */
    static Config load(Path file, boolean global, PrintStream warnings) {
        if (file == null || !Files.isRegularFile(file)) {
            return new Config(file, Map.of(), Map.of());
        }
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": " + e.getMessage(),
                    Map.of("file", file.toString()));
        }
        JsonNode root = SimpleToml.parse(text).orElse(null);
        if (root == null) {
            root = fullToml(file, text);
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> profiles = new LinkedHashMap<>();
        flatten("", root, values, profiles, global);
        for (String key : values.keySet()) {
            boolean known = SHARED_KEYS.contains(key) || (global ? GLOBAL_KEYS : WORKSPACE_KEYS).contains(key);
            if (!known && warnings != null) {
                warnings.println("warning: unknown key '" + key + "' in " + file);
            }
        }
        return new Config(file, values, profiles);
    }

    private static JsonNode fullToml(Path file, String text) {
        JsonNode root;
        try (JsonParser parser = new TomlFactory().createParser(text)) {
            // streaming parser + the shared mapper's tree codec: no second ObjectMapper on every CLI call
            parser.setCodec(dev.backlog.projector.Json.MAPPER);
            root = parser.readValueAsTree();
            if (root == null) {
                root = dev.backlog.projector.Json.MAPPER.createObjectNode();
            }
        } catch (IOException | RuntimeException e) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("file", file.toString());
            d.put("field", null);
            throw new BacklogException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": " + firstLine(e.getMessage()), d);
        }
        return root;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out, Map<String, String> profiles, boolean global) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            JsonNode v = e.getValue();
            if (global && key.equals("profiles") && v.isObject()) {
                v.fields().forEachRemaining(p -> {
                    JsonNode path = p.getValue().get("path");
                    if (path != null && path.isTextual()) {
                        profiles.put(p.getKey(), path.asText());
                    }
                });
            } else if (v.isObject()) {
                flatten(key, v, out, profiles, global);
            } else if (v.isArray()) {
                StringBuilder sb = new StringBuilder();
                v.forEach(x -> sb.append(sb.length() > 0 ? "," : "").append(x.asText()));
                out.put(key, sb.toString());
            } else {
                out.put(key, v.asText());
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid TOML";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The invalid-value error of a key of this file. */
    BacklogException invalid(String key, String value, String why) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("file", String.valueOf(file));
        d.put("field", key);
        d.put("value", value);
        return new BacklogException(ErrorCode.INVALID_ARGUMENT, "invalid " + key + " '" + value + "' in " + file + ": " + why, d);
    }

    /** Global config location: {@code $XDG_CONFIG_HOME/backlog/config.toml}, default {@code ~/.config/backlog/config.toml}. */
    static Path globalFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isEmpty() ? Path.of(xdg) : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return base.resolve("backlog").resolve("config.toml");
    }

    /** Writes a whole global config with the given default profile and profiles, keeping other keys. */
    static void writeGlobal(Path file, String defaultProfile, Map<String, String> profiles) {
        try {
            TomlMapper mapper = new TomlMapper();
            ObjectNode root = Files.isRegularFile(file) ? (ObjectNode) mapper.readTree(Files.readString(file)) : mapper.createObjectNode();
            root.remove("default_profile");
            root.remove("profiles");
            ObjectNode out = mapper.createObjectNode();
            if (defaultProfile != null) {
                out.put("default_profile", defaultProfile);
            }
            out.setAll(root);
            if (!profiles.isEmpty()) {
                ObjectNode ps = out.putObject("profiles");
                profiles.forEach((name, path) -> ps.putObject(name).put("path", path));
            }
            Files.createDirectories(file.getParent());
            TomlFiles.atomicWrite(file, mapper.writeValueAsString(out));
        } catch (IOException e) {
            throw new BacklogException(ErrorCode.INTERNAL, "cannot write " + file + ": " + e.getMessage());
        }
    }
}
