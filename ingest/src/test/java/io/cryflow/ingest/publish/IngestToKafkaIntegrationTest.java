package io.cryflow.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.IngestOptions;
import io.cryflow.ingest.IngestRunner;
import io.cryflow.ingest.Pacing;
import io.cryflow.ingest.RoomReport;
import io.cryflow.ingest.audit.AudioTopicReader;
import io.cryflow.ingest.audit.ChunkStreamAudit;
import io.cryflow.ingest.audit.ChunkStreamAudit.MicrophoneAudit;
import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.SceneRooms;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.ingest.source.AudioSource;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.testkit.KafkaFixture;
import io.cryflow.testkit.KafkaIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Ingest through a real broker: every room's audio arrives complete, in order and bit-exact. */
@KafkaIntegrationTest
class IngestToKafkaIntegrationTest {

    private static final int ROOMS = 20;
    private static final double SECONDS = 30;

    @Test
    void twentyRoomsOfThirtySecondsArriveCompleteInOrderAndContiguous(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("audio", 6);
        SceneSpec spec = SceneSpec.defaults().withDurationSeconds(SECONDS).withCryCount(2).withSeed(11);
        List<SceneRoom> rooms = SceneRooms.generate(new BundledClipLibrary(), spec, ROOMS, "room");
        long startMicros = 1_700_000_000_000_000L;
        List<AudioSource> sources = new ArrayList<>();
        for (SceneRoom room : rooms) {
            sources.add(room.source("mic-1", false, startMicros));
        }
        IngestOptions options = IngestOptions.defaults().withTopic(topic).withPacing(Pacing.AS_FAST_AS_POSSIBLE);
        Properties producer = ProducerSettings.forBootstrap(kafka.bootstrapServers(), "lz4");

        List<RoomReport> reports;
        try (AudioChunkPublisher publisher =
                AudioChunkPublisher.create(producer, AvroSerdes.audioChunk().serializer(), topic, "lz4");
                IngestRunner runner = new IngestRunner(sources, publisher, options)) {
            runner.start();
            reports = runner.awaitCompletion(Duration.ofMinutes(2));
            publisher.flush();
            assertEquals(0, publisher.stats().failed());
            assertEquals(ROOMS * 60L, publisher.stats().acknowledged());
        }
        reports.forEach(r -> assertEquals(RoomReport.Outcome.COMPLETED, r.outcome(), r.toString()));

        long expected = ROOMS * (long) (SECONDS * 2);
        ChunkStreamAudit audit = AudioTopicReader.read(kafka.bootstrapServers(), topic, expected, Duration.ofSeconds(60),
                new Properties());
        assertEquals(expected, audit.totalChunks());
        assertEquals(ROOMS, audit.microphones().size());
        for (MicrophoneAudit microphone : audit.microphones()) {
            assertTrue(microphone.clean(), microphone.toString());
            assertEquals(60, microphone.chunks(), microphone.toString());
            assertEquals(SECONDS, microphone.seconds(), 1e-9);
        }

        // The audio itself survives the trip: reassemble each room and compare with the scene, sample by sample.
        List<ConsumerRecord<String, AudioChunk>> records = kafka.consume(topic, (int) expected, Duration.ofSeconds(60),
                new StringDeserializer(), AvroSerdes.audioChunk().deserializer());
        Map<String, List<AudioChunk>> byRoom = new HashMap<>();
        records.forEach(r -> byRoom.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value()));
        for (SceneRoom room : rooms) {
            float[] scene = room.scene().samples();
            int offset = 0;
            for (AudioChunk chunk : byRoom.get(room.roomId())) {
                short[] pcm = PcmS16le.toShorts(chunk.getSamples());
                for (short s : pcm) {
                    assertEquals(PcmS16le.quantize(scene[offset]), s, room.roomId() + " sample " + offset);
                    offset++;
                }
            }
            assertEquals(scene.length, offset, room.roomId());
        }
    }
}
