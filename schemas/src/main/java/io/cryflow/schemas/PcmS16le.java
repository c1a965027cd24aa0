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

  /** Quantizes floats in [-1, 1] to the nearest 16-bit value, clipping anything beyond full scale. */
  public static ByteBuffer fromFloats(float[] samples) {
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * Short.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    ShortBuffer out = bytes.asShortBuffer();
    for (float sample : samples) {
      int quantized = Math.round(sample * FULL_SCALE);
      out.put((short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, quantized)));
    }
    return bytes;
  }

  private static ShortBuffer shorts(ByteBuffer bytes) {
    return bytes.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer();
  }
}
