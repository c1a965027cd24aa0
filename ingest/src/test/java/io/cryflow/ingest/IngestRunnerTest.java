package io.cryflow.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.publish.AudioChunkPublisher;
import io.cryflow.ingest.publish.ChunkSink;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneGenerator;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.ingest.scene.SyntheticClipLibrary;
import io.cryflow.ingest.source.AudioBlock;
import io.cryflow.ingest.source.AudioSource;
import io.cryflow.ingest.source.SignalSource;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.AudioChunk;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class IngestRunnerTest {

    private static final long START = 1_750_000_000_000_000L;

    /** Keeps what it is sent, per room, in arrival order. */
    private static final class CollectingSink implements ChunkSink {
        final Map<String, List<AudioChunk>> byRoom = new ConcurrentHashMap<>();

        @Override
        public void send(AudioChunk chunk) {
            byRoom.computeIfAbsent(chunk.getRoomId(), r -> new CopyOnWriteArrayList<>()).add(chunk);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** A 16 kHz source of microphone mic-1 whose reads each test scripts. */
    private abstract static class ScriptedSource implements AudioSource {
        private final String roomId;

        ScriptedSource(String roomId) {
            this.roomId = roomId;
        }

        @Override
        public String roomId() {
            return roomId;
        }

        @Override
        public String microphoneId() {
            return "mic-1";
        }

        @Override
        public int sampleRate() {
            return 16000;
        }

        @Override
        public void close() {
        }
    }

    private static List<AudioSource> sceneRooms(int rooms, double seconds) throws IOException {
        SceneGenerator generator = new SceneGenerator(new SyntheticClipLibrary());
        List<AudioSource> sources = new ArrayList<>();
        for (int r = 0; r < rooms; r++) {
            Scene scene = generator.generate(SceneSpec.defaults().withDurationSeconds(seconds).withCryCount(1)
                    .withMinGapSeconds(0.5).withMaxCrySeconds(2).withSeed(r));
            sources.add(new SignalSource("room-" + r, "mic-1", scene.samples(), 16000, 1000, false, START));
        }
        return sources;
    }

    @Test
    void manyRoomsArriveCompleteInOrderWithContiguousSequenceNumbers() throws Exception {
        int rooms = 8;
        List<AudioSource> sources = sceneRooms(rooms, 10);
        CollectingSink sink = new CollectingSink();
        IngestOptions options = IngestOptions.defaults().withPacing(Pacing.AS_FAST_AS_POSSIBLE);
        IngestRunner runner = new IngestRunner(sources, sink, options);
        runner.start();
        List<RoomReport> reports = runner.awaitCompletion(Duration.ofMinutes(1));
        runner.stop();

        assertEquals(rooms, reports.size());
        for (RoomReport report : reports) {
            assertEquals(RoomReport.Outcome.COMPLETED, report.outcome());
            assertEquals(20, report.chunks());
            assertEquals(160_000, report.samples());
        }
        assertEquals(rooms, sink.byRoom.size());
        for (int r = 0; r < rooms; r++) {
            List<AudioChunk> chunks = sink.byRoom.get("room-" + r);
            assertEquals(20, chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                assertEquals(i, chunks.get(i).getSequenceNumber());
                assertEquals(START + i * 500_000L, AudioChunker.microsOf(chunks.get(i).getCaptureStartMicros()));
                assertEquals(16000, chunks.get(i).getSamples().remaining());
            }
        }
    }

    @Test
    void runsThroughThePublisherKeyedByRoom() throws Exception {
        MockProducer<String, AudioChunk> producer = new MockProducer<>(true, null, new StringSerializer(),
                (topic, value) -> new byte[0]);
        AudioChunkPublisher publisher = new AudioChunkPublisher(producer, IngestOptions.DEFAULT_TOPIC);
        IngestRunner runner = new IngestRunner(sceneRooms(3, 5), publisher,
                IngestOptions.defaults().withPacing(Pacing.AS_FAST_AS_POSSIBLE));
        runner.start();
        runner.awaitCompletion(Duration.ofMinutes(1));
        runner.stop();
        publisher.close();

        assertEquals(30, publisher.stats().acknowledged());
        assertEquals(0, publisher.stats().failed());
        Map<String, List<Long>> sequences = producer.history().stream().collect(Collectors.groupingBy(
                ProducerRecord::key, Collectors.mapping(rec -> rec.value().getSequenceNumber(), Collectors.toList())));
        for (int r = 0; r < 3; r++) {
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), sequences.get("room-" + r));
        }
        assertTrue(producer.history().stream().allMatch(rec -> rec.topic().equals("cryflow.audio.chunks")));
    }

    @Test
    void stopEndsEndlessRealTimeRoomsCleanly() throws Exception {
        List<AudioSource> sources = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            sources.add(new SignalSource("loop-" + r, "mic-1", new float[16000], 16000, 1600, true, START));
        }
        CollectingSink sink = new CollectingSink();
        IngestRunner runner = new IngestRunner(sources, sink, IngestOptions.defaults().withPacing(Pacing.REAL_TIME));
        runner.start();
        // Wait until every room has sent its first chunk (sent at once: real time anchors on it).
        while (sink.byRoom.size() < 4) {
            Thread.sleep(10);
        }
        List<RoomReport> reports = runner.stop();
        assertEquals(4, reports.size());
        for (RoomReport report : reports) {
            assertEquals(RoomReport.Outcome.STOPPED, report.outcome());
            assertEquals(sink.byRoom.get(report.roomId()).size(), report.chunks());
        }
    }

    @Test
    void aFailingRoomIsReportedWhileTheOthersComplete() throws Exception {
        AudioSource broken = new ScriptedSource("broken") {
            private int reads;

            @Override
            public AudioBlock read() throws IOException {
                if (reads++ < 10) {
                    return new AudioBlock(new float[1600], START + reads * 100_000L);
                }
                throw new IOException("microphone unplugged");
            }
        };
        List<AudioSource> sources = new ArrayList<>(sceneRooms(2, 3));
        sources.add(broken);
        CollectingSink sink = new CollectingSink();
        IngestRunner runner = new IngestRunner(sources, sink, IngestOptions.defaults().withPacing(Pacing.AS_FAST_AS_POSSIBLE));
        runner.start();
        List<RoomReport> reports = new ArrayList<>(runner.awaitCompletion(Duration.ofMinutes(1)));
        runner.stop();
        reports.sort(Comparator.comparing(RoomReport::roomId));
        assertEquals(RoomReport.Outcome.FAILED, reports.get(0).outcome());
        assertEquals("microphone unplugged", reports.get(0).error());
        assertEquals(2, reports.get(0).chunks(), "the full chunks before the failure were sent");
        assertEquals(RoomReport.Outcome.COMPLETED, reports.get(1).outcome());
        assertEquals(RoomReport.Outcome.COMPLETED, reports.get(2).outcome());
        // The sent audio is the source's audio, unchanged but for 16-bit rounding.
        float[] decoded = PcmS16le.toFloats(java.nio.ByteBuffer.wrap(bytes(sink.byRoom.get("broken").get(0))));
        assertEquals(8000, decoded.length);
    }

    @Test
    void recordedRoomsShareOneSendingThreadAndEachRoomsFirstChunkGoesAtOnceInRealTime() throws Exception {
        // Two rooms whose capture clocks are an hour apart: real-time pacing replays each on its own timeline, so
        // they alternate; ordered by absolute capture time, the later room would wait an hour.
        List<AudioSource> sources = List.of(
                new SignalSource("early", "mic-1", new float[24000], 16000, 1600, false, START),
                new SignalSource("late", "mic-1", new float[24000], 16000, 1600, false, START + 3_600_000_000L));
        List<String> order = new CopyOnWriteArrayList<>();
        ChunkSink sink = new ChunkSink() {
            @Override
            public void send(AudioChunk chunk) {
                order.add(chunk.getRoomId() + chunk.getSequenceNumber());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        IngestRunner runner = new IngestRunner(sources, sink, IngestOptions.defaults().withPacing(Pacing.REAL_TIME));
        runner.start();
        List<String> ingestThreads = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("ingest-")).toList();
        List<RoomReport> reports = runner.awaitCompletion(Duration.ofSeconds(30));
        runner.stop();

        assertEquals(List.of("ingest-rooms"), ingestThreads);
        assertEquals(List.of("early0", "late0", "early1", "late1", "early2", "late2"), order);
        assertEquals(List.of("early", "late"), reports.stream().map(RoomReport::roomId).toList(), "reports in source order");
    }

    @Test
    void aLiveRoomWaitingForAudioHoldsUpNoOtherRoom() throws Exception {
        CountDownLatch captured = new CountDownLatch(1);
        AudioSource live = new ScriptedSource("live") {
            @Override
            public boolean isLive() {
                return true;
            }

            @Override
            public AudioBlock read() throws InterruptedException {
                captured.await(); // a microphone with nothing captured yet
                return null;
            }
        };
        List<AudioSource> sources = new ArrayList<>(sceneRooms(2, 3));
        sources.add(1, live);
        CollectingSink sink = new CollectingSink();
        IngestRunner runner = new IngestRunner(sources, sink, IngestOptions.defaults().withPacing(Pacing.AS_FAST_AS_POSSIBLE));
        runner.start();
        while (sink.byRoom.values().stream().mapToInt(List::size).sum() < 12) {
            Thread.sleep(10);
        }
        assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("ingest-live-live")));
        List<RoomReport> reports = runner.stop();

        assertEquals(List.of("room-0", "live", "room-1"), reports.stream().map(RoomReport::roomId).toList());
        assertEquals(RoomReport.Outcome.COMPLETED, reports.get(0).outcome());
        assertEquals(RoomReport.Outcome.STOPPED, reports.get(1).outcome());
        assertEquals(0, reports.get(1).chunks());
        assertEquals(RoomReport.Outcome.COMPLETED, reports.get(2).outcome());
        assertEquals(6, reports.get(2).chunks());
    }

    private static byte[] bytes(AudioChunk chunk) {
        byte[] b = new byte[chunk.getSamples().remaining()];
        chunk.getSamples().duplicate().get(b);
        return b;
    }

    @Test
    void optionsHaveDocumentedDefaults() {
        IngestOptions o = IngestOptions.defaults();
        assertEquals("cryflow.audio.chunks", o.topic());
        assertEquals(16000, o.sampleRate());
        assertEquals(8000, o.chunkSamples());
        assertEquals(Pacing.REAL_TIME, o.pacing());
        assertEquals("lz4", o.compression());
        assertEquals(320, o.withChunkDuration(Duration.ofMillis(20)).chunkSamples());
    }
}
