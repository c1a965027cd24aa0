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
    private static final double SQRT2 = Math.sqrt(2.0);

    /**
     * Natural logarithm of a positive normal double: exponent from the bits, mantissa brought into
     * [sqrt(1/2), sqrt(2)) and its log from the atanh series {@code ln m = 2 atanh((m-1)/(m+1))} up to
     * the 11th power, relative error below 1e-10 there. Falls back to {@link Math#log} for NaN, infinity
     * and subnormals.
     */
    static double fastLn(double x) {
        long bits = Double.doubleToRawLongBits(x);
        int exponent = (int) ((bits >>> 52) & 0x7ff);
        if (exponent == 0 || exponent == 0x7ff || bits < 0) {
            return Math.log(x);
        }
        double m = Double.longBitsToDouble((bits & 0x000fffffffffffffL) | 0x3ff0000000000000L);
        int e = exponent - 1023;
        if (m > SQRT2) {
            m *= 0.5;
            e++;
        }
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double series = s * (2.0 + s2 * (2.0 / 3 + s2 * (2.0 / 5 + s2 * (2.0 / 7 + s2 * (2.0 / 9 + s2 * (2.0 / 11))))));
        return e * LN2 + series;
    }
}
