package io.cryflow.dsp.spectral;

import java.nio.ByteBuffer;

/**
 * Cuts a sample stream delivered in chunks of any size into overlapping frames of {@code frameLength}
 * samples every {@code hop} samples: the frames of the uncentred STFT of the whole stream. Holds at most
 * {@code frameLength} samples; allocates nothing per frame.
 * <p>Not thread-safe: one instance per stream.
 */
public final class StreamingFramer {

    /** Receives each complete frame; the array is reused after the call returns. */
    @FunctionalInterface
    public interface FrameConsumer {
        /**
         * @param frameIndex 0-based index of the frame in the stream; it starts at sample {@code frameIndex * hop}
         * @param frame      the frame's samples, {@code frameLength} of them from index 0
         */
        void onFrame(long frameIndex, float[] frame);
    }

    private final int frameLength;
    private final int hop;
    private final float[] buffer;
    private int filled;
    private long nextFrameIndex;

    public StreamingFramer(int frameLength, int hop) {
        if (frameLength < 1 || hop < 1 || hop > frameLength) {
            throw new IllegalArgumentException("need 1 <= hop <= frameLength, got hop " + hop + ", frame " + frameLength);
        }
        this.frameLength = frameLength;
        this.hop = hop;
        this.buffer = new float[frameLength];
    }

    /** Appends samples and hands every frame they complete to {@code consumer}, in order. */
    public void accept(float[] samples, int offset, int length, FrameConsumer consumer) {
        int end = offset + length;
        int pos = offset;
        while (pos < end) {
            int take = Math.min(frameLength - filled, end - pos);
            System.arraycopy(samples, pos, buffer, filled, take);
            filled += take;
            pos += take;
            if (filled == frameLength) {
                consumer.onFrame(nextFrameIndex++, buffer);
                System.arraycopy(buffer, hop, buffer, 0, frameLength - hop);
                filled = frameLength - hop;
            }
        }
    }

    /** Forgets held samples and restarts the frame count at 0. */
    public void reset() {
        filled = 0;
        nextFrameIndex = 0;
    }

    /** Index the next emitted frame will carry (= frames emitted so far). */
    public long nextFrameIndex() {
        return nextFrameIndex;
    }

    /** Samples held for frames not yet complete. */
    public int bufferedSamples() {
        return filled;
    }

    public int stateBytes() {
        return Long.BYTES + Integer.BYTES + filled * Float.BYTES;
    }

    /** Writes the frame counter and the held samples, bit-exact. */
    public void writeState(ByteBuffer target) {
        target.putLong(nextFrameIndex);
        target.putInt(filled);
        for (int i = 0; i < filled; i++) {
            target.putFloat(buffer[i]);
        }
    }

    /** Restores state written by {@link #writeState} for the same frame length and hop. */
    public void readState(ByteBuffer source) {
        long index = source.getLong();
        int count = source.getInt();
        if (index < 0 || count < 0 || count >= frameLength) {
            throw new IllegalArgumentException("corrupt framer state: frame " + index + ", " + count + " samples");
        }
        for (int i = 0; i < count; i++) {
            buffer[i] = source.getFloat();
        }
        nextFrameIndex = index;
        filled = count;
    }
}
