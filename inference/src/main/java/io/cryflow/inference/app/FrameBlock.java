package io.cryflow.inference.app;

import io.cryflow.schemas.Float32le;
import java.nio.ByteBuffer;

/**
 * The frames of one mel record, as the inference stage stores them once: {@code frames x melBands} log-mel values,
 * frame-major, the first carrying index {@code firstIndex}.
 */
record FrameBlock(long firstIndex, int frames, float[] values) {

    /** Index just past the last frame. */
    long endIndex() {
        return firstIndex + frames;
    }

    /** The values as float32 little-endian, as {@code MelFrames.logMel} carries them: the index is in the key. */
    byte[] toBytes() {
        // A fresh heap buffer of exactly the values: its array is the bytes, no second copy needed.
        return Float32le.fromFloats(values).array();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not whole frames of {@code bands} float32 values
     */
    static FrameBlock fromBytes(long firstIndex, int bands, byte[] bytes) {
        if (bytes.length % (bands * Float.BYTES) != 0) {
            throw new IllegalArgumentException(bytes.length + " bytes are not whole frames of " + bands + " bands");
        }
        return new FrameBlock(firstIndex, bytes.length / (bands * Float.BYTES), Float32le.toFloats(ByteBuffer.wrap(bytes)));
    }
}
