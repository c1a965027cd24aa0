package io.cryflow.ingest.publish;

import io.cryflow.schemas.AudioChunk;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes chunks to a Kafka topic, keyed by room id so each room's chunks stay in order on one
 * partition. Delivery failures are counted and logged (room, microphone, sequence number and the
 * cause), never silently dropped; the first failure is logged with its stack trace.
 */
public final class AudioChunkPublisher implements ChunkSink {

    private static final Logger LOG = LoggerFactory.getLogger(AudioChunkPublisher.class);

    private final Producer<String, AudioChunk> producer;
    private final String topic;
    private final PublishStats stats = new PublishStats();
    private final boolean ownsProducer;

    /**
     * Publishes through a producer the caller made (and keeps owning: {@link #close()} does not
     * close it). Used when the caller shares one producer or supplies a test cluster's.
     */
    public AudioChunkPublisher(Producer<String, AudioChunk> producer, String topic) {
        this(producer, topic, false);
    }

    private AudioChunkPublisher(Producer<String, AudioChunk> producer, String topic, boolean ownsProducer) {
        this.producer = producer;
        this.topic = topic;
        this.ownsProducer = ownsProducer;
    }

    /**
     * Creates its own {@link KafkaProducer} from {@code producerProperties} (bootstrap servers and
     * anything else), with {@link ProducerSettings#applyDeliveryGuarantees} on top.
     */
    public static AudioChunkPublisher create(Properties producerProperties, Serializer<AudioChunk> valueSerializer,
            String topic, String compression) {
        Properties props = ProducerSettings.applyDeliveryGuarantees(producerProperties, compression);
        KafkaProducer<String, AudioChunk> producer = new KafkaProducer<>(props, new StringSerializer(), valueSerializer);
        return new AudioChunkPublisher(producer, topic, true);
    }

    @Override
    public void send(AudioChunk chunk) {
        String room = chunk.getRoomId();
        long sequence = chunk.getSequenceNumber();
        String microphone = chunk.getMicrophoneId();
        stats.recordSent();
        producer.send(new ProducerRecord<>(topic, room, chunk), (metadata, exception) -> {
            if (exception == null) {
                stats.recordAcknowledged();
                return;
            }
            stats.recordFailed();
            LOG.error("Audio chunk lost: topic {} room {} microphone {} sequence {}: {}", topic, room, microphone,
                    sequence, exception.toString(), stats.failed() == 1 ? exception : null);
        });
    }

    @Override
    public void flush() {
        producer.flush();
    }

    /** Delivery counters. */
    public PublishStats stats() {
        return stats;
    }

    /** The topic written to. */
    public String topic() {
        return topic;
    }

    @Override
    public void close() {
        producer.flush();
        if (ownsProducer) {
            producer.close(Duration.ofSeconds(30));
        }
        if (stats.failed() > 0) {
            LOG.warn("Publisher to {} closed with lost chunks: {}", topic, stats);
        } else {
            LOG.info("Publisher to {} closed: {}", topic, stats);
        }
    }
}
