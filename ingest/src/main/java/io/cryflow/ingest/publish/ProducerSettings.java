package io.cryflow.ingest.publish;

import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Producer configuration for audio chunks: no loss, no duplicates, per-room order.
 *
 * <p>{@code enable.idempotence=true} with {@code acks=all} means retries neither duplicate nor
 * reorder a room's chunks (idempotence keeps order with up to 5 in-flight requests). Compression
 * is cheap relative to the audio's 256 kbit/s per microphone; lz4 by default for its low CPU cost.
 */
public final class ProducerSettings {

    /** Default compression: lz4. */
    public static final String DEFAULT_COMPRESSION = "lz4";
    /** Default linger: 5 ms, to batch the chunks of many rooms without adding noticeable latency. */
    public static final int DEFAULT_LINGER_MS = 5;
    /**
     * Default batch size per partition: 256 kB. A 0.5 s chunk is 16 kB of PCM before compression, so Kafka's
     * 16 kB default would send most chunks in a batch and a request of their own; the broker's cost is per batch.
     */
    public static final int DEFAULT_BATCH_BYTES = 256 * 1024;

    private ProducerSettings() {
    }

    /**
     * Settings for {@code bootstrapServers}, with {@code compression} one of lz4 or zstd (or any
     * Kafka compression type). Serializers are not set: the publisher passes them in.
     */
    public static Properties forBootstrap(String bootstrapServers, String compression) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "cryflow-ingest");
        return applyDeliveryGuarantees(props, compression);
    }

    /**
     * Sets (overriding) the delivery settings ingest relies on in a copy of {@code base}: idempotence,
     * acks=all, compression, and a default linger and batch size if none is given.
     */
    public static Properties applyDeliveryGuarantees(Properties base, String compression) {
        Properties props = new Properties();
        props.putAll(base);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, String.valueOf(DEFAULT_LINGER_MS));
        props.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(DEFAULT_BATCH_BYTES));
        props.putIfAbsent(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
        return props;
    }
}
