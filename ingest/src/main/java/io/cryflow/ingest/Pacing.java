package io.cryflow.ingest;

import io.cryflow.ingest.chunk.Pacer;

/** How fast sources are replayed. */
public enum Pacing {
    /** As recorded: a chunk is sent once its capture time has elapsed (live-like replay). */
    REAL_TIME,
    /** As fast as the sources and the producer allow (backfill, load tests). */
    AS_FAST_AS_POSSIBLE;

    /** A new pacer of this kind (pacers are per room: they hold the room's time anchor). */
    public Pacer newPacer() {
        return this == REAL_TIME ? Pacer.realTime() : Pacer.asFastAsPossible();
    }
}
