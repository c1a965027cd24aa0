package io.cryflow.dsp.detect;

import java.util.List;

/**
 * Every stage of one run of the reference pre-filter, frame-indexed at {@code hop / sampleRate} seconds.
 *
 * @param energy         per-frame sum of mel power after the noise floor
 * @param smoothed       Savitzky-Golay smoothed energy
 * @param thresholdMask  {@code smoothed > threshold}
 * @param combinedMask   after gap filling
 * @param finalMask      after short-event removal
 * @param perSecond      per whole second: any frame of it set in the final mask
 * @param runs           runs of flagged seconds, {@code [start, end)}
 */
public record PreFilterResult(
        double[] energy,
        double[] smoothed,
        boolean[] thresholdMask,
        boolean[] combinedMask,
        boolean[] finalMask,
        boolean[] perSecond,
        List<SecondRun> runs) {
}
