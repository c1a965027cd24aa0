package io.cryflow.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates topics through the Admin API, idempotently: a topic that already exists is left as it is.
 * Returns once the new topics have partition leaders, ready for producers.
 *
 * <p>Works against any cluster (embedded or not), so test fixtures and tools share one code path.
 */
public final class TopicCreator {

    private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);

    /** How long topic creation may take before giving up; default 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Pause between checks for the leaders of new topics. */
    private static final long LEADER_POLL_MILLIS = 20;

    private TopicCreator() {
    }

    /**
     * Creates the topics that do not exist yet on the cluster at {@code bootstrapServers}.
     *
     * @return names of the topics this call created (existing ones are omitted)
     */
    public static List<String> createTopics(String bootstrapServers, Collection<NewTopic> topics) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "cryflow-topic-creator"))) {
            return createTopics(admin, topics, DEFAULT_TIMEOUT);
        }
    }

    /**
     * Creates the topics that do not exist yet, using the caller's {@link Admin}.
     *
     * @return names of the topics this call created (existing ones are omitted)
     */
    public static List<String> createTopics(Admin admin, Collection<NewTopic> topics, Duration timeout) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, KafkaFuture<Void>> results = admin.createTopics(topics).values();
        long deadlineNanos = System.nanoTime() + timeout.toNanos();
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
            String topic = result.getKey();
            try {
                result.getValue().get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                created.add(topic);
                log.debug("Created topic {}", topic);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Creating topic " + topic + " failed: " + e.getCause(), e.getCause());
                }
                log.debug("Topic {} already exists", topic);
            } catch (TimeoutException e) {
                throw new IllegalStateException("Creating topic " + topic + " took longer than " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + topic, e);
            }
        }
        awaitLeaders(admin, created, deadlineNanos, timeout);
        return created;
    }

    /**
     * Waits until every partition of the new topics has a leader in the broker's metadata, so a
     * producer's first send does not bounce off a partition the broker does not know yet.
     */
    private static void awaitLeaders(Admin admin, List<String> topics, long deadlineNanos, Duration timeout) {
        if (topics.isEmpty()) {
            return;
        }
        while (true) {
            try {
                Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                        .get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                boolean ready = descriptions.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw new IllegalStateException("Describing new topics " + topics + " failed: " + e.getCause(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("New topics " + topics + " got no leaders within " + timeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for leaders of " + topics, e);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new IllegalStateException("New topics " + topics + " got no leaders within " + timeout);
            }
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(LEADER_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for topic leaders", e);
        }
    }
}
