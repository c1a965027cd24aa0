package io.cryflow.loadtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.RoomReport;
import io.cryflow.ingest.RoomSender;
import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.chunk.Pacer;
import io.cryflow.ingest.publish.ChunkSink;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class EmulatedMicrophonesTest {

    private static final int RATE = 16_000;
    private static final int CHUNK = 8_000;
    private static final long START = 1_764_000_000_123_457L;

    @Test
    void sendsByteForByteTheChunksTheIngestServiceSendsForTheSameSceneAndStart() throws Exception {
        // 2.3 s: the last chunk is short. Full-scale, clipping and NaN samples exercise the quantizer's edges.
        Scene shared = scene(2.3, 1);
        Scene other = scene(1.7, 2);
        List<SceneRoom> rooms = List.of(new SceneRoom("room-a", shared), new SceneRoom("room-b", shared),
                new SceneRoom("room-c", other));
        RoomStarts starts = new RoomStarts(START, Map.of("room-a", START, "room-b", START + 166_666, "room-c", START + 333_333));
        RecordingSink sink = new RecordingSink();

        List<RoomReport> reports;
        try (RoomSender microphones = EmulatedMicrophones.sender(rooms, starts, "mic-1", CHUNK, sink,
                Pacer.asFastAsPossible())) {
            microphones.start();
            reports = microphones.awaitCompletion(Duration.ofSeconds(10));
        }

        Serializer<AudioChunk> serializer = AvroSerdes.audioChunk().serializer();
        for (SceneRoom room : rooms) {
            List<AudioChunk> expected = ingestServiceChunks(room, starts.of(room.roomId()));
            List<AudioChunk> sent = sink.chunks.stream().filter(c -> c.getRoomId().equals(room.roomId())).toList();
            assertEquals(expected.size(), sent.size(), room.roomId());
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(serializer.serialize("t", expected.get(i)), serializer.serialize("t", sent.get(i)),
                        room.roomId() + " chunk " + i);
            }
            RoomReport report = reports.stream().filter(r -> r.roomId().equals(room.roomId())).findFirst().orElseThrow();
            assertEquals(RoomReport.Outcome.COMPLETED, report.outcome());
            assertEquals(expected.size(), report.chunks());
            assertEquals(room.scene().samples().length, report.samples());
        }
    }

    @Test
    void sendsInCaptureOrderAcrossRoomsEachChunkWhenThePacerAllowsItsCaptureEnd() throws Exception {
        RecordingSink sink = new RecordingSink();
        List<Long> awaited = new ArrayList<>();

        try (RoomSender microphones = twoRoomsAQuarterSecondApart(scene(3.0, 3), sink, awaited::add)) {
            microphones.start();
            microphones.awaitCompletion(Duration.ofSeconds(10));
        }

        // Room b starts a quarter second later, so the rooms alternate: a0 b0 a1 b1 ...
        assertEquals(List.of("room-a", "room-b", "room-a", "room-b", "room-a", "room-b", "room-a", "room-b",
                "room-a", "room-b", "room-a", "room-b"), sink.chunks.stream().map(AudioChunk::getRoomId).toList());
        for (int i = 0; i < sink.chunks.size(); i++) {
            AudioChunk chunk = sink.chunks.get(i);
            long end = AudioChunker.microsOf(chunk.getCaptureStartMicros()) + 500_000;
            assertEquals(end, awaited.get(i), "the pacer is asked for each chunk's capture end before it is sent");
            assertEquals(i / 2, chunk.getSequenceNumber());
        }
    }

    @Test
    void aFailingRoomStopsAloneAndStopEndsTheUnfinishedRoomsAsStopped() throws Exception {
        RecordingSink sink = new RecordingSink();
        sink.failRoomAtSequence("room-a", 2);
        CountDownLatch sixSent = new CountDownLatch(1);
        Pacer pacer = captureEnd -> {
            if (sink.chunks.size() >= 6) {
                sixSent.countDown();
                Thread.sleep(60_000); // a chunk far in the future: stop() must interrupt this
            }
        };

        List<RoomReport> reports;
        try (RoomSender microphones = twoRoomsAQuarterSecondApart(scene(5.0, 4), sink, pacer)) {
            microphones.start();
            assertTrue(sixSent.await(10, TimeUnit.SECONDS));
            reports = microphones.stop(Duration.ofSeconds(10));
        }

        Map<String, RoomReport> byRoom = reports.stream().collect(Collectors.toMap(RoomReport::roomId, r -> r));
        assertEquals(RoomReport.Outcome.FAILED, byRoom.get("room-a").outcome());
        assertEquals(2, byRoom.get("room-a").chunks(), "chunks 0 and 1 went out, chunk 2 failed");
        assertTrue(byRoom.get("room-a").error().contains("refused"));
        assertEquals(RoomReport.Outcome.STOPPED, byRoom.get("room-b").outcome());
        assertEquals(4, byRoom.get("room-b").chunks(), "room b went on after room a failed");
        assertEquals(4 * CHUNK, byRoom.get("room-b").samples());
        assertTrue(sink.flushed, "stop flushes the sink");
    }

    /** Rooms a and b playing one scene, b's capture starting a quarter second after a's. */
    private static RoomSender twoRoomsAQuarterSecondApart(Scene scene, ChunkSink sink, Pacer pacer) {
        List<SceneRoom> rooms = List.of(new SceneRoom("room-a", scene), new SceneRoom("room-b", scene));
        RoomStarts starts = new RoomStarts(START, Map.of("room-a", START, "room-b", START + 250_000));
        return EmulatedMicrophones.sender(rooms, starts, "mic-1", CHUNK, sink, pacer);
    }

    private static List<AudioChunk> ingestServiceChunks(SceneRoom room, long startMicros) throws Exception {
        AudioChunker chunker = new AudioChunker(room.source("mic-1", false, startMicros), CHUNK);
        List<AudioChunk> chunks = new ArrayList<>();
        for (AudioChunk chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
            chunks.add(chunk);
        }
        return chunks;
    }

    private static Scene scene(double seconds, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[(int) Math.round(seconds * RATE)];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (float) (random.nextGaussian() * 0.3);
        }
        samples[0] = 1.0f;
        samples[1] = -1.0f;
        samples[2] = 1.7f;
        samples[3] = Float.NaN;
        samples[4] = 0.5f / 32768;
        return new Scene(samples, new float[samples.length], RATE, List.of(), List.of("bg.wav"), SceneSpec.defaults());
    }

    /** Keeps what it is sent; can refuse one room's chunk. */
    private static final class RecordingSink implements ChunkSink {
        final List<AudioChunk> chunks = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile boolean flushed;
        private String failRoom;
        private long failSequence = -1;

        void failRoomAtSequence(String room, long sequence) {
            failRoom = room;
            failSequence = sequence;
        }

        @Override
        public void send(AudioChunk chunk) {
            if (chunk.getRoomId().equals(failRoom) && chunk.getSequenceNumber() == failSequence) {
                throw new IllegalStateException("broker refused the chunk");
            }
            chunks.add(chunk);
        }

        @Override
        public void flush() {
            flushed = true;
        }

        @Override
        public void close() {
        }
    }
}
