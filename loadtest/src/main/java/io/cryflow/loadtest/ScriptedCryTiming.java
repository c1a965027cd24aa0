package io.cryflow.loadtest;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.inference.app.InferenceConfig;
import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.OnnxCryDetector;
import java.time.Duration;
import java.util.Properties;

/**
 * How the load test's scripted cries relate in time to the episodes the app's rules can report for them, derived
 * from those rules (cryflow.inference.episode.*) and the detector's window length, so that changing either changes
 * the test alike.
 *
 * @param minGap     the least silence between two scripted cries: closer cries are one episode by the rules (a pause
 *                   of 3 s is not a new cry), so the scene would expect an episode start that correct output never has
 * @param earlyStart how far before a scripted onset an episode reporting it may start
 */
record ScriptedCryTiming(Duration minGap, Duration earlyStart) {

    /** Spare time beyond the windows on each side of the silence between two cries. */
    static final Duration GAP_SPARE = Duration.ofSeconds(1);

    /** The timing for the given app settings and the detector they configure. */
    static ScriptedCryTiming of(Properties appSettings) {
        try (OnnxCryDetector detector = BundledModels.cryDetector(appSettings)) {
            return of(appSettings, windowOf(detector.inputSpec()));
        }
    }

    /**
     * The timing for the given app settings and model window length. Beyond the rules' end decision (how long after
     * its last cry window an episode can still be continued) the gap leaves a model window on each side of the
     * silence and {@link #GAP_SPARE}. The tracker dates an episode back from its onset windows over the unbroken
     * windows at or above the off threshold leading into them, by at most {@code end.after}; a window is timed at its
     * centre, so one centred half a window before a cry holds some of it.
     */
    static ScriptedCryTiming of(Properties appSettings, Duration modelWindow) {
        InferenceConfig config = InferenceConfig.fromProperties(appSettings);
        Duration gapMargin = modelWindow.multipliedBy(2).plus(GAP_SPARE);
        return new ScriptedCryTiming(config.episodeEndDecision().plus(gapMargin),
                config.episodeEndAfter().plus(modelWindow.dividedBy(2)));
    }

    /** A model window's length in capture time, at the pipeline's frame rate. */
    static Duration windowOf(ModelInputSpec spec) {
        FeatureConfig features = FeatureConfig.DEFAULT;
        return Duration.ofNanos(spec.windowFrames() * features.hopLength() * 1_000_000_000L / features.sampleRate());
    }
}
