package io.cryflow.inference.evaluation;

import java.util.Arrays;
import java.util.Random;

/**
 * Percentile bootstrap of a ratio of sums over resampled units (groups or scenes): each resample draws as many
 * units as there are, with replacement, and computes sum(numerators) / sum(denominators). Resampling whole units
 * keeps what is correlated within a unit (the same baby's bouts, one scene's alarms) together.
 */
public final class Bootstrap {

    private Bootstrap() {
    }

    /**
     * The central {@code level} interval, e.g. 0.95 for [2.5 %, 97.5 %]; {@code [NaN, NaN]} without units.
     * Resamples whose denominators sum to 0 are left out. The same seed gives the same interval.
     */
    public static double[] ratioInterval(double[] numerators, double[] denominators, int resamples, double level,
            long seed) {
        int n = numerators.length;
        if (n == 0 || resamples < 1) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Random random = new Random(seed);
        double[] stats = new double[resamples];
        int kept = 0;
        for (int r = 0; r < resamples; r++) {
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                int unit = random.nextInt(n);
                num += numerators[unit];
                den += denominators[unit];
            }
            if (den > 0) {
                stats[kept++] = num / den;
            }
        }
        double[] sorted = Arrays.copyOf(stats, kept);
        Arrays.sort(sorted);
        return new double[] {percentile(sorted, (1 - level) / 2), percentile(sorted, 1 - (1 - level) / 2)};
    }

    /** The q-quantile (0..1) of sorted values, linearly interpolated between ranks; NaN when empty. */
    public static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
