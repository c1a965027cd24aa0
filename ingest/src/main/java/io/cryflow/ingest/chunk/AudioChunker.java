package io.cryflow.ingest.chunk;

import io.cryflow.ingest.source.AudioBlock;
import io.cryflow.ingest.source.AudioSource;
import io.cryflow.ingest.source.SampleClock;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.SampleEncoding;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Turns one source's blocks into {@link AudioChunk}s of a fixed number of samples (the last chunk
 * of a finite source may be shorter), 16-bit little-endian mono PCM ({@link PcmS16le}).
 *
 * <p>Sequence numbers count this microphone's chunks from 0 without gaps. Capture times follow the
 * source's clock: anchored at the first block's timestamp and advanced by sample count (blocks of
 * a source are contiguous), so chunk {@code k} of {@code n} samples starts exactly at
 * {@code start + floor(k * n * 1e6 / rate)} µs, free of per-block rounding.
 */
public final class AudioChunker implements ChunkStream {

    private final AudioSource source;
    private final int chunkSamples;
    private final float[] pending;
    private int pendingLength;
    private long pendingStartMicros;
    private AudioBlock block;
    private int blockPosition;
    private long sequence;
    private SampleClock clock;
    private long samplesConsumed;
    private boolean ended;

    public AudioChunker(AudioSource source, int chunkSamples) {
        if (chunkSamples <= 0) {
            throw new IllegalArgumentException("chunk length must be positive: " + chunkSamples);
        }
        this.source = source;
        this.chunkSamples = chunkSamples;
        this.pending = new float[chunkSamples];
    }

    /** Samples per chunk for a duration, rounded to the nearest sample (at least 1). */
    public static int chunkSamples(int sampleRate, long chunkMillis) {
        return (int) Math.max(1, Math.round(sampleRate * chunkMillis / 1000.0));
    }

    @Override
    public String roomId() {
        return source.roomId();
    }

    @Override
    public String microphoneId() {
        return source.microphoneId();
    }

    /** The next chunk, reading from the source as needed; {@code null} once the source has ended. */
    @Override
    public AudioChunk next() throws IOException, InterruptedException {
        while (pendingLength < chunkSamples) {
            if (block == null || blockPosition == block.samples().length) {
                if (ended) {
                    break;
                }
                block = source.read();
                blockPosition = 0;
                if (block == null) {
                    ended = true;
                    break;
                }
            }
            if (clock == null) {
                clock = new SampleClock(block.captureStartMicros(), source.sampleRate());
            }
            if (pendingLength == 0) {
                pendingStartMicros = clock.micros(samplesConsumed);
            }
            int n = Math.min(chunkSamples - pendingLength, block.samples().length - blockPosition);
            System.arraycopy(block.samples(), blockPosition, pending, pendingLength, n);
            pendingLength += n;
            blockPosition += n;
            samplesConsumed += n;
        }
        if (pendingLength == 0) {
            return null;
        }
        AudioChunk chunk = AudioChunk.newBuilder()
                .setRoomId(source.roomId())
                .setMicrophoneId(source.microphoneId())
                .setSequenceNumber(sequence++)
                .setCaptureStartMicros(instantOfMicros(pendingStartMicros))
                .setSampleRate(source.sampleRate())
                .setEncoding(SampleEncoding.PCM_S16LE)
                .setChannels(1)
                .setSamples(PcmS16le.fromFloats(java.util.Arrays.copyOf(pending, pendingLength)))
                .build();
        pendingLength = 0;
        return chunk;
    }

    /** Chunks produced so far. */
    public long chunksProduced() {
        return sequence;
    }

    /** Microseconds since the epoch as an Instant (the Avro timestamp-micros field's type). */
    public static Instant instantOfMicros(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** The Avro field's Instant back as microseconds since the epoch. */
    public static long microsOf(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    /**
     * When a chunk's capture ended, the moment a live microphone could send it: its capture start plus its samples'
     * duration, in whole microseconds.
     */
    public static long captureEndMicros(AudioChunk chunk) {
        return microsOf(chunk.getCaptureStartMicros())
                + PcmS16le.sampleCount(chunk.getSamples()) * 1_000_000L / chunk.getSampleRate();
    }
}
