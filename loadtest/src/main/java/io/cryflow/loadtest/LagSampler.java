package io.cryflow.loadtest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples each stream app's consumer lag (end offsets of its input topics minus its committed offsets,
 * summed over partitions) at a fixed period, for the "lag not growing" check and the lag-over-time table.
 */
final class LagSampler implements AutoCloseable {

    /** One sample: seconds since the start, lag per consumer group. */
    record Sample(double seconds, Map<String, Long> lagByGroup) {
    }

    private final Admin admin;
    private final Map<String, List<String>> inputsByGroup;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "loadtest-lag");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new ArrayList<>();
    private final long startNanos = System.nanoTime();

    LagSampler(String bootstrapServers, Map<String, List<String>> inputsByGroup) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.inputsByGroup = inputsByGroup;
    }

    LagSampler start(long periodMillis) {
        scheduler.scheduleAtFixedRate(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    private void sample() {
        try {
            Map<String, Long> lags = new HashMap<>();
            for (var group : inputsByGroup.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets(group.getKey()).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> query = new HashMap<>();
                for (String topic : group.getValue()) {
                    admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                            .forEach(p -> query.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                }
                Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(query).all().get(10, TimeUnit.SECONDS);
                long lag = 0;
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
                }
                lags.put(group.getKey(), lag);
            }
            synchronized (this) {
                samples.add(new Sample((System.nanoTime() - startNanos) / 1e9, lags));
            }
        } catch (Exception e) {
            // a missed sample is visible as a gap in the table
        }
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        admin.close();
    }
}
