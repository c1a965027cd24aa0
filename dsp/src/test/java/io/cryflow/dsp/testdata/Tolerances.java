package io.cryflow.dsp.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** The parity tolerances of {@code shared/reference/README.md}. */
public final class Tolerances {

    private Tolerances() {
    }

    /** Max absolute difference, e.g. 1e-5 for high-pass output. */
    public static double maxAbsDiff(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double worst = 0.0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        return worst;
    }

    /** {@code |actual - ref| <= rtol |ref| + atolOfMax * max(ref)} everywhere; {@code [frame][bin]} layout. */
    public static void assertPowerClose(String what, double[][] expected, double[][] actual, double rtol, double atolOfMax) {
        assertEquals(expected.length, actual.length, what + ": frames");
        double max = 0.0;
        for (double[] row : expected) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        for (int t = 0; t < expected.length; t++) {
            assertEquals(expected[t].length, actual[t].length, what + ": bins");
            for (int m = 0; m < expected[t].length; m++) {
                double diff = Math.abs(actual[t][m] - expected[t][m]);
                if (diff > rtol * Math.abs(expected[t][m]) + atolOfMax * max) {
                    fail(what + " differs at frame " + t + ", bin " + m + ": expected " + expected[t][m] + ", got " + actual[t][m]);
                }
            }
        }
    }

    /** As {@link #assertPowerClose(String, double[][], double[][], double, double)} for 1-D vectors. */
    public static void assertPowerClose(String what, double[] expected, double[] actual, double rtol, double atolOfMax) {
        assertPowerClose(what, new double[][] {expected}, new double[][] {actual}, rtol, atolOfMax);
    }
}
