package io.cryflow.schemas;

import java.nio.ByteBuffer;

/**
 * {@link SampleEncoding#PCM_F32LE} samples, as carried in {@link AudioChunk#getSamples()}: IEEE 754
 * float32 little-endian, full scale 1.0. Capture APIs (Core Audio, WASAPI, Web Audio) deliver this,
 * so a capture client can publish it without quantizing. Unlike 16-bit PCM it can carry NaN and
 * infinity, which no real microphone produces: readers must reject such chunks
 * ({@link #firstNonFinite}). Never moves the position of a buffer it is given. The byte layout is
 * {@link Float32le}'s, which does the conversion; this class adds the sample-specific checks.
 */
public final class PcmF32le {

    private PcmF32le() {}

    /** Samples in the buffer's remaining bytes. */
    public static int sampleCount(ByteBuffer bytes) {
        int length = bytes.remaining();
        if (length % Float.BYTES != 0) {
            throw new IllegalArgumentException("PCM_F32LE data must have a byte count divisible by 4, has " + length);
        }
        return length / Float.BYTES;
    }

    public static float[] toFloats(ByteBuffer bytes) {
        float[] samples = new float[sampleCount(bytes)];
        Float32le.toFloats(bytes, samples, 0);
        return samples;
    }

    /** Index of the first NaN or infinite sample, or -1 when every sample is finite. */
    public static int firstNonFinite(float[] samples) {
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                return i;
            }
        }
        return -1;
    }

    public static ByteBuffer fromFloats(float[] samples) {
        return Float32le.fromFloats(samples);
    }
}
