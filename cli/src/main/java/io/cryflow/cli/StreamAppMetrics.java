package io.cryflow.cli;

import io.cryflow.streams.StreamsService;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What a process running stream apps reports on {@code /metrics} and {@code /health}: JVM and CPU meters,
 * each app's Kafka Streams metrics, the meters the apps register in Micrometer's global registry (scoring
 * time), and UP while every app runs or rebalances and reports no {@linkplain StreamsService#problems() problem}.
 */
final class StreamAppMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> binders = new ArrayList<>();
    private final List<StreamsService> apps;

    /** @param apps started apps (their Kafka Streams clients exist) */
    StreamAppMetrics(StreamsService... apps) {
        this.apps = List.of(apps);
        Metrics.addRegistry(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        binders.add(gc);
        for (StreamsService app : apps) {
            KafkaStreamsMetrics streams = new KafkaStreamsMetrics(app.kafkaStreams());
            streams.bindTo(registry);
            binders.add(streams);
        }
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** {@code status} UP or DOWN, each app's Kafka Streams state by its class name, and any app's problems. */
    Map<String, Object> health() {
        Map<String, Object> report = new LinkedHashMap<>();
        boolean up = true;
        for (StreamsService app : apps) {
            KafkaStreams.State state = app.state();
            List<String> problems = app.problems();
            up &= state != null && state.isRunningOrRebalancing() && problems.isEmpty();
            report.put(app.getClass().getSimpleName(), String.valueOf(state));
            if (!problems.isEmpty()) {
                report.put(app.getClass().getSimpleName() + ".problems", problems);
            }
        }
        report.put("status", up ? "UP" : "DOWN");
        return report;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable binder : binders) {
            binder.close();
        }
        Metrics.removeRegistry(registry);
    }
}
