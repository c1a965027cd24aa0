package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./cryflow demo} as a user runs it (one JVM: embedded broker, both stream apps, simulated rooms,
 * dashboard): every room gets a tile with a live level, health and metrics answer, and it stops by itself.
 * Where Debian's chromium and playwright-core are installed (CI installs them), a real headless browser
 * loads the page, waits for a scripted cry to turn its room's tile to crying, and saves a screenshot.
 */
class DemoCommandTest {

    private static final Pattern DASHBOARD = Pattern.compile("Dashboard: (http://\\S+/)");
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDemoServesLiveRoomsHealthMetricsAndShowsAScriptedCryInABrowser(@TempDir Path dir) throws Exception {
        StringWriter output = new StringWriter();
        CommandLine cli = Cryflow.commandLine(new ConfigDefaults(Map.of(), new Properties()));
        cli.setOut(new PrintWriter(output, true));
        int[] exit = {-1};
        // Two rooms, one cry each early in a 40 s scene, run for 75 s.
        Thread demo = new Thread(() -> exit[0] = cli.execute("demo", "--rooms", "2", "--duration", "40", "--cries", "1",
                "--seed", "3", "--no-browser", "--port", "0", "--run-for", "75"), "demo");
        demo.start();
        String url = awaitUrl(output, Duration.ofMinutes(3));

        JsonNode rooms = awaitRooms(url, 2, Duration.ofSeconds(30));
        assertEquals("room-0", rooms.get(0).get("room").asText());
        assertTrue(rooms.get(0).get("levelDbfs").isNumber(), "live level: " + rooms);
        assertEquals(200, get(url + "health").statusCode());
        String metrics = get(url + "metrics").body();
        assertTrue(metrics.contains("cryflow_room_chunks_total{room=\"room-0\"}"), "per-room chunk rate");
        assertTrue(metrics.contains("kafka_stream_"), "Kafka Streams metrics");
        assertTrue(metrics.contains("cryflow_inference_scoring_seconds_count{model=\"detector\"}"), "scoring time");
        assertTrue(metrics.contains("cryflow_inference_windows_total{scored=\"true\"}"), "windows scored");

        Path screenshot = dir.resolve("dashboard.png");
        String browser = browserCheck(url, screenshot);

        demo.join(TimeUnit.MINUTES.toMillis(3));
        assertEquals(0, exit[0], output.toString());
        assertTrue(output.toString().contains("cry started"), "a cry event was printed:\n" + output);
        Assumptions.assumeTrue(browser != null, "browser check skipped: chromium or playwright-core not installed");
        assertTrue(browser.startsWith("CRYING "), browser);
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot was saved");
        Files.copy(screenshot, Path.of("target", "dashboard-demo.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** Runs the playwright script if the tools are there; its last line ("CRYING room-x" or an error), or null. */
    private static String browserCheck(String url, Path screenshot) throws Exception {
        Path script = Path.of("..", "dashboard", "src", "test", "browser", "dashboard-check.mjs").toAbsolutePath();
        Path modules = Path.of("..", "dashboard", "src", "test", "browser", "node_modules", "playwright-core").toAbsolutePath();
        if (!Files.isExecutable(Path.of("/usr/bin/chromium")) || !Files.isDirectory(modules)) {
            return null;
        }
        Process node = new ProcessBuilder("node", script.toString(), url, screenshot.toString(), "60000")
                .redirectErrorStream(true).start();
        assertTrue(node.waitFor(120, TimeUnit.SECONDS), "browser check finished");
        String out = new String(node.getInputStream().readAllBytes()).trim();
        assertEquals(0, node.exitValue(), out);
        return out.substring(out.lastIndexOf('\n') + 1);
    }

    private static String awaitUrl(StringWriter output, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher m = DASHBOARD.matcher(output.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the demo printed no dashboard address:\n" + output);
    }

    private JsonNode awaitRooms(String url, int count, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode rooms = null;
        while (System.nanoTime() < deadline) {
            rooms = json.readTree(get(url + "api/rooms").body());
            if (rooms.size() == count && rooms.get(0).get("levelDbfs").isNumber()) {
                return rooms;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("rooms not live: " + rooms);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
