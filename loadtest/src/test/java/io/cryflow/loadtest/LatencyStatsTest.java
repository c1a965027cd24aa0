package io.cryflow.loadtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void slowStretchesJoinConsecutiveSecondsOverTheBoundAndKeepTheirWorst() {
        LatencyStats stats = new LatencyStats("mel frames");
        stats.record(300, 10);
        stats.record(1_200, 11);
        stats.record(400, 11);
        stats.record(2_500, 12);
        stats.record(1_000, 13); // not over the bound
        stats.record(1_100, 20);
        stats.record(5_000); // no arrival second: in the distribution only
        List<long[]> slow = stats.slowStretches(1_000);
        assertEquals(2, slow.size());
        assertArrayEquals(new long[] {11, 12, 2_500}, slow.get(0));
        assertArrayEquals(new long[] {20, 20, 1_100}, slow.get(1));
        assertEquals(7, stats.count());
        assertEquals(5_000, stats.max(), 5);
    }
}
