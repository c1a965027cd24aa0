package io.cryflow.cli.faults;

import static io.cryflow.cli.faults.FaultAudio.CHUNKS_PER_ROOM;
import static io.cryflow.cli.faults.FaultAudio.CHUNK_SAMPLES;
import static io.cryflow.cli.faults.FaultAudio.T0;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes the rooms' chunks round by round (one 0.5 s chunk per room every 50 ms) from its own
 * thread, with an idempotent producer that rides out a broker restart.
 */
final class AudioFeeder implements AutoCloseable {

    private final Thread thread;
    private volatile long startedAt;
    private volatile Exception failure;

    AudioFeeder(Map<String, Object> producerProperties, String topic, Map<String, short[]> audio) {
        this.thread = new Thread(() -> {
            var serializer = AvroSerdes.audioChunk().serializer();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties,
                    new StringSerializer(), new ByteArraySerializer())) {
                for (int c = 0; c < CHUNKS_PER_ROOM; c++) {
                    for (var room : audio.entrySet()) {
                        short[] samples = Arrays.copyOfRange(room.getValue(), c * CHUNK_SAMPLES, (c + 1) * CHUNK_SAMPLES);
                        AudioChunk chunk = AudioChunk.newBuilder().setRoomId(room.getKey()).setMicrophoneId("mic-1")
                                .setSequenceNumber(c).setCaptureStartMicros(T0.plusMillis(500L * c)).setSampleRate(16000)
                                .setSamples(PcmS16le.fromShorts(samples)).build();
                        producer.send(new ProducerRecord<>(topic, room.getKey(), serializer.serialize(topic, chunk)));
                    }
                    producer.flush();
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                failure = e;
            }
        }, "audio-feeder");
    }

    void start() {
        startedAt = System.nanoTime();
        thread.start();
    }

    long startedAt() {
        return startedAt;
    }

    /** Waits for every chunk to be acknowledged; rethrows what went wrong. */
    void awaitDone(Duration timeout) throws Exception {
        thread.join(timeout.toMillis());
        if (failure != null) {
            throw failure;
        }
        if (thread.isAlive()) {
            throw new AssertionError("audio not all published within " + timeout);
        }
    }

    @Override
    public void close() throws Exception {
        awaitDone(Duration.ofSeconds(150));
    }
}
