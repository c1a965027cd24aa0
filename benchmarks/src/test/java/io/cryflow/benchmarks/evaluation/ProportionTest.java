package io.cryflow.benchmarks.evaluation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProportionTest {

    @Test
    void withoutFailuresTheLowerBoundIsTheRateAtWhichAllSuccessesHaveTheRemainingProbability() {
        // P(n of n | p) = p^n = 0.05 at the bound.
        assertEquals(Math.pow(0.05, 1.0 / 59), new Proportion(59, 59).lowerBound(0.95), 1e-9);
        assertEquals(Math.pow(0.05, 1.0 / 4000), new Proportion(4000, 4000).lowerBound(0.95), 1e-9);
    }

    @Test
    void theLowerBoundLeavesTheObservedHitsOrMoreWithTheRemainingProbability() {
        // 990 of 1000: at the bound p, P(X >= 990 | 1000, p) = 0.05, summed here term by term.
        double p = new Proportion(990, 1000).lowerBound(0.95);
        double tail = 0;
        for (int k = 990; k <= 1000; k++) {
            double logTerm = logChoose(1000, k) + k * Math.log(p) + (1000 - k) * Math.log1p(-p);
            tail += Math.exp(logTerm);
        }
        assertEquals(0.05, tail, 1e-6);
        assertEquals(0.99, new Proportion(990, 1000).rate(), 1e-12);
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThrows(IllegalArgumentException.class, () -> new Proportion(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new Proportion(-1, 4));
    }

    private static double logChoose(int n, int k) {
        double sum = 0;
        for (int i = 1; i <= k; i++) {
            sum += Math.log(n - k + i) - Math.log(i);
        }
        return sum;
    }
}
