package io.cryflow.ingest;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.chunk.ChunkStream;
import io.cryflow.ingest.publish.ChunkSink;
import io.cryflow.ingest.source.AudioSource;
import java.time.Duration;
import java.util.ArrayList;
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
 * to the configured timeout, flushes the sink and closes the sources; the sink itself stays the caller's to close.
 */
public final class IngestRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestRunner.class);

    private final List<AudioSource> sources;
    private final ChunkSink sink;
    private final IngestOptions options;
    private final List<RoomSender> senders = new ArrayList<>();
    /** For each source, in order: the sender it went to and its index there. */
    private final List<int[]> placement = new ArrayList<>();
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
        // Sender 0 takes every recorded room (if any), one more sender per live room.
        List<ChunkStream> recorded = new ArrayList<>();
        int firstLive = this.sources.stream().allMatch(AudioSource::isLive) ? 0 : 1;
        List<RoomSender> live = new ArrayList<>();
        for (AudioSource source : this.sources) {
            AudioChunker chunker = new AudioChunker(source, options.chunkSamples());
            if (source.isLive()) {
                placement.add(new int[] {firstLive + live.size(), 0});
                live.add(sender("ingest-live-" + source.roomId(), List.of(chunker)));
            } else {
                placement.add(new int[] {0, recorded.size()});
                recorded.add(chunker);
            }
        }
        if (firstLive == 1) {
            senders.add(sender("ingest-rooms", recorded));
        }
        senders.addAll(live);
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
        for (RoomSender sender : senders) {
            sender.awaitCompletion(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        sink.flush();
        return reports();
    }

    /** Stops all rooms, flushes the sink and closes the sources; returns the rooms' reports. */
    public synchronized List<RoomReport> stop() {
        if (!stopped) {
            stopped = true;
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
        sink.flush();
        List<RoomReport> reports = reports();
        LOG.info("Ingest stopped: {}", reports);
        return reports;
    }

    @Override
    public void close() {
        stop();
    }

    /** The rooms' reports, in the order of the sources. */
    private List<RoomReport> reports() {
        List<List<RoomReport>> bySender = new ArrayList<>();
        for (RoomSender sender : senders) {
            bySender.add(sender.reports());
        }
        List<RoomReport> reports = new ArrayList<>();
        for (int[] at : placement) {
            reports.add(bySender.get(at[0]).get(at[1]));
        }
        return reports;
    }
}
