package io.cryflow.inference.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WindowAssemblerTest {

    private static final int BANDS = 3;
    private static final long HOP_MICROS = 10_000;
    private static final long T0 = 1_700_000_000_000_000L;
    private static final ModelInputSpec SPEC = ModelInputSpec.allBands("test-dsp", BANDS, 8, 3);

    /** Frame f holds values f*10 + band, so a window's content names its frames. */
    private static float[] frames(long first, int count) {
        float[] values = new float[count * BANDS];
        for (int f = 0; f < count; f++) {
            for (int b = 0; b < BANDS; b++) {
                values[f * BANDS + b] = (first + f) * 10 + b;
            }
        }
        return values;
    }

    private static List<MelWindow> feed(WindowAssembler assembler, long first, int count, boolean restart) {
        return assembler.accept(first, T0 + first * HOP_MICROS, HOP_MICROS, frames(first, count), count, restart);
    }

    @Test
    void emitsAWindowEveryHopOnceTheFirstIsFull() {
        WindowAssembler assembler = new WindowAssembler(SPEC);
        List<MelWindow> windows = feed(assembler, 0, 20, true);
        // starts 0, 3, 6, 9, 12 (12 + 8 = 20 frames); 15 would need frame 22
        assertEquals(List.of(0L, 3L, 6L, 9L, 12L), windows.stream().map(MelWindow::startFrameIndex).toList());
        MelWindow third = windows.get(2);
        assertArrayEquals(frames(6, 8), third.values());
        assertEquals(T0 + 6 * HOP_MICROS, third.startCaptureMicros());
        assertEquals(T0 + 14 * HOP_MICROS, third.endCaptureMicros());
        assertEquals(5, assembler.bufferedFrames()); // frames 15..19 wait for the window at 15
    }

    @Test
    void anyChunkingGivesTheWindowsOfOneBlock() {
        List<MelWindow> whole = feed(new WindowAssembler(SPEC), 0, 57, true);
        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            WindowAssembler assembler = new WindowAssembler(SPEC);
            List<MelWindow> chunked = new ArrayList<>();
            for (int first = 0; first < 57; ) {
                int count = Math.min(57 - first, random.nextInt(6));
                chunked.addAll(feed(assembler, first, count, first == 0));
                first += count;
            }
            assertSameWindows(whole, chunked);
        }
    }

    @Test
    void noWindowSpansARestartOrAGap() {
        WindowAssembler assembler = new WindowAssembler(SPEC);
        assertTrue(feed(assembler, 0, 6, true).isEmpty());
        // DISCONTINUITY at frame 6: frames 0..5 are dropped, the next window starts at 6
        List<MelWindow> afterRestart = feed(assembler, 6, 8, true);
        assertEquals(List.of(6L), afterRestart.stream().map(MelWindow::startFrameIndex).toList());
        // frames 14..16 never arrive: 17.. starts afresh, nothing spans the hole
        List<MelWindow> afterGap = feed(assembler, 17, 10, false);
        assertEquals(List.of(17L), afterGap.stream().map(MelWindow::startFrameIndex).toList());
        assertArrayEquals(frames(17, 8), afterGap.get(0).values());
    }

    @Test
    void replayedFramesAreSkipped() {
        WindowAssembler assembler = new WindowAssembler(SPEC);
        List<MelWindow> windows = new ArrayList<>(feed(assembler, 0, 6, true));
        windows.addAll(feed(assembler, 4, 6, false)); // frames 4, 5 again, then 6..9
        windows.addAll(feed(assembler, 2, 3, false)); // entirely old
        windows.addAll(feed(assembler, 10, 4, false));
        assertSameWindows(feed(new WindowAssembler(SPEC), 0, 14, true), windows);
    }

    @Test
    void aPositionWithItsHeldFramesFromElsewhereContinuesExactly() {
        List<MelWindow> whole = feed(new WindowAssembler(SPEC), 0, 40, true);
        WindowAssembler first = new WindowAssembler(SPEC);
        List<MelWindow> windows = new ArrayList<>(feed(first, 0, 13, true));
        byte[] position = first.position();
        // Windows at 0 and 3 are out (frames 0..10); the one at 6 holds frames 6..12 and waits for 13.
        assertEquals(List.of(0L, 3L), windows.stream().map(MelWindow::startFrameIndex).toList());
        assertEquals(6, first.bufferedFromIndex());
        assertEquals(7, first.bufferedFrames());
        List<long[]> asked = new ArrayList<>();
        WindowAssembler restored = WindowAssembler.restoreAt(SPEC, position, (firstIndex, count) -> {
            asked.add(new long[] {firstIndex, count});
            return frames(firstIndex, count);
        });
        assertEquals(List.of(List.of(6L, 7L)), asked.stream().map(a -> List.of(a[0], a[1])).toList());
        windows.addAll(feed(restored, 13, 27, false));
        assertSameWindows(whole, windows);
        assertTrue(position.length < 100, "position of " + position.length + " bytes");

        assertThrows(IllegalArgumentException.class, () -> WindowAssembler.restoreAt(SPEC, position, (f, c) -> new float[0]));
        assertThrows(IllegalArgumentException.class,
                () -> WindowAssembler.restoreAt(ModelInputSpec.allBands("test-dsp", BANDS, 8, 4), position, this::unused));
    }

    private float[] unused(long firstIndex, int count) {
        throw new AssertionError("no frames should be asked for");
    }

    @Test
    void restoreRejectsCorruptBytes() {
        WindowAssembler assembler = new WindowAssembler(SPEC);
        feed(assembler, 0, 5, true);
        byte[] position = assembler.position();
        byte[] truncated = java.util.Arrays.copyOf(position, position.length - 3);
        assertThrows(IllegalArgumentException.class, () -> WindowAssembler.restoreAt(SPEC, truncated, this::unused));
        byte[] trailing = java.util.Arrays.copyOf(position, position.length + 1);
        assertThrows(IllegalArgumentException.class, () -> WindowAssembler.restoreAt(SPEC, trailing, this::unused));
        byte[] notAPosition = position.clone();
        notAPosition[0] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> WindowAssembler.restoreAt(SPEC, notAPosition, this::unused));
    }

    private static void assertSameWindows(List<MelWindow> expected, List<MelWindow> actual) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).startFrameIndex(), actual.get(i).startFrameIndex());
            assertEquals(expected.get(i).startCaptureMicros(), actual.get(i).startCaptureMicros());
            assertEquals(expected.get(i).endCaptureMicros(), actual.get(i).endCaptureMicros());
            assertArrayEquals(expected.get(i).values(), actual.get(i).values());
        }
    }
}
