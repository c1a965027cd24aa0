package io.cryflow.dsp.filter;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A streaming cascade of second-order sections in direct form II transposed, the structure of scipy's
 * {@code sosfilt}, starting from zero state. The double-precision state carries across calls, so a
 * signal filtered in chunks of any size equals the signal filtered at once.
 * <p>Not thread-safe: one instance per stream.
 */
public final class SosFilter {

    private final SosCoefficients coefficients;
    private final int sections;
    // Flattened coefficients b0 b1 b2 a1 a2 per section, for a tight inner loop.
    private final double[] taps;
    // Two delay values per section.
    private final double[] state;

    public SosFilter(SosCoefficients coefficients) {
        this.coefficients = coefficients;
        this.sections = coefficients.sectionCount();
        this.taps = new double[sections * 5];
        for (int s = 0; s < sections; s++) {
            taps[5 * s] = coefficients.coefficient(s, 0);
            taps[5 * s + 1] = coefficients.coefficient(s, 1);
            taps[5 * s + 2] = coefficients.coefficient(s, 2);
            taps[5 * s + 3] = coefficients.coefficient(s, 4);
            taps[5 * s + 4] = coefficients.coefficient(s, 5);
        }
        this.state = new double[sections * 2];
    }

    public SosCoefficients coefficients() {
        return coefficients;
    }

    /** Filters one sample. */
    public double process(double x) {
        double[] t = taps;
        double[] z = state;
        double v = x;
        for (int s = 0, c = 0, d = 0; s < sections; s++, c += 5, d += 2) {
            double y = t[c] * v + z[d];
            z[d] = t[c + 1] * v - t[c + 3] * y + z[d + 1];
            z[d + 1] = t[c + 2] * v - t[c + 4] * y;
            v = y;
        }
        return v;
    }

    /** Filters {@code length} samples of {@code in} from {@code inOffset} into {@code out} from {@code outOffset}; in place is fine. */
    public void process(float[] in, int inOffset, float[] out, int outOffset, int length) {
        if (sections == 5) {
            processFiveSections(in, inOffset, out, outOffset, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = (float) process(in[inOffset + i]);
        }
    }

    /**
     * The cascade of the default 10th-order high-pass with its state in local variables: the same
     * arithmetic in the same order as {@link #process(double)}, but the delay line stays in registers
     * instead of round-tripping through memory every sample, which halves the per-sample cost.
     */
    private void processFiveSections(float[] in, int inOffset, float[] out, int outOffset, int length) {
        double[] t = taps;
        double b00 = t[0], b01 = t[1], b02 = t[2], a01 = t[3], a02 = t[4];
        double b10 = t[5], b11 = t[6], b12 = t[7], a11 = t[8], a12 = t[9];
        double b20 = t[10], b21 = t[11], b22 = t[12], a21 = t[13], a22 = t[14];
        double b30 = t[15], b31 = t[16], b32 = t[17], a31 = t[18], a32 = t[19];
        double b40 = t[20], b41 = t[21], b42 = t[22], a41 = t[23], a42 = t[24];
        double[] z = state;
        double z00 = z[0], z01 = z[1], z10 = z[2], z11 = z[3], z20 = z[4], z21 = z[5], z30 = z[6], z31 = z[7], z40 = z[8], z41 = z[9];
        for (int i = 0; i < length; i++) {
            double v = in[inOffset + i];
            double y = b00 * v + z00;
            z00 = b01 * v - a01 * y + z01;
            z01 = b02 * v - a02 * y;
            v = y;
            y = b10 * v + z10;
            z10 = b11 * v - a11 * y + z11;
            z11 = b12 * v - a12 * y;
            v = y;
            y = b20 * v + z20;
            z20 = b21 * v - a21 * y + z21;
            z21 = b22 * v - a22 * y;
            v = y;
            y = b30 * v + z30;
            z30 = b31 * v - a31 * y + z31;
            z31 = b32 * v - a32 * y;
            v = y;
            y = b40 * v + z40;
            z40 = b41 * v - a41 * y + z41;
            z41 = b42 * v - a42 * y;
            out[outOffset + i] = (float) y;
        }
        z[0] = z00;
        z[1] = z01;
        z[2] = z10;
        z[3] = z11;
        z[4] = z20;
        z[5] = z21;
        z[6] = z30;
        z[7] = z31;
        z[8] = z40;
        z[9] = z41;
    }

    /** Filters a whole signal in double precision from the current state. */
    public double[] process(double[] in) {
        double[] out = new double[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = process(in[i]);
        }
        return out;
    }

    /** Returns the filter to zero state. */
    public void reset() {
        Arrays.fill(state, 0.0);
    }

    /** Bytes {@link #writeState} writes. */
    public int stateBytes() {
        return state.length * Double.BYTES;
    }

    /** Writes the delay line, bit-exact. */
    public void writeState(ByteBuffer target) {
        for (double v : state) {
            target.putDouble(v);
        }
    }

    /** Restores a delay line written by {@link #writeState} for the same coefficients. */
    public void readState(ByteBuffer source) {
        for (int i = 0; i < state.length; i++) {
            state[i] = source.getDouble();
        }
    }
}
