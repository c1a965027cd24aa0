package io.cryflow.loadtest;

import io.cryflow.ingest.IngestRunner;
import io.cryflow.ingest.RoomReport;
import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.chunk.Pacer;
import io.cryflow.ingest.publish.ChunkSink;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.source.SampleClock;
import io.cryflow.schemas.AudioChunk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load test's microphones: every room's chunks go out from one thread, in capture order across rooms, each when
 * its pacer allows (the load test's is {@linkplain io.cryflow.ingest.Pacing#WALL_CLOCK the system clock} reaching
 * the chunk's capture end), cut from scenes {@linkplain EncodedScene encoded once}.
 *
 * <p>Not {@link IngestRunner}, which runs a thread per room as live capture needs: on the machine under test, 500
 * room threads each quantizing its own copy of a shared scene, sleeping and waking twice a second and contending on
 * the one producer cost the load generator a quarter to a third of a core, and storms of them took the pipeline's
 * CPU whenever a heap resize made their fresh allocations page-fault. Real microphones are separate devices, so that
 * cost was the harness's, not the pipeline's. The chunks are the ones the ingest service sends for the same scene and
 * start: same keys, sequence numbers, capture times and bytes.
 */
final class EmulatedMicrophones implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmulatedMicrophones.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final List<Room> rooms = new ArrayList<>();
    private final ChunkSink sink;
    private final Pacer pacer;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param rooms        the rooms and their scenes (rooms sharing a scene instance share its encoding)
     * @param starts       each room's capture start
     * @param microphoneId every room's microphone id
     * @param chunkSamples samples per chunk
     * @param sink         where chunks go
     * @param pacer        when each chunk may go, by its capture end; one pacer for all rooms
     */
    EmulatedMicrophones(List<SceneRoom> rooms, RoomStarts starts, String microphoneId, int chunkSamples, ChunkSink sink,
            Pacer pacer) {
        Map<Scene, EncodedScene> encoded = new IdentityHashMap<>();
        for (SceneRoom room : rooms) {
            EncodedScene scene = encoded.computeIfAbsent(room.scene(), s -> new EncodedScene(s, chunkSamples));
            this.rooms.add(new Room(this.rooms.size(), room.roomId(), microphoneId, starts.of(room.roomId()), scene));
        }
        this.sink = sink;
        this.pacer = pacer;
        this.thread = new Thread(this::run, "loadtest-microphones");
        this.thread.setDaemon(true);
    }

    /** Starts sending. */
    void start() {
        thread.start();
    }

    /** Waits until every room has sent its whole scene (or failed), flushes the sink and returns the rooms' reports. */
    List<RoomReport> awaitCompletion(Duration timeout) throws InterruptedException, TimeoutException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new TimeoutException("rooms still sending after " + timeout);
        }
        sink.flush();
        return reports();
    }

    /** Stops sending, flushes the sink and returns the rooms' reports (rooms not finished are STOPPED). */
    List<RoomReport> stop() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Emulated microphones did not stop within {}", STOP_TIMEOUT);
        }
        sink.flush();
        return reports();
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            stop();
        }
    }

    private void run() {
        PriorityQueue<Room> due = new PriorityQueue<>(
                Comparator.comparingLong(Room::nextCaptureEndMicros).thenComparingInt(Room::order));
        for (Room room : rooms) {
            if (room.hasMore()) {
                due.add(room);
            } else {
                room.end(RoomReport.Outcome.COMPLETED, "");
            }
        }
        try {
            while (!due.isEmpty() && !stopping) {
                Room room = due.poll();
                pacer.awaitCaptureTime(room.nextCaptureEndMicros());
                try {
                    sink.send(room.nextChunk());
                } catch (RuntimeException e) {
                    if (stopping) {
                        break;
                    }
                    // As in the ingest service: the failing room stops, the others go on.
                    LOG.error("Room {}: sending failed after {} chunks: {}", room.roomId, room.sent, e.toString(), e);
                    room.end(RoomReport.Outcome.FAILED, String.valueOf(e.getMessage()));
                    continue;
                }
                room.markSent();
                if (room.hasMore()) {
                    due.add(room);
                } else {
                    room.end(RoomReport.Outcome.COMPLETED, "");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<RoomReport> reports() {
        List<RoomReport> reports = new ArrayList<>();
        for (Room room : rooms) {
            reports.add(room.report());
        }
        return reports;
    }

    /**
     * One room's progress, with its next chunk ready (the queue orders rooms by that chunk's capture end); touched
     * only by the sending thread until it has ended.
     */
    private static final class Room {
        private final int order;
        private final String roomId;
        private final String microphoneId;
        private final SampleClock clock;
        private final EncodedScene scene;
        private long sent;
        private long samples;
        private AudioChunk next;
        private long nextCaptureEndMicros;
        private RoomReport.Outcome outcome;
        private String error = "";

        Room(int order, String roomId, String microphoneId, long startMicros, EncodedScene scene) {
            this.order = order;
            this.roomId = roomId;
            this.microphoneId = microphoneId;
            this.clock = scene.clockFrom(startMicros);
            this.scene = scene;
            prepareNext();
        }

        int order() {
            return order;
        }

        boolean hasMore() {
            return next != null;
        }

        long nextCaptureEndMicros() {
            return nextCaptureEndMicros;
        }

        AudioChunk nextChunk() {
            return next;
        }

        void markSent() {
            samples += scene.samplesIn(sent);
            sent++;
            prepareNext();
        }

        private void prepareNext() {
            next = sent < scene.chunkCount() ? scene.chunk(roomId, microphoneId, clock, sent) : null;
            nextCaptureEndMicros = next == null ? Long.MAX_VALUE : AudioChunker.captureEndMicros(next);
        }

        void end(RoomReport.Outcome how, String message) {
            outcome = how;
            error = message;
        }

        RoomReport report() {
            return new RoomReport(roomId, microphoneId, sent, samples,
                    outcome == null ? RoomReport.Outcome.STOPPED : outcome, error);
        }
    }
}
