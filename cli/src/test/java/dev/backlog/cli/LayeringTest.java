package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** House rules the compiler cannot check (STYLE §1, §5). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class LayeringTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final List<String> MODULES = List.of("event-model", "migrations", "projector", "commands", "query", "mcp", "http", "cli");

    static List<Path> sources(String module) throws IOException {
        Path dir = ROOT.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> p.toString().endsWith(".java")).toList();
        }
    }

    @Test
    void schema_statements_live_only_in_migrations() throws IOException {
        Pattern ddl = Pattern.compile("CREATE\\s+(TABLE|INDEX|TRIGGER|VIRTUAL\\s+TABLE)|ALTER\\s+TABLE", Pattern.CASE_INSENSITIVE);
        List<String> offenders = new ArrayList<>();
        for (String m : MODULES) {
            if (m.equals("migrations")) {
                continue;
            }
            for (Path p : sources(m)) {
                if (ddl.matcher(Files.readString(p)).find()) {
                    offenders.add(ROOT.relativize(p).toString());
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void adapters_hold_no_sql_and_only_cli_imports_the_servers() throws IOException {
        Pattern sql = Pattern.compile("\"\\s*(SELECT\\s.*\\sFROM\\s|INSERT\\s+INTO\\s|UPDATE\\s+\\w+\\s+SET\\s|DELETE\\s+FROM\\s)");
        List<String> offenders = new ArrayList<>();
        for (String m : List.of("cli", "http", "mcp")) {
            for (Path p : sources(m)) {
                String text = Files.readString(p);
                if (sql.matcher(text).find()) {
                    offenders.add(ROOT.relativize(p) + ": SQL");
                }
                if (m.equals("http") && text.contains("import dev.backlog.mcp")) {
                    offenders.add(ROOT.relativize(p) + ": http imports mcp");
                }
                if (m.equals("mcp") && text.contains("import dev.backlog.http")) {
                    offenders.add(ROOT.relativize(p) + ": mcp imports http");
                }
            }
        }
        assertThat(offenders).isEmpty();
    }
}
