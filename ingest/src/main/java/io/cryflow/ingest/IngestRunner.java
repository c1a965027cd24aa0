package io.cryflow.ingest;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.chunk.Pacer;
import io.cryflow.ingest.publish.ChunkSink;
import io.cryflow.ingest.source.AudioSource;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.PcmS16le;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest service: drives N rooms concurrently, one thread per room, each reading its source,
 * cutting chunks, pacing them and handing them to a shared {@link ChunkSink}.
 *
 * <p>A failing room is logged and reported; the other rooms go on. {@link #stop()} interrupts
 * the rooms, waits up to the configured timeout, flushes the sink and closes the sources; the
 * sink itself stays the caller's to close.
 */
public final class IngestRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestRunner.class);

    private final List<AudioSource> sources;
    private final ChunkSink sink;
    private final IngestOptions options;
    private final ExecutorService executor;
    private final List<CompletableFuture<RoomReport>> rooms = new ArrayList<>();
    private volatile boolean stopping;
    private boolean started;

    public IngestRunner(List<AudioSource> sources, ChunkSink sink, IngestOptions options) {
        for (AudioSource s : sources) {
            if (s.sampleRate() != options.sampleRate()) {
                throw new IllegalArgumentException("room " + s.roomId() + ": source rate " + s.sampleRate()
                        + " Hz differs from the pipeline rate " + options.sampleRate() + " Hz");
            }
        }
        this.sources = List.copyOf(sources);
        this.sink = sink;
        this.options = options;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(1, sources.size()), r -> {
            Thread t = new Thread(r, "ingest-room-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts every room. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        LOG.info("Ingest starting {} rooms to topic {} ({} ms chunks, {})", sources.size(), options.topic(),
                options.chunkDuration().toMillis(), options.pacing());
        for (AudioSource source : sources) {
            rooms.add(CompletableFuture.supplyAsync(() -> runRoom(source), executor));
        }
    }

    /**
     * Waits until every room's source has ended (or failed) and returns their reports; for finite
     * sources.
     */
    public List<RoomReport> awaitCompletion(Duration timeout) throws InterruptedException, TimeoutException {
        CompletableFuture<Void> all = CompletableFuture.allOf(rooms.toArray(new CompletableFuture<?>[0]));
        try {
            all.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("room task failed unexpectedly", e.getCause());
        }
        sink.flush();
        return reports();
    }

    /** Stops all rooms, flushes the sink and closes the sources; returns the rooms' reports. */
    public synchronized List<RoomReport> stop() {
        stopping = true;
        executor.shutdownNow(); // interrupts pacing sleeps and blocking reads
        try {
            if (!executor.awaitTermination(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Ingest: some rooms did not stop within {}", options.stopTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.flush();
        for (AudioSource source : sources) {
            try {
                source.close();
            } catch (Exception e) {
                LOG.warn("Room {}: closing the source failed: {}", source.roomId(), e.toString());
            }
        }
        List<RoomReport> reports = reports();
        LOG.info("Ingest stopped: {}", reports);
        return reports;
    }

    @Override
    public void close() {
        stop();
    }

    private List<RoomReport> reports() {
        List<RoomReport> reports = new ArrayList<>();
        for (CompletableFuture<RoomReport> room : rooms) {
            RoomReport report = room.getNow(null);
            if (report != null) {
                reports.add(report);
            }
        }
        return reports;
    }

    private RoomReport runRoom(AudioSource source) {
        String room = source.roomId();
        AudioChunker chunker = new AudioChunker(source, options.chunkSamples());
        Pacer pacer = options.pacing().newPacer();
        long samples = 0;
        long sent = 0;
        try {
            while (!stopping && !Thread.currentThread().isInterrupted()) {
                AudioChunk chunk = chunker.next();
                if (chunk == null) {
                    LOG.info("Room {}: source ended after {} chunks", room, sent);
                    return new RoomReport(room, source.microphoneId(), sent, samples,
                            RoomReport.Outcome.COMPLETED, "");
                }
                int chunkSamples = PcmS16le.sampleCount(chunk.getSamples());
                pacer.awaitCaptureTime(AudioChunker.captureEndMicros(chunk));
                sink.send(chunk);
                sent++;
                samples += chunkSamples;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (!stopping) {
                LOG.error("Room {}: ingest failed after {} chunks: {}", room, sent, e.toString(), e);
                return new RoomReport(room, source.microphoneId(), sent, samples,
                        RoomReport.Outcome.FAILED, String.valueOf(e.getMessage()));
            }
        }
        return new RoomReport(room, source.microphoneId(), sent, samples, RoomReport.Outcome.STOPPED, "");
    }
}
