package io.cryflow.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The observer's reference point for gate candidates: the end of the chunk whose processing produced them. */
class OutputObserverTest {

    @Test
    void aCandidateIsTimedFromTheEndOfTheChunkThatCompletedItsDecision() {
        long grid = 1_000_000;
        long chunk = 500_000;
        assertEquals(grid + 500_000, OutputObserver.chunkEndMicros(grid + 1, grid, chunk));
        assertEquals(grid + 500_000, OutputObserver.chunkEndMicros(grid + 500_000, grid, chunk), "a chunk ending exactly there");
        assertEquals(grid + 1_000_000, OutputObserver.chunkEndMicros(grid + 500_001, grid, chunk));
        assertEquals(grid + 60_500_000, OutputObserver.chunkEndMicros(grid + 60_250_000, grid, chunk));
        assertEquals(grid, OutputObserver.chunkEndMicros(grid - 5, grid, chunk), "before the grid: its start");
    }
}
