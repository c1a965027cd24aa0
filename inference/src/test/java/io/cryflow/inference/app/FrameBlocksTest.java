package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lookup by frame index, replays, dropping and the store changes of one microphone's frame blocks. */
class FrameBlocksTest {

    private static final int BANDS = 2;

    /** Frame f holds f*10 + band. */
    private static FrameBlock block(long first, int count) {
        float[] values = new float[count * BANDS];
        for (int f = 0; f < count; f++) {
            for (int b = 0; b < BANDS; b++) {
                values[f * BANDS + b] = (first + f) * 10 + b;
            }
        }
        return new FrameBlock(first, count, values);
    }

    private static Map<Long, FrameBlock> flush(FrameBlocks blocks) {
        Map<Long, FrameBlock> changes = new LinkedHashMap<>();
        blocks.flush(changes::put);
        return changes;
    }

    @Test
    void framesAreFoundAcrossBlocksAndAGapIsNoted() {
        FrameBlocks blocks = new FrameBlocks(BANDS);
        blocks.add(block(0, 5));
        blocks.add(block(5, 5));
        blocks.add(block(20, 5));
        assertArrayEquals(block(3, 4).values(), blocks.frames(3, 4));
        assertTrue(blocks.holds(0, 10));
        assertFalse(blocks.holds(8, 4), "frames 10..11 were never there");
        assertThrows(IllegalArgumentException.class, () -> blocks.frames(8, 4));
    }

    @Test
    void aReplayedRecordIsKeptOnlyIfItCoversMore() {
        FrameBlocks blocks = new FrameBlocks(BANDS);
        blocks.add(block(0, 10));
        flush(blocks);
        blocks.add(block(0, 4));
        assertEquals(Map.of(), flush(blocks), "a shorter replay of a stored block writes nothing");
        assertTrue(blocks.holds(0, 10));
        // A replay overlapping from elsewhere: frames are found whichever block holds them.
        blocks.add(block(6, 8));
        assertArrayEquals(block(0, 14).values(), blocks.frames(0, 14));
    }

    @Test
    void eachBlockIsWrittenOnceAndTombstonedOnceNoLongerNeeded() {
        FrameBlocks blocks = new FrameBlocks(BANDS);
        blocks.add(block(0, 5));
        blocks.add(block(5, 5));
        assertEquals(List.of(0L, 5L), List.copyOf(flush(blocks).keySet()));
        blocks.dropBefore(7);
        blocks.add(block(10, 5));
        Map<Long, FrameBlock> changes = flush(blocks);
        assertEquals(List.of(0L, 10L), List.copyOf(changes.keySet()), "block 5 still holds frames 7..9");
        assertNull(changes.get(0L));
        assertEquals(2, blocks.blockCount());
        blocks.dropAll();
        assertEquals(List.of(5L, 10L), List.copyOf(flush(blocks).keySet()));
        assertEquals(Map.of(), flush(blocks));
    }

    @Test
    void aBlockSurvivesItsBytes() {
        FrameBlock original = block(42, 3);
        FrameBlock copy = FrameBlock.fromBytes(42, BANDS, original.toBytes());
        assertEquals(3, copy.frames());
        assertArrayEquals(original.values(), copy.values());
        assertThrows(IllegalArgumentException.class, () -> FrameBlock.fromBytes(42, BANDS, new byte[12]));
    }
}
