package io.cryflow.ingest.chunk;

import java.util.function.LongSupplier;

/**
 * Paces a stream in real time: the first call anchors capture time to the monotonic clock; later
 * audio is released once as much monotonic time has passed as capture time has, so a file replays
 * at the speed it was recorded without accumulating drift from sleep inaccuracy.
 */
public final class RealTimePacer implements Pacer {

    /** Sleeps for a number of nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    private boolean anchored;
    private long anchorNanos;
    private long anchorCaptureMicros;

    /**
     * @param nanoClock monotonic clock in nanoseconds (normally {@code System::nanoTime})
     * @param sleeper   how to wait (normally {@link #sleepNanos})
     */
    public RealTimePacer(LongSupplier nanoClock, Sleeper sleeper) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    @Override
    public void awaitCaptureTime(long captureEndMicros) throws InterruptedException {
        if (!anchored) {
            // The first chunk is sent as soon as it exists: its capture has just ended.
            anchored = true;
            anchorNanos = nanoClock.getAsLong();
            anchorCaptureMicros = captureEndMicros;
            return;
        }
        long due = anchorNanos + (captureEndMicros - anchorCaptureMicros) * 1000L;
        long wait = due - nanoClock.getAsLong();
        if (wait > 0) {
            sleeper.sleepNanos(wait);
        }
    }

    /** Thread sleep for the given nanoseconds. */
    public static void sleepNanos(long nanos) throws InterruptedException {
        Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }
}
