package io.cryflow.dsp.detect;

import java.util.Arrays;

/**
 * The reference pre-filter's event operations on a per-frame 0/1 mask, reproduced with their quirks
 * (Yao et al. {@code combineIntoEvent} and {@code whatIsAnEvent}, where a frame's timestamp is its index).
 */
public final class EventMasks {

    private EventMasks() {
    }

    /**
     * {@code combineIntoEvent}: when a set frame follows the previous set frame by at most
     * {@code maxGap} frames, the frames between them are set. Quirks kept: a set frame at index 0 never
     * anchors a merge, and if the last set frame lies within {@code maxGap} of the second-to-last frame
     * the mask is set from it up to (not including) the last frame.
     */
    public static void fillGaps(boolean[] mask, double maxGap) {
        int n = mask.length;
        int previous = -1;
        for (int i = 0; i < n; i++) {
            if (mask[i]) {
                if (previous > 0 && i - previous <= maxGap) {
                    Arrays.fill(mask, previous, i, true);
                }
                previous = i;
            }
        }
        if (n >= 2 && previous > 0 && (n - 2) - previous <= maxGap) {
            Arrays.fill(mask, previous, n - 1, true);
        }
    }

    /**
     * {@code whatIsAnEvent}: clears every run of set frames whose length is at most {@code minLength}
     * frames; a run reaching the end counts {@code lastIndex - start + 1}.
     */
    public static void removeShortEvents(boolean[] mask, double minLength) {
        int n = mask.length;
        int start = -1;
        for (int i = 0; i < n; i++) {
            if (mask[i] && start == -1) {
                start = i;
            } else if (!mask[i] && start != -1) {
                if (i - start <= minLength) {
                    Arrays.fill(mask, start, i, false);
                }
                start = -1;
            }
        }
        if (start != -1 && (n - 1) - start + 1 <= minLength) {
            Arrays.fill(mask, start, n, false);
        }
    }
}
