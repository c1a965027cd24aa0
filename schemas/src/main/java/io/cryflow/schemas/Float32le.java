package io.cryflow.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * float32 little-endian arrays, as carried in {@link MelFrames#getLogMel()} (frame-major:
 * frame f, band b at index {@code f * melBands + b}). Never moves the position of a buffer it is given.
 */
public final class Float32le {

    private Float32le() {}

    /** Values in the buffer's remaining bytes. */
    public static int valueCount(ByteBuffer bytes) {
        int length = bytes.remaining();
        if (length % Float.BYTES != 0) {
            throw new IllegalArgumentException("float32 data must have a byte count divisible by 4, has " + length);
        }
        return length / Float.BYTES;
    }

    public static float[] toFloats(ByteBuffer bytes) {
        float[] values = new float[valueCount(bytes)];
        floats(bytes).get(values);
        return values;
    }

    /** Copies the values into {@code target} from {@code offset}; returns how many. */
    public static int toFloats(ByteBuffer bytes, float[] target, int offset) {
        int count = valueCount(bytes);
        floats(bytes).get(target, offset, count);
        return count;
    }

    public static ByteBuffer fromFloats(float[] values) {
        return fromFloats(values, 0, values.length);
    }

    public static ByteBuffer fromFloats(float[] values, int offset, int count) {
        ByteBuffer bytes = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values, offset, count);
        return bytes;
    }

    private static FloatBuffer floats(ByteBuffer bytes) {
        return bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }
}
