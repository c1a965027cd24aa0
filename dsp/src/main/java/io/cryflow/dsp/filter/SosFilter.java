package io.cryflow.dsp.filter;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A streaming cascade of second-order sections in direct form II transposed, the structure of scipy's
 * {@code sosfilt}, starting from zero state. The double-precision state carries across calls, so a
 * signal filtered in chunks of any size equals the signal filtered at once.
 * <p>Each section runs as {@code y = b0 x + z0}, {@code z0' = (b1 - a1 b0) x + z1 - a1 z0},
 * {@code z1' = (b2 - a2 b0) x - a2 z0}: algebraically scipy's update with {@code y} substituted, so the
 * state means the same, but the state no longer waits for {@code y}, which shortens the per-sample
 * dependency chain that bounds the filter's speed. Outputs agree with scipy to rounding.
 * <p>Not thread-safe: one instance per stream.
 */
public final class SosFilter {

    private final SosCoefficients coefficients;
    private final int sections;
    // Flattened coefficients b0, c1 = b1 - a1 b0, c2 = b2 - a2 b0, a1, a2 per section, for a tight inner loop.
    private final double[] taps;
    // Two delay values per section.
    private final double[] state;
    // The default 10th-order Butterworth high-pass: five sections, the gain in the first, b0 = 1 in the others.
    private final boolean fiveSectionsWithUnitLeads;

    public SosFilter(SosCoefficients coefficients) {
        this.coefficients = coefficients;
        this.sections = coefficients.sectionCount();
        this.taps = new double[sections * 5];
        for (int s = 0; s < sections; s++) {
            double b0 = coefficients.coefficient(s, 0);
            double a1 = coefficients.coefficient(s, 4);
            double a2 = coefficients.coefficient(s, 5);
            taps[5 * s] = b0;
            taps[5 * s + 1] = coefficients.coefficient(s, 1) - a1 * b0;
            taps[5 * s + 2] = coefficients.coefficient(s, 2) - a2 * b0;
            taps[5 * s + 3] = a1;
            taps[5 * s + 4] = a2;
        }
        this.state = new double[sections * 2];
        boolean unitLeads = sections == 5;
        for (int s = 1; s < sections && unitLeads; s++) {
            unitLeads = taps[5 * s] == 1.0;
        }
        this.fiveSectionsWithUnitLeads = unitLeads;
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
            double z0 = z[d];
            double y = t[c] * v + z0;
            z[d] = (t[c + 1] * v + z[d + 1]) - t[c + 3] * z0;
            z[d + 1] = t[c + 2] * v - t[c + 4] * z0;
            v = y;
        }
        return v;
    }

    /** Filters {@code length} samples of {@code in} from {@code inOffset} into {@code out} from {@code outOffset}; in place is fine. */
    public void process(float[] in, int inOffset, float[] out, int outOffset, int length) {
        if (fiveSectionsWithUnitLeads) {
            processFiveSections(in, inOffset, out, outOffset, length);
            return;
        }
        for (int i = 0; i < length; i++) {
            out[outOffset + i] = (float) process(in[inOffset + i]);
        }
    }

    /**
     * The cascade of the default 10th-order high-pass with its state in local variables: the same
     * arithmetic in the same order as {@link #process(double)}, with the exact multiplications by
     * {@code b0 = 1} of sections 2 to 5 left out, so the results are bit-identical; the delay line stays in
     * registers instead of round-tripping through memory every sample, which halves the per-sample cost.
     * {@code cS1}, {@code cS2} are section S's {@code b1 - a1 b0} and {@code b2 - a2 b0}.
     */
    private void processFiveSections(float[] in, int inOffset, float[] out, int outOffset, int length) {
        double[] t = taps;
        double b00 = t[0], c01 = t[1], c02 = t[2], a01 = t[3], a02 = t[4];
        double c11 = t[6], c12 = t[7], a11 = t[8], a12 = t[9];
        double c21 = t[11], c22 = t[12], a21 = t[13], a22 = t[14];
        double c31 = t[16], c32 = t[17], a31 = t[18], a32 = t[19];
        double c41 = t[21], c42 = t[22], a41 = t[23], a42 = t[24];
        double[] s = state;
        double z00 = s[0], z01 = s[1], z10 = s[2], z11 = s[3], z20 = s[4], z21 = s[5], z30 = s[6], z31 = s[7], z40 = s[8], z41 = s[9];
        for (int i = 0; i < length; i++) {
            double v = in[inOffset + i];
            double z = z00;
            double y = b00 * v + z;
            z00 = (c01 * v + z01) - a01 * z;
            z01 = c02 * v - a02 * z;
            v = y;
            z = z10;
            y = v + z;
            z10 = (c11 * v + z11) - a11 * z;
            z11 = c12 * v - a12 * z;
            v = y;
            z = z20;
            y = v + z;
            z20 = (c21 * v + z21) - a21 * z;
            z21 = c22 * v - a22 * z;
            v = y;
            z = z30;
            y = v + z;
            z30 = (c31 * v + z31) - a31 * z;
            z31 = c32 * v - a32 * z;
            v = y;
            z = z40;
            y = v + z;
            z40 = (c41 * v + z41) - a41 * z;
            z41 = c42 * v - a42 * z;
            out[outOffset + i] = (float) y;
        }
        s[0] = z00;
        s[1] = z01;
        s[2] = z10;
        s[3] = z11;
        s[4] = z20;
        s[5] = z21;
        s[6] = z30;
        s[7] = z31;
        s[8] = z40;
        s[9] = z41;
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
