package io.cryflow.ingest;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.chunk.ChunkStream;
import io.cryflow.ingest.publish.ChunkSink;
import io.cryflow.ingest.source.AudioSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest service: drives N rooms concurrently, each reading its source, cutting chunks, pacing them and handing them
 * to a shared {@link ChunkSink}. Recorded and generated sources share one sending thread ({@link RoomSender});
 * each live source gets its own, since its reads wait for the audio to be captured.
 *
 * <p>A failing room is logged and reported; the other rooms go on. {@link #stop()} interrupts the rooms, waits up
 * to the configured timeout, flushes the sink (each sender does) and closes the sources; the sink itself stays the
 * caller's to close.
 */
public final class IngestRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestRunner.class);

    private final List<AudioSource> sources;
    private final ChunkSink sink;
    private final IngestOptions options;
    /** Every recorded or generated room, on one thread; null when every source is live. */
    private final RoomSender recordedSender;
    /** One per live source, in source order. */
    private final List<RoomSender> liveSenders = new ArrayList<>();
    private boolean started;
    private boolean stopped;

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
        List<ChunkStream> recorded = new ArrayList<>();
        for (AudioSource source : this.sources) {
            AudioChunker chunker = new AudioChunker(source, options.chunkSamples());
            if (source.isLive()) {
                liveSenders.add(sender("ingest-live-" + source.roomId(), List.of(chunker)));
            } else {
                recorded.add(chunker);
            }
        }
        this.recordedSender = recorded.isEmpty() ? null : sender("ingest-rooms", recorded);
    }

    /** Every sender: the recorded rooms' one, if any, then the live ones. */
    private List<RoomSender> senders() {
        List<RoomSender> senders = new ArrayList<>();
        if (recordedSender != null) {
            senders.add(recordedSender);
        }
        senders.addAll(liveSenders);
        return senders;
    }

    private RoomSender sender(String threadName, List<ChunkStream> rooms) {
        return new RoomSender(threadName, rooms, sink, options.pacing().newPacer(), options.pacing().anchorsOnFirstChunk());
    }

    /** Starts every room. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        List<RoomSender> senders = senders();
        LOG.info("Ingest starting {} rooms on {} sending threads to topic {} ({} ms chunks, {})", sources.size(),
                senders.size(), options.topic(), options.chunkDuration().toMillis(), options.pacing());
        senders.forEach(RoomSender::start);
    }

    /**
     * Waits until every room's source has ended (or failed) and returns their reports; for finite
     * sources.
     */
    public List<RoomReport> awaitCompletion(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RoomSender sender : senders()) {
            sender.awaitCompletion(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        return reports();
    }

    /** Stops all rooms, flushes the sink and closes the sources; returns the rooms' reports. */
    public synchronized List<RoomReport> stop() {
        if (!stopped) {
            stopped = true;
            List<RoomSender> senders = senders();
            senders.forEach(RoomSender::requestStop); // all at once, then wait for each
            long deadline = System.nanoTime() + options.stopTimeout().toNanos();
            for (RoomSender sender : senders) {
                sender.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
            for (AudioSource source : sources) {
                try {
                    source.close();
                } catch (Exception e) {
                    LOG.warn("Room {}: closing the source failed: {}", source.roomId(), e.toString());
                }
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

    /** The rooms' reports, in the order of the sources (each sender reports its rooms in the order it got them). */
    private List<RoomReport> reports() {
        Iterator<RoomReport> recorded = recordedSender == null
                ? Collections.emptyIterator() : recordedSender.reports().iterator();
        Iterator<RoomSender> live = liveSenders.iterator();
        List<RoomReport> reports = new ArrayList<>();
        for (AudioSource source : sources) {
            reports.add(source.isLive() ? live.next().reports().get(0) : recorded.next());
        }
        return reports;
    }
}
