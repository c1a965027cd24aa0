package io.cryflow.dsp.mel;

/** Power-to-decibel conversions as in {@code librosa.power_to_db}. */
public final class Decibels {

    /** librosa's default {@code amin}: the floor applied before the logarithm. */
    public static final double AMIN = 1e-10;

    private Decibels() {
    }

    /** {@code 10 log10(max(power, 1e-10))}: dB re 1 with librosa's floor, -100 dB at most below. */
    public static double powerToDb(double power) {
        return 10.0 * Math.log10(Math.max(power, AMIN));
    }

    /**
     * Converts {@code power[0..length)} into {@code db}: {@link #powerToDb(double)} to within 1e-7 dB (far
     * below the float output's resolution), through a fast logarithm, since this runs per band per frame
     * on every stream and {@code Math.log10} dominated the per-frame cost.
     */
    public static void powerToDb(double[] power, float[] db, int length) {
        for (int i = 0; i < length; i++) {
            db[i] = (float) (TEN_OVER_LN10 * fastLn(Math.max(power[i], AMIN)));
        }
    }

    private static final double TEN_OVER_LN10 = 10.0 / Math.log(10.0);
    private static final double LN2 = Math.log(2.0);
    // The mantissa's top TABLE_BITS bits pick the grid point c just below it in [1, 2); the logarithm is
    // ln c plus ln(1 + r) for the small remainder r = m / c - 1, from a short series: no division per value.
    private static final int TABLE_BITS = 7;
    private static final double[] INVERSE_GRID = new double[1 << TABLE_BITS];
    private static final double[] LN_GRID = new double[1 << TABLE_BITS];

    static {
        for (int j = 0; j < INVERSE_GRID.length; j++) {
            INVERSE_GRID[j] = 1.0 / (1.0 + (double) j / INVERSE_GRID.length);
            // ln of the rounded reciprocal actually used, so that no table rounding enters twice.
            LN_GRID[j] = -Math.log(INVERSE_GRID[j]);
        }
    }

    /**
     * Natural logarithm of a positive normal double: exponent from the bits; the mantissa {@code m} in
     * [1, 2) divided by the grid point {@code c = 1 + j/128} just below it leaves {@code 0 <= m / c - 1 < 1/128},
     * whose log a degree-6 series gives to within 3e-16 (exactly 0 for powers of two, so ln 1 = 0). Falls
     * back to {@link Math#log} for NaN, infinity, zero, negatives and subnormals.
     */
    static double fastLn(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) ((bits >>> 52) & 0x7ff);
        if (exponent == 0 || exponent == 0x7ff || bits < 0) {
            return Math.log(x);
        }
        double m = Double.longBitsToDouble((bits & 0x000fffffffffffffL) | 0x3ff0000000000000L);
        int j = (int) ((bits >>> (52 - TABLE_BITS)) & ((1 << TABLE_BITS) - 1));
        double r = m * INVERSE_GRID[j] - 1.0;
        double series = r * (1.0 + r * (-1.0 / 2 + r * (1.0 / 3 + r * (-1.0 / 4 + r * (1.0 / 5 + r * (-1.0 / 6))))));
        return (exponent - 1023) * LN2 + LN_GRID[j] + series;
    }
}
