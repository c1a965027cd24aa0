package io.cryflow.dsp.detect;

import io.cryflow.dsp.testdata.ReferenceVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class EventMasksTest {

    @ParameterizedTest
    @ValueSource(strings = {"scene120", "scene120_constantpad", "cry", "tap", "laugh"})
    void reproduceTheReferenceMasksFromTheReferenceThresholdMask(String name) {
        ReferenceVectors ref = ReferenceVectors.require();
        boolean[] mask = ref.mask("B_" + name + "_mask_threshold");
        EventMasks.fillGaps(mask, 125.0);
        assertArrayEquals(ref.mask("B_" + name + "_mask_combined"), mask, "combined");
        EventMasks.removeShortEvents(mask, 125.0);
        assertArrayEquals(ref.mask("B_" + name + "_mask_final"), mask, "final");
    }

    @Test
    void fillGapsClosesGapsUpToTheLimitButNeverFromFrameZero() {
        boolean[] mask = mask("1001000100000001000000");
        EventMasks.fillGaps(mask, 4);
        // 0 never anchors; 3 -> 7 (a step of 4) merges; 7 -> 15 (8) does not; the tail rule does not
        // apply because (n - 2) - 15 = 5 exceeds 4. Expected values produced by the reference Python.
        assertArrayEquals(mask("1001111100000001000000"), mask);

        boolean[] tail = mask("0001000010");
        EventMasks.fillGaps(tail, 4);
        // 3 -> 8 is a step of 5: no merge; the last set frame 8 is within 4 of frame n-2 = 8: set [8, 9).
        assertArrayEquals(mask("0001000010"), tail);

        boolean[] extended = mask("0100000000");
        EventMasks.fillGaps(extended, 8);
        // Tail quirk: from the last set frame up to, not including, the last frame.
        assertArrayEquals(mask("0111111110"), extended);
    }

    @Test
    void removeShortEventsKeepsOnlyRunsLongerThanTheLimit() {
        boolean[] mask = mask("0111001111100111");
        EventMasks.removeShortEvents(mask, 3);
        // Runs of 3 and (at the end) 3 are removed; the run of 5 stays.
        assertArrayEquals(mask("0000001111100000"), mask);

        boolean[] all = mask("1111");
        EventMasks.removeShortEvents(all, 4);
        assertArrayEquals(mask("0000"), all);
    }

    @Test
    void perSecondNeverEmitsTheLastSecondAndRunsAreHalfOpen() {
        // 2 frames per second (hop 1, rate 2), 7 samples: seconds 0..2 emitted, 3 (frame 6) is not.
        boolean[] frames = mask("0110001");
        boolean[] seconds = PerSecondAggregation.perSecond(frames, 1, 2.0, 7);
        assertArrayEquals(new boolean[] {true, true, false}, seconds);
        assertEquals(List.of(new SecondRun(0, 2)), PerSecondAggregation.runs(seconds));
        assertEquals(List.of(new SecondRun(1, 2), new SecondRun(3, 4)),
                PerSecondAggregation.runs(new boolean[] {false, true, false, true}));
    }

    private static boolean[] mask(String bits) {
        boolean[] out = new boolean[bits.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = bits.charAt(i) == '1';
        }
        return out;
    }
}
