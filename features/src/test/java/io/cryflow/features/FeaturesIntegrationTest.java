package io.cryflow.features;

import static io.cryflow.features.FeaturesDriver.chunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MelFramesFlag;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.DeadLetterConfig;
import io.cryflow.testkit.KafkaFixture;
import io.cryflow.testkit.KafkaIntegrationTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The features app on a real broker, exactly-once: a real 16 kHz cry clip in 100 ms chunks becomes the
 * same log-mel frames as the extractor run directly, and a corrupt record between the chunks lands
 * in the dead-letter topic with its reason while the app carries on.
 */
@KafkaIntegrationTest
class FeaturesIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String ROOM = "nicu-7";

    @Test
    void aRealClipBecomesTheDirectExtractorsFramesAndACorruptRecordADeadLetter(KafkaFixture kafka, @TempDir Path stateDir)
            throws Exception {
        short[] audio = TestAudio.readWav(TestAudio.sharedData().resolve("baby_cry_detection/crying_baby/esc50_1-211527-A.wav"), TestAudio.RATE);
        List<AudioChunk> chunks = chunk(ROOM, "mic-1", audio, 1600);

        String input = kafka.createTopic("audio", 2);
        String mel = kafka.createTopic("mel", 2);
        String candidates = kafka.createTopic("candidates", 2);
        String status = kafka.createTopic("status", 2);
        String deadLetters = kafka.createTopic("deadletter", 1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.uniqueGroupId("features"));
        props.put(FeaturesConfig.INPUT_TOPIC, input);
        props.put(FeaturesConfig.MEL_TOPIC, mel);
        props.put(FeaturesConfig.CANDIDATES_TOPIC, candidates);
        props.put(FeaturesConfig.STATUS_TOPIC, status);
        props.put(DeadLetterConfig.TOPIC, deadLetters);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);

        byte[] corrupt = {(byte) 0xC3, 0x01, 0x55, 0x55};
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        var serializer = AvroSerdes.audioChunk().serializer();
        for (AudioChunk chunk : chunks) {
            records.add(new ProducerRecord<>(input, ROOM, serializer.serialize(input, chunk)));
            if (chunk.getSequenceNumber() == 10) {
                records.add(new ProducerRecord<>(input, ROOM, corrupt));
            }
        }

        FeaturesApp app = new FeaturesApp();
        try {
            app.start(kafka.bootstrapServers(), stateDir.toString(), props);
            assertTrue(app.awaitRunning(WAIT), "features app running");
            kafka.produce(records, new StringSerializer(), new ByteArraySerializer());

            List<ConsumerRecord<String, MelFrames>> frames = kafka.consume(mel, chunks.size(), WAIT,
                    new StringDeserializer(), AvroSerdes.melFrames().deserializer());
            List<MelFrames> values = frames.stream().map(ConsumerRecord::value).toList();
            assertTrue(frames.stream().allMatch(r -> r.key().equals(ROOM)), "keyed by room");
            assertEquals(List.of(MelFramesFlag.STREAM_START), values.get(0).getFlags());
            assertArrayEquals(FeaturesTopologyTest.directFrames(audio), FeaturesTopologyTest.concatenated(values));

            ConsumerRecord<byte[], DeadLetter> letter = kafka.consume(deadLetters, 1, WAIT,
                    new ByteArrayDeserializer(), AvroSerdes.deadLetter().deserializer()).get(0);
            assertEquals("TRUNCATED", letter.value().getReasonCode());
            assertEquals(input, letter.value().getSourceTopic());
            assertArrayEquals(corrupt, bytes(letter.value().getValue()));
            assertArrayEquals(ROOM.getBytes(StandardCharsets.UTF_8), letter.key());
            assertEquals(props.get(StreamsConfig.APPLICATION_ID_CONFIG), letter.value().getStage());
            assertEquals(KafkaStreams.State.RUNNING, app.state());

            // The held chunks' changelog as Streams created it on the broker: raw audio cleaned within minutes.
            ConfigResource pending = new ConfigResource(ConfigResource.Type.TOPIC,
                    props.get(StreamsConfig.APPLICATION_ID_CONFIG) + "-" + MicrophoneProcessor.PENDING_STORE + "-changelog");
            Config pendingConfig = kafka.admin().describeConfigs(List.of(pending)).all().get().get(pending);
            assertEquals("compact", pendingConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
            assertEquals("60000", pendingConfig.get(TopicConfig.SEGMENT_MS_CONFIG).value());
            assertEquals("600000", pendingConfig.get(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG).value());
        } finally {
            app.stop();
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
