package io.cryflow.ingest;

import io.cryflow.ingest.chunk.Pacer;

/** How fast sources are replayed. */
public enum Pacing {
    /**
     * As recorded: a chunk is sent once its capture time has elapsed since the first chunk, which goes out at once
     * (live-like replay, whatever the capture timestamps).
     */
    REAL_TIME,
    /**
     * Live: a chunk is sent when the system clock reaches the end of its capture, as a microphone sends it, however
     * late the room started; for sources whose capture timestamps are wall-clock times (load tests).
     */
    WALL_CLOCK,
    /** As fast as the sources and the producer allow (backfill, load tests). */
    AS_FAST_AS_POSSIBLE;

    /**
     * Whether every room's first chunk goes out at once, later ones by their capture time relative to it (so a
     * sender of many rooms orders their chunks by time since each room's first), rather than by absolute capture time.
     */
    public boolean anchorsOnFirstChunk() {
        return this != WALL_CLOCK;
    }

    /** A new pacer of this kind (one per sender: it holds the sender's time anchor). */
    public Pacer newPacer() {
        return switch (this) {
            case REAL_TIME -> Pacer.realTime();
            case WALL_CLOCK -> Pacer.wallClock();
            case AS_FAST_AS_POSSIBLE -> Pacer.asFastAsPossible();
        };
    }
}
