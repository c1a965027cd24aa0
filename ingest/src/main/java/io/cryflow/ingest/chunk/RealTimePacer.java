package io.cryflow.ingest.chunk;

import java.util.function.LongSupplier;

/**
 * Paces a stream in real time on the monotonic clock, anchored once, so a stream replays at the speed it was
 * recorded without accumulating drift from sleep inaccuracy. Where capture time is anchored decides when audio
 * goes out:
 * <ul>
 *   <li>{@linkplain #RealTimePacer(LongSupplier, Sleeper) at the first chunk}: that chunk is sent at once and
 *       later audio as much later as its capture time is (a recording replayed at its own pace, whatever its
 *       timestamps);</li>
 *   <li>{@linkplain #onWallClock(LongSupplier, LongSupplier, Sleeper) on the system clock}: audio is sent when the
 *       system clock reaches the end of its capture, as a microphone sends it, however late the stream started;
 *       audio whose capture ended before the first call goes out at once. For sources whose capture timestamps are
 *       wall-clock times, so that latency measured from capture time is the pipeline's, not the sender's start-up.</li>
 * </ul>
 */
public final class RealTimePacer implements Pacer {

    /** Sleeps for a number of nanoseconds. */
    @FunctionalInterface
    public interface Sleeper {
        void sleepNanos(long nanos) throws InterruptedException;
    }

    private final LongSupplier nanoClock;
    private final Sleeper sleeper;
    /** Microseconds since the Unix epoch now, to anchor on; {@code null} anchors on the first chunk's capture end. */
    private final LongSupplier wallClockMicros;
    private boolean anchored;
    private long anchorNanos;
    private long anchorCaptureMicros;

    /**
     * Anchored at the first chunk, which is sent at once.
     *
     * @param nanoClock monotonic clock in nanoseconds (normally {@code System::nanoTime})
     * @param sleeper   how to wait (normally {@link #sleepNanos})
     */
    public RealTimePacer(LongSupplier nanoClock, Sleeper sleeper) {
        this(nanoClock, sleeper, null);
    }

    private RealTimePacer(LongSupplier nanoClock, Sleeper sleeper, LongSupplier wallClockMicros) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
        this.wallClockMicros = wallClockMicros;
    }

    /**
     * Anchored on the system clock: audio is sent once {@code wallClockMicros} reaches its capture end.
     *
     * @param wallClockMicros microseconds since the Unix epoch, read once at the first call
     */
    public static RealTimePacer onWallClock(LongSupplier nanoClock, LongSupplier wallClockMicros, Sleeper sleeper) {
        return new RealTimePacer(nanoClock, sleeper, wallClockMicros);
    }

    @Override
    public void awaitCaptureTime(long captureEndMicros) throws InterruptedException {
        if (!anchored) {
            anchored = true;
            anchorNanos = nanoClock.getAsLong();
            // On the first chunk: its capture is taken to have just ended. On the wall clock: capture time is the
            // system clock's, read once, so that the system clock's later adjustments cannot make the stream jump.
            anchorCaptureMicros = wallClockMicros == null ? captureEndMicros : wallClockMicros.getAsLong();
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
