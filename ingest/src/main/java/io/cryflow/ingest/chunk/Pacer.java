package io.cryflow.ingest.chunk;

import java.time.Instant;

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

    /** Real time, anchored at the first chunk: it is sent at once, later audio as much later as it was captured. */
    static Pacer realTime() {
        return new RealTimePacer(System::nanoTime, RealTimePacer::sleepNanos);
    }

    /** Real time on the system clock: audio is sent once the system clock reaches the end of its capture. */
    static Pacer wallClock() {
        return RealTimePacer.onWallClock(System::nanoTime, () -> AudioChunker.microsOf(Instant.now()), RealTimePacer::sleepNanos);
    }
}
