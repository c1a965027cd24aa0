package io.cryflow.ingest.source;

/**
 * Capture timestamps derived from a start time and a sample count, so timestamps of a contiguous
 * stream never drift or jitter: sample {@code n} is at {@code start + n * 1e6 / rate} µs, rounded
 * down.
 */
public final class SampleClock {

    private final long startMicros;
    private final int sampleRate;
    private long samples;

    public SampleClock(long startMicros, int sampleRate) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        this.startMicros = startMicros;
        this.sampleRate = sampleRate;
    }

    /** Capture time of the next sample. */
    public long nextMicros() {
        return micros(samples);
    }

    /** Capture time of sample {@code index} counted from the start. */
    public long micros(long index) {
        return startMicros + Math.floorDiv(index * 1_000_000L, sampleRate);
    }

    /** Stamps a block of the next samples and advances the clock past it. */
    public AudioBlock stamp(float[] block) {
        AudioBlock stamped = new AudioBlock(block, nextMicros());
        samples += block.length;
        return stamped;
    }

    /** Samples stamped so far. */
    public long samples() {
        return samples;
    }
}
