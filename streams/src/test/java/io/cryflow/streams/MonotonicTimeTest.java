package io.cryflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MonotonicTimeTest {

    @Test
    void startsAtTheWallClockAndMovesOnlyWithElapsedTime() {
        AtomicLong nanos = new AtomicLong(987_654_321L);
        MonotonicTime time = new MonotonicTime(1_700_000_000_000L, nanos::get);
        assertEquals(1_700_000_000_000L, time.milliseconds());
        nanos.addAndGet(2_500_000_000L);
        assertEquals(1_700_000_002_500L, time.milliseconds(), "2.5 s elapsed, whatever the host clock says meanwhile");
        assertEquals(987_654_321L + 2_500_000_000L, time.nanoseconds());
    }

    @Test
    void onTheSystemCountersItFollowsElapsedTime() throws InterruptedException {
        MonotonicTime time = new MonotonicTime();
        long before = time.milliseconds();
        Thread.sleep(20);
        long after = time.milliseconds();
        // The system clock is read once: only elapsed time (here about 20 ms) moves it on.
        assertEquals(20, after - before, 15);
    }
}
