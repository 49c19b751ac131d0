package dev.backlog.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The curl examples of docs/http.md, run in order with the real curl against a real server: each must answer 2xx. */
@DisplayNameGeneration(ReplaceUnderscores.class)
class DocsCurlIT {
    @TempDir
    Path dir;

    private static List<String> examples() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "http.md"));
        int start = lines.indexOf("## curl examples");
        List<String> out = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("```")) {
                if (inBlock) {
                    break;
                }
                inBlock = true;
            } else if (inBlock && line.startsWith("curl ")) {
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void every_curl_example_of_the_docs_answers_2xx() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed");
        List<String> examples = examples();
        assertThat(examples).hasSizeGreaterThan(8);
        Files.writeString(dir.resolve("README.md"), "an attachment\n");
        try (TestServer s = new TestServer(Files.createDirectories(dir.resolve("ws")))) {
            for (String example : examples) {
                String script = "B=http://127.0.0.1:" + s.server.port() + "\n" + example + " -o /dev/null -w '%{http_code}'";
                Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                assertThat(out).as(example).matches("2\\d\\d");
            }
        }
    }
}
