package io.cryflow.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's /health tells whether its feed consumes: DOWN while the feed fails or is dead, UP again once a
 * restarted consumer reads. Kafka's MockConsumer stands in for the broker.
 */
class DashboardFeedHealthTest {

    private static final DashboardFeed.Topics TOPICS = DashboardFeed.Topics.defaults();

    /** A consumer over empty topics of one partition each. */
    private static Consumer<String, byte[]> emptyTopics() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
            @Override
            public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query) {
                return Map.of(); // nothing that recent: the feed reads from the end
            }
        };
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : List.of(TOPICS.cryEvents(), TOPICS.microphoneStatus(), TOPICS.candidates(), TOPICS.melFrames(),
                TOPICS.deadLetters())) {
            consumer.updatePartitions(topic, List.of(new PartitionInfo(topic, 0, null, null, null)));
            ends.put(new TopicPartition(topic, 0), 0L);
        }
        consumer.updateEndOffsets(ends);
        consumer.updateBeginningOffsets(ends);
        return consumer;
    }

    /** A consumer whose every poll fails as a bug or an unexpected broker answer would. */
    private static Consumer<String, byte[]> failingPolls() {
        MockConsumer<String, byte[]> consumer = (MockConsumer<String, byte[]>) emptyTopics();
        return new MockConsumer<>("earliest") {
            @Override
            public synchronized List<PartitionInfo> partitionsFor(String topic) {
                return consumer.partitionsFor(topic);
            }

            @Override
            public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> query) {
                return Map.of();
            }

            @Override
            public synchronized void seekToEnd(java.util.Collection<TopicPartition> partitions) {
            }

            @Override
            public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
                throw new IllegalStateException("simulated: the feed's poll failed");
            }
        };
    }

    private static DashboardFeed feed(Supplier<Consumer<String, byte[]>> consumers) {
        return new DashboardFeed(consumers, TOPICS, new RoomBoard(), room -> { }, Duration.ofMinutes(1),
                new PipelineMetrics(new SimpleMeterRegistry()));
    }

    private static Map<String, Object> awaitHealth(DashboardFeed feed, Predicate<Map<String, Object>> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Object> health = feed.health();
        while (!wanted.test(health) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            health = feed.health();
        }
        return health;
    }

    @Test
    void aFailingFeedIsDownAndRestartsUntilItConsumesAgain() throws Exception {
        AtomicInteger made = new AtomicInteger();
        try (DashboardFeed feed = feed(() -> made.getAndIncrement() < 2 ? failingPolls() : emptyTopics())) {
            feed.start();
            Map<String, Object> failing = awaitHealth(feed, h -> "restarting".equals(h.get("feed")), Duration.ofSeconds(5));
            assertEquals("DOWN", failing.get("status"), failing.toString());
            assertEquals("restarting", failing.get("feed"), failing.toString());
            assertTrue(String.valueOf(failing.get("lastFailure")).contains("simulated"), failing.toString());

            // Two failures: back-offs of 1 s and 2 s, then a consumer that reads.
            Map<String, Object> recovered = awaitHealth(feed, h -> "UP".equals(h.get("status")), Duration.ofSeconds(10));
            assertEquals("UP", recovered.get("status"), "the thread survived and consumes again: " + recovered);
            assertEquals(2L, recovered.get("restarts"), recovered.toString());
        }
    }

    @Test
    void aStoppedFeedIsDown() throws Exception {
        DashboardFeed feed = feed(DashboardFeedHealthTest::emptyTopics);
        feed.start();
        assertEquals("UP", awaitHealth(feed, h -> "UP".equals(h.get("status")), Duration.ofSeconds(5)).get("status"));
        feed.close();
        Map<String, Object> health = feed.health();
        assertEquals("DOWN", health.get("status"), health.toString());
        assertEquals("stopped", health.get("feed"), health.toString());
    }
}
