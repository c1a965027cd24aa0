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
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = (float) process(in[inOffset + i]);
        }
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
