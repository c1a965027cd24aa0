package io.cryflow.ingest.wav;

/**
 * Float to 16-bit little-endian PCM, the pipeline's wire format.
 *
 * <p>Scale is 32768 (so decoding divides by 32768, as {@link WavReader} does), values round to
 * the nearest integer (ties away from zero) and clip to [-32768, 32767]: +1.0 becomes 32767.
 */
public final class Pcm16 {

    private Pcm16() {
    }

    /** One sample as a signed 16-bit value. */
    public static short toShort(float sample) {
        double x = (double) sample * 32768.0;
        double scaled = Math.signum(x) * Math.floor(Math.abs(x) + 0.5);
        if (scaled > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (scaled < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) scaled;
    }

    /** Encodes {@code length} samples from {@code offset} into {@code out} at {@code outOffset}. */
    public static void encode(float[] samples, int offset, int length, byte[] out, int outOffset) {
        for (int i = 0; i < length; i++) {
            short s = Float.isNaN(samples[offset + i]) ? 0 : toShort(samples[offset + i]);
            out[outOffset + 2 * i] = (byte) s;
            out[outOffset + 2 * i + 1] = (byte) (s >> 8);
        }
    }

    /** Encodes {@code length} samples from {@code offset} into a new array. */
    public static byte[] encode(float[] samples, int offset, int length) {
        byte[] out = new byte[2 * length];
        encode(samples, offset, length, out, 0);
        return out;
    }

    /** Decodes 16-bit little-endian PCM into floats in [-1, 1). */
    public static float[] decode(byte[] pcm) {
        float[] out = new float[pcm.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((pcm[2 * i] & 0xFF) | (pcm[2 * i + 1] << 8)) / 32768f;
        }
        return out;
    }
}
