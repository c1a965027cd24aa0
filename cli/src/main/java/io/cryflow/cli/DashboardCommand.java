package io.cryflow.cli;

import io.cryflow.dashboard.DashboardFeed;
import io.cryflow.dashboard.DashboardServer;
import io.cryflow.dashboard.PipelineMetrics;
import io.cryflow.dashboard.RoomBoard;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow dashboard}: the live web dashboard over a cluster's topics, as a service. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves the live room dashboard (and /health, /metrics) for a Kafka cluster's",
            "Cryflow topics until Ctrl-C."})
final class DashboardCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--history-minutes", paramLabel = "MIN", defaultValue = "60",
            description = "Cry events and microphone status shown from this far back (default: ${DEFAULT-VALUE}).")
    int historyMinutes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        RoomBoard board = new RoomBoard();
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Map<String, Object> consumer = new HashMap<>();
        parent.config().kafkaOverrides().forEach((k, v) -> consumer.put(k.toString(), v));
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        CountDownLatch stopped = new CountDownLatch(1);
        DashboardServer[] server = new DashboardServer[1];
        try (DashboardFeed feed = new DashboardFeed(consumer, DashboardFeed.Topics.defaults(), board,
                     room -> server[0].roomChanged(room), Duration.ofMinutes(historyMinutes), new PipelineMetrics(registry));
             // Healthy while the feed consumes: a page that says "live" over a dead feed would show stale rooms.
             DashboardServer started = new DashboardServer(host, port, board, registry, feed::health)) {
            server[0] = started;
            started.start();
            feed.start();
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "cryflow-dashboard-shutdown"));
            out.println("Dashboard at " + started.url() + " for " + bootstrapServers + "; Ctrl-C stops it.");
            out.flush();
            stopped.await();
        }
        return 0;
    }
}
