package dev.backlog.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.backlog.projector.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator.ReplaceUnderscores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backlog web} as a real process ({@code java -jar target/backlog.jar web …}): it prints its URL, serves,
 * delivers over SSE an event that a separate CLI process wrote, and exits 0 on SIGTERM and SIGINT.
 */
@DisplayNameGeneration(ReplaceUnderscores.class)
class WebCommandIT {
    @TempDir
    Path root;
    Path ws;
    Path home;
    final List<Process> started = new ArrayList<>();
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void workspace() throws IOException {
        ws = root.resolve("ws");
        home = root.resolve("home");
        Files.createDirectories(home.resolve(".config"));
        new CliRunner(root).json("init", ws.toString());
        CliRunner cli = new CliRunner(ws);
        cli.json("project", "add", "--alias", "api");
        cli.json("project", "set-default", "api");
    }

    @AfterEach
    void kill() {
        started.forEach(Process::destroyForcibly);
    }

    /** Starts the jar's {@code web} and returns it with what it printed on stdout up to the first blank-free document. */
    private record Web(Process process, String printed, BufferedReader stderr) {}

    private Web web(boolean json, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-jar", Path.of("target", "backlog.jar").toAbsolutePath().toString(),
                "web", "--port", "0"));
        if (json) {
            cmd.add("--json");
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ws.toFile());
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        env.clear();
        env.put("PATH", path == null ? "/usr/bin:/bin" : path);
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        env.put("USER", "tester");
        Process p = pb.start();
        started.add(p);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder printed = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            printed.append(line).append('\n');
            if (!json || line.equals("}")) {
                break;
            }
        }
        return new Web(p, printed.toString(), new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void web_json_prints_url_host_port_and_token_required_then_serves_and_exits_0_on_SIGTERM() throws Exception {
        Web w = web(true, "--no-browser");
        JsonNode started = Json.MAPPER.readTree(w.printed());
        int port = started.get("port").asInt();
        assertThat(started.get("url").asText()).isEqualTo("http://127.0.0.1:" + port + "/");
        assertThat(started.get("host").asText()).isEqualTo("127.0.0.1");
        assertThat(started.get("token_required").asBoolean()).isFalse();
        HttpResponse<String> tasks = get(started.get("url").asText() + "api/tasks");
        assertThat(tasks.statusCode()).isEqualTo(200);
        assertThat(Json.MAPPER.readTree(tasks.body()).at("/scope/project").asText()).isEqualTo("api");
        w.process().destroy(); // SIGTERM
        assertThat(w.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(w.process().exitValue()).isZero();
    }

    @Test
    void web_prints_its_URL_in_text_mode_says_why_no_browser_opened_and_exits_0_on_SIGINT() throws Exception {
        Web w = web(false);
        assertThat(w.printed()).startsWith("backlog web UI → http://127.0.0.1:");
        assertThat(w.stderr().readLine()).contains("no desktop session");
        String url = w.printed().substring(w.printed().indexOf("http://")).strip();
        assertThat(get(url + "api/health").statusCode()).isEqualTo(200);
        new ProcessBuilder("kill", "-INT", Long.toString(w.process().pid())).start().waitFor();
        assertThat(w.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(w.process().exitValue()).isZero();
    }

    @Test
    void with_a_token_the_printed_URL_carries_it_and_the_API_demands_it() throws Exception {
        Web w = web(true, "--no-browser", "--token", "t0k3n");
        JsonNode started = Json.MAPPER.readTree(w.printed());
        assertThat(started.get("token_required").asBoolean()).isTrue();
        assertThat(started.get("url").asText()).endsWith("/?token=t0k3n");
        String base = "http://127.0.0.1:" + started.get("port").asInt() + "/";
        assertThat(get(base + "api/tasks").statusCode()).isEqualTo(401);
        assertThat(get(base + "api/tasks", "Authorization", "Bearer t0k3n").statusCode()).isEqualTo(200);
    }

    @Test
    void a_non_loopback_host_without_a_token_fails_before_binding_also_from_web_host_config() throws IOException {
        CliRunner cli = new CliRunner(ws);
        CliRunner.Result flag = cli.run("web", "--host", "0.0.0.0", "--port", "0", "--no-browser", "--json");
        assertThat(flag.exit()).isEqualTo(2);
        assertThat(flag.errorJson().get("code").asText()).isEqualTo("INVALID_ARGUMENT");
        assertThat(flag.out()).isEmpty();
        Files.writeString(ws.resolve("backlog.toml"), Files.readString(ws.resolve("backlog.toml")) + "\n[web]\nhost = \"0.0.0.0\"\n");
        CliRunner.Result config = cli.run("web", "--port", "0", "--no-browser", "--json");
        assertThat(config.exit()).isEqualTo(2);
        assertThat(config.errorJson().get("details").get("field").asText()).isEqualTo("host");
    }

    @Test
    void the_SSE_stream_delivers_an_event_written_by_a_separate_CLI_process_within_a_second() throws Exception {
        Web w = web(true, "--no-browser");
        String url = Json.MAPPER.readTree(w.printed()).get("url").asText();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> sse = http.send(HttpRequest.newBuilder(URI.create(url + "api/events/stream"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(sse.statusCode()).isEqualTo(200);
        Thread.ofVirtual().start(() -> {
            try {
                sse.body().forEach(lines::add);
            } catch (RuntimeException ended) {
                // closed at the end of the test
            }
        });
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": ping");
        ProcessCli.Result added = new ProcessCli(ws, root.resolve("proc")).run("task", "add", "-t", "from another process", "--json");
        assertThat(added.exit()).as(added.toString()).isZero();
        long exited = System.nanoTime();
        String data = null;
        for (String line; (line = lines.poll(5, TimeUnit.SECONDS)) != null; ) {
            if (line.startsWith("data: ") && line.contains("TaskCreated")) {
                data = line.substring(6);
                break;
            }
        }
        long ms = (System.nanoTime() - exited) / 1_000_000;
        assertThat(data).isNotNull();
        JsonNode event = Json.MAPPER.readTree(data);
        assertThat(event.get("summary").asText()).contains("from another process");
        assertThat(event.at("/entity/ref").asText()).isEqualTo(added.json().get("ref").asText());
        assertThat(ms).isLessThan(1000);
        sse.body().close();
        w.process().destroy();
        assertThat(w.process().waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(w.process().exitValue()).isZero();
    }
}
