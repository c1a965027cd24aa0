package io.cryflow.ingest.source;

/**
 * An in-memory mono signal (for example a generated scene) as a source, in fixed-size blocks,
 * optionally looping.
 */
public final class SignalSource implements AudioSource {

    private final String roomId;
    private final String microphoneId;
    private final float[] signal;
    private final int sampleRate;
    private final int blockSize;
    private final boolean loop;
    private final SampleClock clock;
    private int position;
    private boolean closed;

    public SignalSource(String roomId, String microphoneId, float[] signal, int sampleRate, int blockSize,
            boolean loop, long startMicros) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive: " + blockSize);
        }
        this.roomId = roomId;
        this.microphoneId = microphoneId;
        this.signal = signal;
        this.sampleRate = sampleRate;
        this.blockSize = blockSize;
        this.loop = loop;
        this.clock = new SampleClock(startMicros, sampleRate);
    }

    @Override
    public String roomId() {
        return roomId;
    }

    @Override
    public String microphoneId() {
        return microphoneId;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public AudioBlock read() {
        if (closed || signal.length == 0) {
            return null;
        }
        if (position == signal.length) {
            if (!loop) {
                return null;
            }
            position = 0;
        }
        int n = Math.min(blockSize, signal.length - position);
        float[] block = java.util.Arrays.copyOfRange(signal, position, position + n);
        position += n;
        return clock.stamp(block);
    }

    @Override
    public void close() {
        closed = true;
    }
}
