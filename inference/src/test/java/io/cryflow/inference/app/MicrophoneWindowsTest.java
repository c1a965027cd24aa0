package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Settling, gate intervals and persistence of one microphone's windows, on small synthetic frames. */
class MicrophoneWindowsTest {

    /** 4 bands, windows of 10 frames every 5: 0.1 s and 0.05 s at a 10 ms hop. */
    private static final ModelInputSpec SPEC = ModelInputSpec.allBands("dsp-test", 4, 10, 5);
    private static final long HOP = 10_000;
    private static final long SETTLE = 100_000;

    private static float[] frames(long first, int count) {
        float[] values = new float[count * 4];
        for (int f = 0; f < count; f++) {
            for (int b = 0; b < 4; b++) {
                values[f * 4 + b] = (first + f) * 10 + b;
            }
        }
        return values;
    }

    /** Feeds frames [first, first + count) as one record. */
    private static List<MelWindow> add(MicrophoneWindows state, long first, int count) {
        return state.addFrames(first, first * HOP, HOP, frames(first, count), count, first == 0, SETTLE);
    }

    @Test
    void framesFormWindowsOnlyOnceTheSettleTimeHasPassedBeyondThem() {
        MicrophoneWindows state = new MicrophoneWindows(SPEC);
        // 10 frames: a whole window, but none of it has settled (the newest frame ends at 0.1 s).
        assertEquals(List.of(), add(state, 0, 10));
        assertEquals(10, state.heldFrames());
        // 10 more: frames ending by 0.2 - 0.1 s have settled, exactly the first window's 10.
        List<MelWindow> windows = add(state, 10, 10);
        assertEquals(1, windows.size());
        assertEquals(0, windows.get(0).startFrameIndex());
        assertArrayEquals(frames(0, 10), windows.get(0).values());
        assertEquals(10, state.heldFrames());
        // The same windows as an unsettled assembler would give, only later.
        windows = add(state, 20, 10);
        assertEquals(List.of(5L, 10L), windows.stream().map(MelWindow::startFrameIndex).toList());
    }

    @Test
    void aRestartOrAnOfflineMicrophoneReleasesTheWaitingFrames() {
        MicrophoneWindows state = new MicrophoneWindows(SPEC);
        add(state, 0, 15);
        assertEquals(10, state.heldFrames(), "the newest 0.1 s waits");
        List<MelWindow> released = state.releaseAll();
        assertEquals(List.of(0L, 5L), released.stream().map(MelWindow::startFrameIndex).toList());
        assertEquals(0, state.heldFrames());

        MicrophoneWindows restarted = new MicrophoneWindows(SPEC);
        add(restarted, 0, 14);
        // A DISCONTINUITY at frame 14: the 14 waiting frames are judged now (one window), then a new run begins.
        List<MelWindow> atGap = restarted.addFrames(14, 14 * HOP + 500_000, HOP, frames(14, 3), 3, true, SETTLE);
        assertEquals(List.of(0L), atGap.stream().map(MelWindow::startFrameIndex).toList());
    }

    @Test
    void aRecordDatedInTheFutureCostsTheSettlingOfThatRecordOnly() {
        MicrophoneWindows state = new MicrophoneWindows(SPEC);
        add(state, 0, 10);
        long aDay = 86_400_000_000L;
        state.addFrames(10, 10 * HOP + aDay, HOP, frames(10, 10), 10, false, SETTLE);
        assertEquals(10, state.heldFrames(), "a future clock releases what waited before; the bad record's frames wait");
        List<MelWindow> released = state.addFrames(20, 20 * HOP, HOP, frames(20, 10), 10, false, SETTLE);
        assertEquals(List.of(5L, 10L), released.stream().map(MelWindow::startFrameIndex).toList(),
                "a record dated before the clock releases the bad record's frames");
        assertEquals(10, state.heldFrames(), "and sets the clock back: its own frames wait to settle again");
        state.addFrames(30, 30 * HOP, HOP, frames(30, 10), 10, false, SETTLE);
        assertEquals(10, state.heldFrames());
    }

    @Test
    void aWindowIsGatedWhenItOverlapsAnOpenInterval() {
        MicrophoneWindows state = new MicrophoneWindows(SPEC);
        MelWindow early = new MelWindow(0, 0, 100_000, new float[40]);
        MelWindow middle = new MelWindow(10, 100_000, 200_000, new float[40]);
        MelWindow late = new MelWindow(30, 300_000, 400_000, new float[40]);
        assertFalse(state.gateOpenDuring(early));
        state.gateOpened(150_000);
        assertTrue(state.gateOpenDuring(middle), "open from inside the window");
        assertTrue(state.gateOpenDuring(late), "still open");
        assertFalse(state.gateOpenDuring(early), "opened after the window");
        state.gateClosed(150_000, 250_000);
        assertTrue(state.gateOpenDuring(middle));
        assertFalse(state.gateOpenDuring(late), "closed before the window");
        state.forgetGateBefore(260_000);
        assertFalse(state.gateOpenDuring(middle), "forgotten");
    }

