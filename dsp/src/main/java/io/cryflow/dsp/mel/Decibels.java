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

    /** Converts {@code power[0..length)} into {@code db} with {@link #powerToDb(double)}. */
    public static void powerToDb(double[] power, float[] db, int length) {
        for (int i = 0; i < length; i++) {
            db[i] = (float) powerToDb(power[i]);
        }
    }
}
