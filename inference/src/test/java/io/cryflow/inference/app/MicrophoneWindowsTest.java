package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import java.util.ArrayList;
import java.util.List;
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

    @Test
    void theStateSurvivesItsBytesAndRefusesAnotherSpec() {
        MicrophoneWindows state = new MicrophoneWindows(SPEC);
        add(state, 0, 17);
        state.gateOpened(20_000);
        state.gateClosed(20_000, 90_000);
        state.gateOpened(120_000);
        MicrophoneWindows copy = MicrophoneWindows.fromBytes(SPEC, state.toBytes());
        assertArrayEquals(state.toBytes(), copy.toBytes());
        List<MelWindow> a = new ArrayList<>(add(state, 17, 20));
        List<MelWindow> b = new ArrayList<>(add(copy, 17, 20));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).values(), b.get(i).values());
            assertEquals(state.gateOpenDuring(a.get(i)), copy.gateOpenDuring(b.get(i)));
        }
        ModelInputSpec other = ModelInputSpec.allBands("dsp-test", 4, 12, 5);
        assertThrows(IllegalArgumentException.class, () -> MicrophoneWindows.fromBytes(other, state.toBytes()));
        assertThrows(IllegalArgumentException.class, () -> MicrophoneWindows.fromBytes(SPEC, new byte[] {1, 2}));
    }
}
