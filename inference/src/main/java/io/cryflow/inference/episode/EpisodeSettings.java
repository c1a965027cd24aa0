package io.cryflow.inference.episode;

/**
 * How a room's {@link EpisodeTracker} turns window cry probabilities into episodes. Times are capture
 * time in microseconds. Defaults ({@link #DEFAULT}) suit windows a fraction of a second apart.
 *
 * @param onThreshold        a window counts towards an onset when its cry probability is at least this (default 0.5)
 * @param offThreshold       a window keeps an episode alive when its probability is at least this (default 0.3);
 *                           at most {@code onThreshold} (hysteresis)
 * @param onWindows          consecutive windows at or above {@code onThreshold} that confirm an onset (default 3)
 * @param endAfterMicros     an episode is over once its windows have stayed below {@code offThreshold} this long
 *                           (default 2 s)
 * @param mergeGapMicros     a new onset confirmed within this long of an episode's end continues that episode
 *                           instead of starting another; CRY_ENDED therefore waits out the gap (default 4 s)
 * @param minDurationMicros  an episode is reported only once it has lasted this long; shorter ones are dropped
 *                           without any event (default 1 s)
 * @param updateIntervalMicros CRY_UPDATED at most this often, and only when the cause or the confidence changed
 *                           (default 5 s)
 * @param confidenceStep     change of mean or peak confidence that counts as a refinement (default 0.05)
 * @param causeMinProbability the episode's averaged cause probability below which its cause is "uncertain" (default 0.5)
 */
public record EpisodeSettings(
        double onThreshold,
        double offThreshold,
        int onWindows,
        long endAfterMicros,
        long mergeGapMicros,
        long minDurationMicros,
        long updateIntervalMicros,
        double confidenceStep,
        double causeMinProbability) {

    public static final EpisodeSettings DEFAULT =
            new EpisodeSettings(0.5, 0.3, 3, 2_000_000, 8_000_000, 1_000_000, 5_000_000, 0.05, 0.5);

    public EpisodeSettings {
        if (!(onThreshold > 0 && onThreshold <= 1)) {
            throw new IllegalArgumentException("onThreshold must lie in (0, 1], got " + onThreshold);
        }
        if (!(offThreshold >= 0 && offThreshold <= onThreshold)) {
            throw new IllegalArgumentException("offThreshold must lie in [0, onThreshold], got " + offThreshold);
        }
        if (onWindows < 1) {
            throw new IllegalArgumentException("onWindows must be at least 1, got " + onWindows);
        }
        if (endAfterMicros <= 0 || mergeGapMicros < 0 || minDurationMicros < 0 || updateIntervalMicros <= 0) {
            throw new IllegalArgumentException("need endAfter > 0, mergeGap >= 0, minDuration >= 0, updateInterval > 0");
        }
        if (!(confidenceStep > 0 && confidenceStep <= 1) || !(causeMinProbability >= 0 && causeMinProbability <= 1)) {
            throw new IllegalArgumentException("confidenceStep must lie in (0, 1] and causeMinProbability in [0, 1]");
        }
    }

    /**
     * These settings moved by a room sensitivity: HIGH multiplies both thresholds by 0.7 and asks one window fewer
     * for an onset, LOW multiplies them by 1.3 (at most 0.95) and asks one more. Relative steps, because a model's
     * operating point may lie anywhere in (0, 1).
     */
    public EpisodeSettings withSensitivity(EpisodeSensitivity sensitivity) {
        int steps = sensitivity.steps();
        if (steps == 0) {
            return this;
        }
        double factor = steps > 0 ? 0.7 : 1.3;
        double on = Math.min(0.95, onThreshold * factor);
        double off = Math.min(on, offThreshold * factor);
        int windows = Math.max(1, onWindows - steps);
        return new EpisodeSettings(on, off, windows, endAfterMicros, mergeGapMicros, minDurationMicros,
                updateIntervalMicros, confidenceStep, causeMinProbability);
    }

    /** How long after the last cry window CRY_ENDED can be decided: the end hysteresis or the merge gap. */
    public long endDecisionMicros() {
        return Math.max(endAfterMicros, mergeGapMicros);
    }

}
