package io.cryflow.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The operations endpoints every Cryflow service serves: {@code /metrics} (Prometheus text format) and
 * {@code /health} ({@code {"status":"UP"|"DOWN", ...}}, 200 or 503). Standalone via {@link #serve}, or
 * added to another server (the dashboard's) via {@link #register}.
 */
public final class OperationsEndpoints implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;

    private OperationsEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves only the operations endpoints on {@code host:port} (0 = a free port). */
    public static OperationsEndpoints serve(String host, int port, PrometheusMeterRegistry metrics,
            Supplier<Map<String, Object>> health) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "operations-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        register(server, metrics, health);
        server.start();
        return new OperationsEndpoints(server, executor);
    }

    /** Adds {@code /metrics} and {@code /health} to {@code server}. */
    public static void register(HttpServer server, PrometheusMeterRegistry metrics, Supplier<Map<String, Object>> health) {
        server.createContext("/metrics", exchange -> send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        server.createContext("/health", exchange -> {
            Map<String, Object> report = health.get();
            send(exchange, "UP".equals(report.get("status")) ? 200 : 503, "application/json", json(report));
        });
    }

    /**
     * One health report of several parts, each under its name: UP only if every part is.
     *
     * @param parts health reports by name, each with {@code status} UP or DOWN
     */
    public static Map<String, Object> combine(Map<String, Map<String, Object>> parts) {
        Map<String, Object> report = new java.util.LinkedHashMap<>();
        boolean up = parts.values().stream().allMatch(part -> "UP".equals(part.get("status")));
        report.put("status", up ? "UP" : "DOWN");
        report.putAll(parts);
        return report;
    }

    /** {@code http://host:port/}. */
    public String url() {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getHostString() + ":" + address.getPort() + "/";
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
