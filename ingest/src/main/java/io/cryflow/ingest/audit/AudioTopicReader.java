package io.cryflow.ingest.audit;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads an audio topic from the beginning into a {@link ChunkStreamAudit}: how operators (and the
 * tests) check that what ingest published arrived complete and in order. Uses no consumer group,
 * so it never commits offsets or disturbs the pipeline's consumers.
 */
public final class AudioTopicReader {

    private AudioTopicReader() {
    }

    /**
     * Reads until {@code expectedChunks} have arrived or {@code timeout} passes.
     *
     * @param clientOverrides extra consumer settings (security and the like); may be empty
     */
    public static ChunkStreamAudit read(String bootstrapServers, String topic, long expectedChunks, Duration timeout,
            Properties clientOverrides) {
        Properties props = new Properties();
        props.putAll(clientOverrides);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "cryflow-audit-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        ChunkStreamAudit audit = new ChunkStreamAudit();
        try (KafkaConsumer<String, AudioChunk> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), AvroSerdes.audioChunk().deserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> assignment = partitions.stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toList());
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (audit.totalChunks() < expectedChunks && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, AudioChunk> record : consumer.poll(Duration.ofMillis(200))) {
                    audit.accept(record.key(), record.value());
                }
            }
        }
        return audit;
    }
}
