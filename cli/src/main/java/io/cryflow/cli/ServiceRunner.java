package io.cryflow.cli;

import io.cryflow.dashboard.OperationsEndpoints;
import io.cryflow.streams.StreamsService;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Runs a stream app as a service until Ctrl-C: starts it, serves {@code /metrics} and {@code /health}
 * ({@link StreamAppMetrics}) on the metrics port, and exits non-zero if the app stops by itself (a dead
 * stream thread shuts it down, for the orchestrator to restart).
 */
final class ServiceRunner {

    private ServiceRunner() {
    }

    /** @param metricsPort port of /metrics and /health; negative serves none, 0 picks a free one */
    static int run(StreamsService app, String name, String bootstrapServers, Path stateDir, Properties settings,
            int metricsPort, PrintWriter out) throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            stopped.countDown();
        }, "cryflow-" + name + "-shutdown"));
        app.start(bootstrapServers, stateDir.toString(), settings);
        try (StreamAppMetrics metrics = new StreamAppMetrics(app);
             OperationsEndpoints endpoints = metricsPort < 0 ? null
                     : OperationsEndpoints.serve("0.0.0.0", metricsPort, metrics.registry(), metrics::health)) {
            if (!app.awaitRunning(Duration.ofMinutes(2))) {
                out.println(name + ": not running after 2 minutes (state " + app.state() + "); see the log");
            } else {
                out.println(name + " running against " + bootstrapServers
                        + (endpoints == null ? "" : "; metrics and health on port " + endpoints.url().replaceAll(".*:(\\d+)/$", "$1"))
                        + "; Ctrl-C stops it.");
            }
            out.flush();
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                KafkaStreams.State state = app.state();
                if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                    out.println(name + " stopped by itself (state " + state + "); see the log");
                    out.flush();
                    return 1;
                }
            }
        }
        return 0;
    }
}
