package io.cryflow.benchmarks.evaluation;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * {@code hits} successes out of {@code total} trials, with an exact (Clopper-Pearson) one-sided lower
 * confidence bound: the smallest rate that still gives at least {@code hits} successes with the bound's
 * probability. With no failures it is {@code (1 - confidence)^(1/total)}.
 */
public record Proportion(long hits, long total) {

    public Proportion {
        if (hits < 0 || total < 0 || hits > total) {
            throw new IllegalArgumentException(hits + " of " + total);
        }
    }

    public double rate() {
        return total == 0 ? Double.NaN : (double) hits / total;
    }

    /** One-sided lower bound at {@code confidence} (e.g. 0.95): the rate lies above it with that confidence. */
    public double lowerBound(double confidence) {
        if (total == 0) {
            return Double.NaN;
        }
        if (hits == 0) {
            return 0.0;
        }
        return new BetaDistribution(null, hits, total - hits + 1).inverseCumulativeProbability(1.0 - confidence);
    }

    public Proportion plus(Proportion other) {
        return new Proportion(hits + other.hits, total + other.total);
    }
}
