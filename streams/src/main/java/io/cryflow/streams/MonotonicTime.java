package io.cryflow.streams;

import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * Kafka's {@link Time} with a wall clock that never steps: the system clock read once, at construction, then moved
 * on by {@link System#nanoTime()}. Kafka Streams runs wall-clock punctuations and answers
 * {@code currentSystemTimeMs()} from its {@code Time}; on the system clock a step back (an NTP correction) stops every
 * wall-clock punctuation for the size of the step (each fires only once the clock reaches its scheduled time), so a
 * silent microphone would be declared offline that much later, and a step ahead declares every microphone offline at
 * once. On this clock punctuations keep their pace whatever the host's clock does. The price: after a step, times
 * compared with other clocks (an event's detection delay against its capture time) are off by the step until the app
 * restarts.
 */
public final class MonotonicTime implements Time {

    private final long originMillis;
    private final long originNanos;
    private final LongSupplier nanoTime;

    public MonotonicTime() {
        this(System.currentTimeMillis(), System::nanoTime);
    }

    /**
     * @param originMillis the wall-clock time at which this clock starts
     * @param nanoTime     a monotonic nanosecond counter (tests give their own)
     */
    public MonotonicTime(long originMillis, LongSupplier nanoTime) {
        this.originMillis = originMillis;
        this.nanoTime = nanoTime;
        this.originNanos = nanoTime.getAsLong();
    }

    @Override
    public long milliseconds() {
        return originMillis + (nanoTime.getAsLong() - originNanos) / 1_000_000;
    }

    @Override
    public long nanoseconds() {
        return nanoTime.getAsLong();
    }

    @Override
    public void sleep(long ms) {
        Time.SYSTEM.sleep(ms);
    }

    @Override
    public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) throws InterruptedException {
        // Kafka passes a deadline on this clock; the system's waiting works on relative time from it.
        long remaining = deadlineMs - milliseconds();
        Time.SYSTEM.waitObject(obj, condition, Time.SYSTEM.milliseconds() + Math.max(0, remaining));
    }
}
