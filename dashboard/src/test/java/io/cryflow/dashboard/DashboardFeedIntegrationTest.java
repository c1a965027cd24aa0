package io.cryflow.dashboard;

import static io.cryflow.dashboard.DashboardRecords.event;
import static io.cryflow.dashboard.DashboardRecords.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.Float32le;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.testkit.KafkaFixture;
import io.cryflow.testkit.KafkaIntegrationTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The feed on a real broker: history from the lookback, live mel levels, bad records skipped. */
@KafkaIntegrationTest
class DashboardFeedIntegrationTest {

    @Test
    void foldsEventsStatusAndLevelsIntoTheBoard(KafkaFixture kafka) throws Exception {
        DashboardFeed.Topics topics = new DashboardFeed.Topics(kafka.createTopic("events", 2), kafka.createTopic("status", 2),
                kafka.createTopic("candidates", 2), kafka.createTopic("mel", 2), kafka.createTopic("deadletter", 1));
        var events = AvroSerdes.cryEvent().serializer();
        var statuses = AvroSerdes.microphoneStatus().serializer();
        kafka.produce(List.of(
                new ProducerRecord<>(topics.cryEvents(), "nicu-1", events.serialize("t", event("nicu-1", CryEventType.CRY_STARTED, 0, null, CryCause.HUNGRY, 0.9f))),
                new ProducerRecord<>(topics.cryEvents(), "nicu-1", new byte[] {1, 2, 3}),
                new ProducerRecord<>(topics.microphoneStatus(), "nicu-2", statuses.serialize("t", status("nicu-2", "mic-1", MicrophoneState.MICROPHONE_OFFLINE, "no audio for 10 s")))),
                new StringSerializer(), new ByteArraySerializer());

        RoomBoard board = new RoomBoard();
        var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        Set<String> changed = ConcurrentHashMap.newKeySet();
        try (DashboardFeed feed = new DashboardFeed(kafka.consumerProperties("unused"), topics, board, changed::add,
                Duration.ofHours(1), new PipelineMetrics(registry)).start()) {
            await(() -> changed.containsAll(Set.of("nicu-1", "nicu-2")));
            assertEquals("CRYING", board.view("nicu-1").state());
            assertEquals("OFFLINE", board.view("nicu-2").state());
            await(() -> feed.undecodable() == 1);

            // Mel frames are read from now on: a frame at a known level moves the meter.
            double energy = DbfsCalibration.of(FeatureConfig.DEFAULT).toEnergy(-30.0);
            float[] logMel = new float[64];
            Arrays.fill(logMel, (float) (10 * Math.log10(energy / 64)));
            MelFrames frames = MelFrames.newBuilder().setRoomId("nicu-3").setMicrophoneId("mic-1").setDspConfigId("x")
                    .setFirstFrameIndex(0).setFirstFrameCaptureMicros(DashboardRecords.T0).setHopMicros(10_000)
                    .setMelBands(64).setFrameCount(1).setLogMel(Float32le.fromFloats(logMel)).build();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (board.view("nicu-3") == null && System.nanoTime() < deadline) {
                kafka.produce(List.of(new ProducerRecord<>(topics.melFrames(), "nicu-3",
                        AvroSerdes.melFrames().serializer().serialize("t", frames))), new StringSerializer(), new ByteArraySerializer());
                Thread.sleep(200);
            }
            assertEquals(-30.0, board.view("nicu-3").levelDbfs(), 0.01);
            assertTrue(registry.get("cryflow.room.chunks").tag("room", "nicu-3").counter().count() >= 1);
            assertEquals(0, registry.find("cryflow.events").counters().size(), "history is shown, not counted as new");
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within 30 s");
    }
}
