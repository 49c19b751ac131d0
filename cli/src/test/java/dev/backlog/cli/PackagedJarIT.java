package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped jar on its own ({@code java -jar cli/target/backlog.jar}), not the test class path: catches classes
 * the build leaves out (picocli is compiled from source, so any picocli class used must be among the compiled ones).
 */
class PackagedJarIT {
    @TempDir
    Path dir;

    private String[] run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-jar", Path.of("target/backlog.jar").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("XDG_CONFIG_HOME");
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err)};
    }

    @Test
    void everyCommandThatNeedsNoWorkspaceRunsFromTheJar() throws Exception {
        for (String[] args : List.of(new String[] {"version", "--json"}, new String[] {"--help"}, new String[] {"completion", "bash"},
                new String[] {"completion", "zsh"}, new String[] {"schema", "--json"}, new String[] {"task", "--help"},
                new String[] {"install-skills", "--dry-run", "--json"}, new String[] {"daemon", "status", "--json"})) {
            String[] r = run(args);
            assertThat(r[0]).as("%s: %s", String.join(" ", args), r[2]).isEqualTo("0");
            assertThat(r[2]).as(String.join(" ", args)).doesNotContain("Exception").doesNotContain("Error");
            assertThat(r[1]).as(String.join(" ", args)).isNotBlank();
        }
        assertThat(run("completion", "bash")[1]).contains("complete").contains("import-findings");
        String[] init = run("init", "--json");
        assertThat(init[0]).as(init[2]).isEqualTo("0");
        assertThat(run("task", "list", "--json")[0]).isEqualTo("0");
    }
}
