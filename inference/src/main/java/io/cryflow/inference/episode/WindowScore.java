package io.cryflow.inference.episode;

import java.util.Map;

/**
 * One analysis window as the tracker sees it.
 *
 * @param startMicros        capture time of the window's first sample
 * @param endMicros          capture time just after its last sample
 * @param cryProbability     the detector's output in [0, 1], or NaN when the window was not scored (the energy gate
 *                           was closed: too quiet to be a cry), which counts as "no cry"; a NaN from the model never
 *                           gets here ({@code WindowScorer} fails the batch)
 * @param causeProbabilities the cause classifier's probabilities by lower-case cause name, or empty when it did
 *                           not run on this window
 */
public record WindowScore(long startMicros, long endMicros, float cryProbability, Map<String, Float> causeProbabilities) {

    public WindowScore {
        if (endMicros < startMicros) {
            throw new IllegalArgumentException("window ends before it starts: " + startMicros + ".." + endMicros);
        }
        if (!Float.isNaN(cryProbability) && !(cryProbability >= 0f && cryProbability <= 1f)) {
            throw new IllegalArgumentException("cry probability " + cryProbability + " is not in [0, 1]");
        }
        causeProbabilities = Map.copyOf(causeProbabilities);
    }

    /** A window the detector did not score. */
    public static WindowScore unscored(long startMicros, long endMicros) {
        return new WindowScore(startMicros, endMicros, Float.NaN, Map.of());
    }

    /** A window the detector scored; a NaN here is a model failure, not "not scored". */
    public static WindowScore scored(long startMicros, long endMicros, float cryProbability) {
        if (Float.isNaN(cryProbability)) {
            throw new IllegalArgumentException("a scored window needs a cry probability, got NaN");
        }
        return new WindowScore(startMicros, endMicros, cryProbability, Map.of());
    }

    public boolean isScored() {
        return !Float.isNaN(cryProbability);
    }

    /**
     * The time the window speaks for: its centre. A cry entering a window moves its probability once it fills a
     * good part of it, so the centre is the unbiased estimate of when the sound the window judges happened.
     */
    public long centreMicros() {
        return startMicros + (endMicros - startMicros) / 2;
    }
}
