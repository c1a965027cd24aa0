package io.cryflow.schemas;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.ShortBuffer;

/**
 * {@link SampleEncoding#PCM_S16LE} samples, as carried in {@link AudioChunk#getSamples()}:
 * signed 16-bit little-endian integers; as floats, full scale is 32768 (so -32768 maps to -1).
 * Never moves the position of a buffer it is given.
 */
public final class PcmS16le {

    private static final float FULL_SCALE = 32768f;

    private PcmS16le() {}

    /** Samples in the buffer's remaining bytes. */
    public static int sampleCount(ByteBuffer bytes) {
        int length = bytes.remaining();
        if (length % Short.BYTES != 0) {
            throw new IllegalArgumentException("PCM_S16LE data must have an even byte count, has " + length);
        }
        return length / Short.BYTES;
    }

    public static short[] toShorts(ByteBuffer bytes) {
        short[] samples = new short[sampleCount(bytes)];
        shorts(bytes).get(samples);
        return samples;
    }

    public static float[] toFloats(ByteBuffer bytes) {
        float[] samples = new float[sampleCount(bytes)];
        toFloats(bytes, samples, 0);
        return samples;
    }

    /** Writes the samples as floats in [-1, 1) into {@code target} from {@code offset}; returns how many. */
    public static int toFloats(ByteBuffer bytes, float[] target, int offset) {
        int count = sampleCount(bytes);
        if (offset < 0 || offset + count > target.length) {
            throw new IndexOutOfBoundsException(count + " samples do not fit at " + offset + " in " + target.length);
        }
        ShortBuffer in = shorts(bytes);
        for (int i = 0; i < count; i++) {
            target[offset + i] = in.get(i) / FULL_SCALE;
        }
        return count;
    }

    public static ByteBuffer fromShorts(short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(samples.length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(samples);
        return bytes;
    }

    /** Quantizes floats in [-1, 1] to 16-bit samples, as {@link #quantize(float)} does. */
    public static ByteBuffer fromFloats(float[] samples) {
        byte[] bytes = new byte[samples.length * Short.BYTES];
        encode(samples, 0, samples.length, bytes, 0);
        return ByteBuffer.wrap(bytes);
    }

    /** Writes {@code length} samples from {@code offset} as little-endian 16-bit PCM into {@code out} at {@code outOffset}. */
    public static void encode(float[] samples, int offset, int length, byte[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            short s = quantize(samples[offset + i]);
            out[outOffset + 2 * i] = (byte) s;
            out[outOffset + 2 * i + 1] = (byte) (s >> 8);
        }
    }

    /**
     * One float sample (full scale 32768) as a 16-bit value: rounded to the nearest integer with ties
     * away from zero, so the quantization error is symmetric; clipped to [-32768, 32767], so +1.0
     * becomes 32767; NaN becomes 0 (a PCM wire format cannot carry it).
     */
    public static short quantize(float sample) {
        if (Float.isNaN(sample)) {
            return 0;
        }
        double x = (double) sample * FULL_SCALE;
        double rounded = Math.signum(x) * Math.floor(Math.abs(x) + 0.5);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }

    private static ShortBuffer shorts(ByteBuffer bytes) {
        return bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
    }
}
