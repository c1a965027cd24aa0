package io.cryflow.ingest;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.chunk.ChunkStream;
import io.cryflow.ingest.chunk.Pacer;
import io.cryflow.ingest.publish.ChunkSink;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.PcmS16le;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends many rooms' chunks from one thread: each room's next chunk waits in a queue ordered by when it is due, the
 * thread sends the earliest once the pacer allows it, then reads that room's next chunk.
 *
 * <p>One thread instead of one per room because, measured with 500 rooms on a 2-core machine, 500 room threads
 * sleeping and waking twice a second and contending on the one producer took a third of a core, and whenever the
 * heap grew their fresh allocations page-faulted for up to a core at once (BENCHMARKS.md, section 3). The price: a
 * source whose read waits (a live device) would hold up every room, so live sources get a sender each.
 *
 * <p>When a chunk is due: with {@code anchorOnFirstChunk}, by its capture end minus its room's first chunk's, so
 * every room's first chunk goes at once and the pacer (anchored on its first call) sees each room's own timeline;
 * otherwise by its capture end itself, for a pacer on the system clock. A room whose source or sink fails ends
 * alone as {@link RoomReport.Outcome#FAILED}; the others go on.
 */
public final class RoomSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RoomSender.class);

    private final List<Room> rooms = new ArrayList<>();
    private final ChunkSink sink;
    private final Pacer pacer;
    private final boolean anchorOnFirstChunk;
    private final Thread thread;
    private volatile boolean stopping;

    /**
     * @param threadName         the sending thread's name
     * @param streams            the rooms' chunks; the sender reads them, their owner closes them
     * @param sink               where chunks go; flushed by {@link #awaitCompletion} and {@link #stop}, not closed
     * @param pacer              when a chunk may go, by its due time (see the class comment); one for all rooms
     * @param anchorOnFirstChunk whether chunks are due by their time since their room's first chunk, not by their
     *                           capture end
     */
    public RoomSender(String threadName, List<? extends ChunkStream> streams, ChunkSink sink, Pacer pacer,
            boolean anchorOnFirstChunk) {
        for (ChunkStream stream : streams) {
            rooms.add(new Room(rooms.size(), stream));
        }
        this.sink = sink;
        this.pacer = pacer;
        this.anchorOnFirstChunk = anchorOnFirstChunk;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    /** Starts sending. */
    public void start() {
        thread.start();
    }

    /**
     * Waits until every room's stream has ended (or failed), flushes the sink and returns the rooms' reports, in the
     * order of the streams.
     */
    public List<RoomReport> awaitCompletion(Duration timeout) throws InterruptedException, TimeoutException {
        thread.join(Math.max(1, timeout.toMillis()));
        if (thread.isAlive()) {
            throw new TimeoutException(thread.getName() + ": rooms still sending after " + timeout);
        }
        sink.flush();
        return reports();
    }

    /**
     * Stops sending (interrupting a pacing wait), waits up to {@code timeout} for the thread, flushes the sink and
     * returns the rooms' reports; rooms not finished are STOPPED.
     */
    public List<RoomReport> stop(Duration timeout) {
        requestStop();
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} did not stop within {}", thread.getName(), timeout);
        }
        sink.flush();
        return reports();
    }

    /** Tells the thread to stop (interrupting a pacing wait) without waiting for it; {@link #stop} then waits. */
    public void requestStop() {
        stopping = true;
        thread.interrupt();
    }

    @Override
    public void close() {
        if (thread.isAlive()) {
            stop(Duration.ofSeconds(10));
        }
    }

    /** The rooms' reports so far, in the order of the streams. */
    public List<RoomReport> reports() {
        List<RoomReport> reports = new ArrayList<>();
        for (Room room : rooms) {
            reports.add(room.report());
        }
        return reports;
    }

    private void run() {
        PriorityQueue<Room> due = new PriorityQueue<>(Comparator.comparingLong(Room::dueMicros).thenComparingInt(Room::order));
        try {
            for (Room room : rooms) {
                if (room.prepareNext(anchorOnFirstChunk)) {
                    due.add(room);
                }
            }
            while (!due.isEmpty() && !stopping) {
                Room room = due.poll();
                pacer.awaitCaptureTime(room.dueMicros());
                try {
                    sink.send(room.next);
                } catch (RuntimeException e) {
                    if (stopping) {
                        break;
                    }
                    // As a room with its own thread would: the failing room stops, the others go on.
                    LOG.error("Room {}: sending failed after {} chunks: {}", room.roomId(), room.sent, e.toString(), e);
                    room.end(RoomReport.Outcome.FAILED, String.valueOf(e.getMessage()));
                    continue;
                }
                room.markSent();
                if (room.prepareNext(anchorOnFirstChunk)) {
                    due.add(room);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One room's progress, with its next chunk read ahead; written only by the sending thread. */
    private static final class Room {
        private final int order;
        private final ChunkStream stream;
        private volatile long sent;
        private volatile long samples;
        private volatile RoomReport.Outcome outcome;
        private volatile String error = "";
        private AudioChunk next;
        private long firstCaptureEndMicros;
        private long dueMicros;

        Room(int order, ChunkStream stream) {
            this.order = order;
            this.stream = stream;
        }

        int order() {
            return order;
        }

        String roomId() {
            return stream.roomId();
        }

        long dueMicros() {
            return dueMicros;
        }

        /** Reads the next chunk; false once the room has ended (its stream is over, or reading failed). */
        boolean prepareNext(boolean anchorOnFirstChunk) throws InterruptedException {
            try {
                next = stream.next();
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (Thread.currentThread().isInterrupted()) {
                    // Stopped in the middle of a read (e.g. ClosedByInterruptException): a stop, not a failure.
                    throw new InterruptedException("stopped while reading " + roomId());
                }
                LOG.error("Room {}: reading audio failed after {} chunks: {}", roomId(), sent, e.toString(), e);
                end(RoomReport.Outcome.FAILED, String.valueOf(e.getMessage()));
                return false;
            }
            if (next == null) {
                LOG.debug("Room {}: source ended after {} chunks", roomId(), sent);
                end(RoomReport.Outcome.COMPLETED, "");
                return false;
            }
            long captureEnd = AudioChunker.captureEndMicros(next);
            if (sent == 0) {
                firstCaptureEndMicros = captureEnd;
            }
            dueMicros = anchorOnFirstChunk ? captureEnd - firstCaptureEndMicros : captureEnd;
            return true;
        }

        void markSent() {
            samples += PcmS16le.sampleCount(next.getSamples());
            sent++;
        }

        void end(RoomReport.Outcome how, String message) {
            error = message;
            outcome = how;
        }

        RoomReport report() {
            RoomReport.Outcome how = outcome;
            return new RoomReport(stream.roomId(), stream.microphoneId(), sent, samples,
                    how == null ? RoomReport.Outcome.STOPPED : how, how == null ? "" : error);
        }
    }
}
