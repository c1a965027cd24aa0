package io.cryflow.ingest.chunk;

/**
 * Decides when audio captured at a given time may be sent on: at once (replays, load tests) or
 * not before that much real time has passed (live-like replay).
 */
public interface Pacer {

    /** Waits, if needed, until audio whose capture ends at {@code captureEndMicros} may be sent. */
    void awaitCaptureTime(long captureEndMicros) throws InterruptedException;

    /** Never waits. */
    static Pacer asFastAsPossible() {
        return captureEndMicros -> { };
    }

    /** Real time on the system clock, anchored at the first call. */
    static Pacer realTime() {
        return new RealTimePacer(System::nanoTime, RealTimePacer::sleepNanos);
    }
}
