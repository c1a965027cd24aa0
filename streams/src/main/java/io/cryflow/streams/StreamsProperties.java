package io.cryflow.streams;

import io.cryflow.schemas.Topics;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams configuration every Cryflow app starts from, built in one place.
 *
 * <p>Defaults: {@code exactly_once_v2} (a cry event must neither vanish nor repeat across a crash),
 * commit interval 100 ms (the latency downstream sees under exactly-once), replication factor -1
 * (the broker's default, so a one-broker demo and a three-broker cluster both work), topology
 * optimisation {@code all}, and the dead-letter handlers for deserialization and processing
 * failures writing to {@link Topics#DEAD_LETTERS}, and fast failure detection: a consumer session of
 * {@value #DEFAULT_SESSION_TIMEOUT_MS} ms (heartbeat every {@value #DEFAULT_HEARTBEAT_INTERVAL_MS} ms, the
 * broker's minimum session by default) and a transaction timeout of
 * {@value #DEFAULT_TRANSACTION_TIMEOUT_MS} ms, so the partitions of an instance that died without closing
 * move to a survivor, and its open transaction is aborted, within seconds instead of Kafka's 45 s; and
 * producer batches of up to {@value #DEFAULT_PRODUCER_BATCH_BYTES} bytes per partition; and
 * {@value #DEFAULT_STANDBY_REPLICAS} standby replicas (one instance has nowhere to put one; production with two or more
 * instances sets {@code num.standby.replicas=1}, {@code ./cryflow <stage> --standby-replicas 1}). Any of it can be
 * overridden; overrides win.
 */
public final class StreamsProperties {

    /** Default commit interval: Kafka's own default under exactly-once. */
    public static final Duration DEFAULT_COMMIT_INTERVAL = Duration.ofMillis(100);
    /** Default replication factor of internal topics: -1, the broker's {@code default.replication.factor}. */
    public static final int DEFAULT_REPLICATION_FACTOR = -1;
    /** Consumer session timeout: how long a dead instance keeps its partitions. */
    public static final int DEFAULT_SESSION_TIMEOUT_MS = 6_000;
    public static final int DEFAULT_HEARTBEAT_INTERVAL_MS = 1_500;
    /** How long a dead instance's open transaction blocks read_committed readers of its partitions. */
    public static final int DEFAULT_TRANSACTION_TIMEOUT_MS = 10_000;
    /**
     * Producer batch size per partition. A mel record or a stored frame block is about 13 kB, so Kafka's 16 kB
     * default holds one record per batch and sends a produce request per record; the broker's cost is per batch
     * and per request, not per byte (a 200-room load test: broker request threads 0.35 -> 0.24 cores). The
     * commit interval, not the batch, bounds how long a record waits.
     */
    public static final int DEFAULT_PRODUCER_BATCH_BYTES = 256 * 1024;
    /** Warm copies of each task's stores on other instances: Kafka's default, what a single instance can use. */
    public static final int DEFAULT_STANDBY_REPLICAS = 0;

    private final String applicationId;
    private String bootstrapServers;
    private String stateDir;
    private String processingGuarantee = StreamsConfig.EXACTLY_ONCE_V2;
    private int replicationFactor = DEFAULT_REPLICATION_FACTOR;
    private Duration commitInterval = DEFAULT_COMMIT_INTERVAL;
    private int standbyReplicas = DEFAULT_STANDBY_REPLICAS;
    private String deadLetterTopic = Topics.DEAD_LETTERS;
    private final Properties overrides = new Properties();

    private StreamsProperties(String applicationId) {
        this.applicationId = Objects.requireNonNull(applicationId, "applicationId");
    }

    public static StreamsProperties forApplication(String applicationId) {
        return new StreamsProperties(applicationId);
    }

    public StreamsProperties bootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    public StreamsProperties stateDir(String directory) {
        this.stateDir = directory;
        return this;
    }

    /** {@code exactly_once_v2} (default) or {@code at_least_once}. */
    public StreamsProperties processingGuarantee(String guarantee) {
        this.processingGuarantee = Objects.requireNonNull(guarantee, "guarantee");
        return this;
    }

    public StreamsProperties replicationFactor(int factor) {
        if (factor < 1 && factor != -1) {
            throw new IllegalArgumentException("replication factor must be -1 (broker default) or positive, got " + factor);
        }
        this.replicationFactor = factor;
        return this;
    }

    /** Warm copies of each task's state on other instances, so a failed instance's tasks resume without a restore. */
    public StreamsProperties standbyReplicas(int replicas) {
        if (replicas < 0) {
            throw new IllegalArgumentException("standby replicas must be 0 or more, got " + replicas);
        }
        this.standbyReplicas = replicas;
        return this;
    }

    public StreamsProperties commitInterval(Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("commit interval must not be negative, got " + interval);
        }
        this.commitInterval = interval;
        return this;
    }

    public StreamsProperties deadLetterTopic(String topic) {
        this.deadLetterTopic = Objects.requireNonNull(topic, "topic");
        return this;
    }

    /** Settings applied last, over everything above (any Streams, consumer, producer or Cryflow key). */
    public StreamsProperties overrides(Properties properties) {
        if (properties != null) {
            overrides.putAll(properties);
        }
        return this;
    }

    public Properties build() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        if (bootstrapServers != null) {
            props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        }
        if (stateDir != null) {
            props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
        }
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replicationFactor));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(commitInterval.toMillis()));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(standbyReplicas));
        props.put(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG, StreamsConfig.OPTIMIZE);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        // Global stores too (Kafka 5.0's default), so a future global table's bad records are dead-lettered alike.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(DeadLetterConfig.TOPIC, deadLetterTopic);
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), Integer.toString(DEFAULT_SESSION_TIMEOUT_MS));
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), Integer.toString(DEFAULT_HEARTBEAT_INTERVAL_MS));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), Integer.toString(DEFAULT_TRANSACTION_TIMEOUT_MS));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), Integer.toString(DEFAULT_PRODUCER_BATCH_BYTES));
        props.putAll(overrides);
        return props;
    }
}
