package io.cryflow.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard web server (the JDK's own HTTP server; nothing to deploy beside the jar):
 *
 * <ul>
 *   <li>{@code /} — the page: one tile per room, live;</li>
 *   <li>{@code /events} — server-sent events: {@code snapshot} (every room) on connect, then {@code room}
 *       (one room's new view) on every change;</li>
 *   <li>{@code /api/rooms} — every room's view as JSON;</li>
 *   <li>{@code /health} — {@code {"status":"UP"|"DOWN", ...}}, 200 or 503, from the given health check;</li>
 *   <li>{@code /metrics} — Prometheus text format of the given registry.</li>
 * </ul>
 */
public final class DashboardServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardServer.class);
    private static final String WEB = "/io/cryflow/dashboard/web/";
    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/style.css", "style.css");

    private final RoomBoard board;
    private final EventStreamHub hub = new EventStreamHub();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "dashboard-http");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param health returns {@code status} ("UP" or "DOWN") and any details; called per request
     */
    public DashboardServer(String host, int port, RoomBoard board, PrometheusMeterRegistry metrics,
            Supplier<Map<String, Object>> health) throws IOException {
        this.board = board;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.setExecutor(executor);
        server.createContext("/", this::asset);
        server.createContext("/events", this::events);
        server.createContext("/api/rooms", exchange -> send(exchange, 200, "application/json", json(board.snapshot())));
        OperationsEndpoints.register(server, metrics, health);
    }

    public DashboardServer start() {
        server.start();
        log.info("Dashboard on {}", url());
        return this;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + "/";
    }

    /** Pushes a room's current view to every browser; call after the board says it changed. */
    public void roomChanged(String roomId) {
        RoomView view = board.view(roomId);
        if (view != null) {
            hub.publish("room", json(view));
        }
    }

    int connectedBrowsers() {
        return hub.clientCount();
    }

    private void asset(HttpExchange exchange) throws IOException {
        String name = ASSETS.get(exchange.getRequestURI().getPath());
        if (name == null) {
            send(exchange, 404, "text/plain", "not found");
            return;
        }
        try (InputStream in = DashboardServer.class.getResourceAsStream(WEB + name)) {
            String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                    : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            send(exchange, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void events(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            hub.serve(out, "event: snapshot\ndata: " + json(board.snapshot()) + "\n\n");
        } catch (IOException gone) {
            log.debug("Browser disconnected: {}", gone.toString());
        }
    }

    private static String json(Object value) {
        return OperationsEndpoints.json(value);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        OperationsEndpoints.send(exchange, status, type, body);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
