package io.cryflow.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.SampleEncoding;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class AudioChunkPublisherTest {

    private static AudioChunk chunk(String room, long sequence) {
        return AudioChunk.newBuilder().setRoomId(room).setMicrophoneId("mic-1").setSequenceNumber(sequence)
                .setCaptureStartMicros(AudioChunker.instantOfMicros(sequence * 500_000L)).setSampleRate(16000)
                .setEncoding(SampleEncoding.PCM_S16LE).setChannels(1).setSamples(ByteBuffer.wrap(new byte[4])).build();
    }

    @Test
    void keysByRoomAndCountsAcknowledgementsAndFailures() {
        // Kafka's own in-memory producer: the broker-backed delivery test lives with the broker module.
        MockProducer<String, AudioChunk> producer = new MockProducer<>(false, null, new StringSerializer(),
                (topic, value) -> new byte[0]);
        AudioChunkPublisher publisher = new AudioChunkPublisher(producer, "cryflow.audio.chunks");
        publisher.send(chunk("room-1", 0));
        publisher.send(chunk("room-2", 0));
        publisher.send(chunk("room-1", 1));
        producer.completeNext();
        producer.errorNext(new TimeoutException("broker unreachable"));
        producer.completeNext();

        List<ProducerRecord<String, AudioChunk>> records = producer.history();
        assertEquals(List.of("room-1", "room-2", "room-1"), records.stream().map(ProducerRecord::key).toList());
        assertEquals("cryflow.audio.chunks", records.get(0).topic());
        assertEquals(1L, records.get(2).value().getSequenceNumber());
        assertEquals(3, publisher.stats().sent());
        assertEquals(2, publisher.stats().acknowledged());
        assertEquals(1, publisher.stats().failed());
        publisher.close();
        assertEquals(false, producer.closed(), "a producer passed in stays the caller's");
    }

    @Test
    void producerSettingsGuaranteeIdempotentOrderedDelivery() {
        Properties base = new Properties();
        base.put(ProducerConfig.ACKS_CONFIG, "1"); // overridden: ingest never accepts lossy acks
        base.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        Properties props = ProducerSettings.applyDeliveryGuarantees(base, "zstd");
        assertEquals("true", props.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG));
        assertEquals("all", props.get(ProducerConfig.ACKS_CONFIG));
        assertEquals("zstd", props.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("20", props.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("1", base.get(ProducerConfig.ACKS_CONFIG), "caller's properties untouched");

        Properties defaults = ProducerSettings.forBootstrap("localhost:9092", ProducerSettings.DEFAULT_COMPRESSION);
        assertEquals("localhost:9092", defaults.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("lz4", defaults.get(ProducerConfig.COMPRESSION_TYPE_CONFIG));
        assertEquals("5", defaults.get(ProducerConfig.LINGER_MS_CONFIG));
        assertEquals("262144", defaults.get(ProducerConfig.BATCH_SIZE_CONFIG));
    }
}
