package io.cryflow.dashboard;

import static io.cryflow.dashboard.DashboardRecords.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEventType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class DashboardServerTest {

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePageRoomsHealthMetricsAndLiveEvents() throws Exception {
        RoomBoard board = new RoomBoard();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("cryflow.test.counter").increment(3);
        AtomicReference<String> health = new AtomicReference<>("UP");
        board.apply(event("room-1", CryEventType.CRY_ENDED, 0, 30, CryCause.TIRED, 0.9f));
        try (DashboardServer server = new DashboardServer("127.0.0.1", 0, board, registry,
                () -> Map.of("status", health.get())).start()) {
            String base = server.url();
            HttpResponse<String> page = get(base);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"app.js\">"));
            assertTrue(get(base + "app.js").body().contains("EventSource"));
            assertEquals(404, get(base + "nope").statusCode());

            JsonNode rooms = json.readTree(get(base + "api/rooms").body());
            assertEquals("room-1", rooms.get(0).get("room").asText());
            assertEquals("QUIET", rooms.get(0).get("state").asText());

            assertEquals(200, get(base + "health").statusCode());
            health.set("DOWN");
            assertEquals(503, get(base + "health").statusCode());
            assertTrue(get(base + "metrics").body().contains("cryflow_test_counter_total 3.0"));

            // Live: the snapshot first, then a room's new view after a change.
            HttpResponse<java.io.InputStream> stream = http.send(HttpRequest.newBuilder(URI.create(base + "events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals("text/event-stream; charset=utf-8", stream.headers().firstValue("Content-Type").orElse(""));
            try (BufferedReader events = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                assertEquals("event: snapshot", events.readLine());
                assertTrue(events.readLine().startsWith("data: [{\"room\":\"room-1\""));
                assertEquals("", events.readLine());
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (server.connectedBrowsers() == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                board.apply(event("room-2", CryEventType.CRY_STARTED, 50, null, CryCause.HUNGRY, 0.95f));
                server.roomChanged("room-2");
                assertEquals("event: room", events.readLine());
                JsonNode room = json.readTree(events.readLine().substring("data: ".length()));
                assertEquals("room-2", room.get("room").asText());
                assertEquals("CRYING", room.get("state").asText());
                assertEquals("hungry", room.get("cause").asText());
            }
        }
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