    /** What the frames store would hold after applying every flushed change, keyed by first index. */
    private static Map<Long, FrameBlock> flushInto(Map<Long, FrameBlock> store, MicrophoneWindows state) {
        state.frameBlocks().flush((firstIndex, block) -> {
            if (block == null) {
                assertTrue(store.containsKey(firstIndex), "tombstone for a block never stored: " + firstIndex);
                store.remove(firstIndex);
            } else {
                store.put(firstIndex, FrameBlock.fromBytes(firstIndex, 4, block.toBytes()));
            }
        });
        return store;
    }

    private static MicrophoneWindows restored(ModelInputSpec spec, MicrophoneWindows state, Map<Long, FrameBlock> store) {
        return MicrophoneWindows.restore(spec, state.metadata(), FrameBlocks.stored(4, new TreeMap<>(store).values()));
    }

    @Test
    void theStateSurvivesItsMetadataAndStoredBlocksAndRefusesAnotherSpec() {
        MicrophoneWindows state = new MicrophoneWindows(SPEC);
        Map<Long, FrameBlock> store = new HashMap<>();
        // Records of 7 frames: the assembler holds a part of one, a waiting run starts inside another.
        for (long first = 0; first < 35; first += 7) {
            add(state, first, 7);
            flushInto(store, state);
        }
        state.gateOpened(20_000);
        state.gateClosed(20_000, 90_000);
        state.gateOpened(120_000);
        MicrophoneWindows copy = restored(SPEC, state, store);
        assertArrayEquals(state.metadata(), copy.metadata());
        assertEquals(state.heldFrames(), copy.heldFrames());
        List<MelWindow> a = new ArrayList<>();
        List<MelWindow> b = new ArrayList<>();
        for (long first = 35; first < 70; first += 7) {
            a.addAll(add(state, first, 7));
            b.addAll(add(copy, first, 7));
        }
        a.addAll(state.releaseAll());
        b.addAll(copy.releaseAll());
        // 70 frames make windows starting at 0, 5, ..., 60; those up to 15 came before the copy (frames < 25 settled).
        assertEquals(List.of(20L, 25L, 30L, 35L, 40L, 45L, 50L, 55L, 60L), a.stream().map(MelWindow::startFrameIndex).toList());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).startFrameIndex(), b.get(i).startFrameIndex());
            assertArrayEquals(a.get(i).values(), b.get(i).values());
            assertEquals(state.gateOpenDuring(a.get(i)), copy.gateOpenDuring(b.get(i)));
        }
        ModelInputSpec other = ModelInputSpec.allBands("dsp-test", 4, 12, 5);
        assertThrows(IllegalArgumentException.class, () -> restored(other, state, store));
        assertThrows(IllegalArgumentException.class,
                () -> MicrophoneWindows.restore(SPEC, new byte[] {1, 2}, new FrameBlocks(4)));
    }

    @Test
    void aStateWhoseFramesAreMissingIsRefused() {
        MicrophoneWindows state = new MicrophoneWindows(SPEC);
        Map<Long, FrameBlock> store = flushInto(new HashMap<>(), state);
        add(state, 0, 7);
        add(state, 7, 7);
        flushInto(store, state);
        store.remove(7L);
        assertThrows(IllegalArgumentException.class, () -> restored(SPEC, state, store));
    }

    @Test
    void eachRecordsFramesAreStoredOnceAndDeletedWhenNoLongerNeeded() {
        MicrophoneWindows state = new MicrophoneWindows(SPEC);
        Map<Long, FrameBlock> store = new HashMap<>();
        List<Long> written = new ArrayList<>();
        for (long first = 0; first < 100; first += 10) {
            add(state, first, 10);
            state.frameBlocks().flush((firstIndex, block) -> {
                if (block != null) {
                    written.add(firstIndex);
                }
            });
        }
        assertEquals(List.of(0L, 10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L), written, "every block written once");
        // Frames 80..99 wait (0.1 s settle after frame 99's end at 1.0 s -> up to 0.9 s settled, i.e. frames < 90);
        // the assembler holds frames 85..89 towards the window starting at 85. Blocks before 80 are gone.
        assertEquals(2, state.frameBlocks().blockCount());
        assertEquals(10, state.heldFrames());
        state.releaseAll();
        assertEquals(1, state.frameBlocks().blockCount(), "the assembler still holds frames of the last block");

        // A restart drops every block of the old stream, even one the new stream's first index coincides with.
        add(state, 95, 3);
        state.addFrames(0, 5_000_000, HOP, frames(0, 4), 4, true, SETTLE);
        Map<Long, FrameBlock> changes = new HashMap<>();
        state.frameBlocks().flush(changes::put);
        assertEquals(1, state.frameBlocks().blockCount());
        assertEquals(4, changes.get(0L).frames());
        assertTrue(changes.containsKey(90L) && changes.get(90L) == null, "tombstone for the old block: " + changes.keySet());
    }
}
