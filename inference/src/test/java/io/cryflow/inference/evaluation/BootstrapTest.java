package io.cryflow.inference.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void unitsThatAllAgreeGiveAPointInterval() {
        double[] ci = Bootstrap.ratioInterval(new double[] {2, 4, 6}, new double[] {1, 2, 3}, 500, 0.95, 1);
        assertArrayEquals(new double[] {2, 2}, ci, 1e-12);
    }

    @Test
    void twoUnitsOfZeroAndOneSpanTheWholeRangeAndTheSeedFixesTheResult() {
        // 10 units, half detected: a resample of all ten holding k detected units has recall k/10, and k ~ Bin(10, 0.5):
        // P(k <= 1) = 1.1 % and P(k <= 2) = 5.5 %, so the 2.5 % quantile is 0.2 and by symmetry the 97.5 % one 0.8.
        double[] num = {1, 1, 1, 1, 1, 0, 0, 0, 0, 0};
        double[] den = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        double[] ci = Bootstrap.ratioInterval(num, den, 4000, 0.95, 42);
        assertEquals(0.2, ci[0], 1e-9);
        assertEquals(0.8, ci[1], 1e-9);
        assertArrayEquals(ci, Bootstrap.ratioInterval(num, den, 4000, 0.95, 42), "deterministic for a seed");
    }

    @Test
    void aGroupWeighsByItsSizeNotAsOneVote() {
        // one group of 9 bouts all detected, one group of 1 bout missed: recall 0.9; resamples of both groups are 0 or 9/10
        // or 1, never below 0 or above 1, and a resample of the small group only gives 0.
        double[] ci = Bootstrap.ratioInterval(new double[] {9, 0}, new double[] {9, 1}, 2000, 0.95, 3);
        assertEquals(0.0, ci[0], 1e-9);
        assertEquals(1.0, ci[1], 1e-9);
    }

    @Test
    void noUnitsGiveNoInterval() {
        double[] ci = Bootstrap.ratioInterval(new double[0], new double[0], 100, 0.95, 1);
        assertTrue(Double.isNaN(ci[0]) && Double.isNaN(ci[1]));
    }

    @Test
    void percentilesInterpolateBetweenRanks() {
        double[] sorted = {1, 2, 3, 4, 5};
        assertEquals(3, Bootstrap.percentile(sorted, 0.5), 1e-12);
        assertEquals(4.8, Bootstrap.percentile(sorted, 0.95), 1e-12);
        assertEquals(1, Bootstrap.percentile(sorted, 0), 1e-12);
        assertTrue(Double.isNaN(Bootstrap.percentile(new double[0], 0.5)));
    }
}
