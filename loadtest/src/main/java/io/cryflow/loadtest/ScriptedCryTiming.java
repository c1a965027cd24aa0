package io.cryflow.loadtest;

import io.cryflow.inference.app.InferenceConfig;
import java.time.Duration;
import java.util.Properties;

/**
 * How the load test's scripted cries relate in time to the episodes the app's rules can report for them, derived
 * from those rules (cryflow.inference.episode.*) so that changing them changes the test alike.
 *
 * @param minGap     the least silence between two scripted cries: closer cries are one episode by the rules (a pause
 *                   of 3 s is not a new cry), so the scene would expect an episode start that correct output never has
 * @param earlyStart how far before a scripted onset an episode reporting it may start
 */
record ScriptedCryTiming(Duration minGap, Duration earlyStart) {

    /**
     * Beyond the rules' end decision (how long after its last cry window an episode can still be continued): a 2 s
     * model window on each side of the silence and 1 s to spare.
     */
    static final Duration GAP_MARGIN = Duration.ofSeconds(5);
    /** Half a 2 s model window: a window is timed at its centre, so one centred this long before a cry holds some of it. */
    static final Duration HALF_WINDOW = Duration.ofSeconds(1);

    /**
     * The timing for the given app settings. The tracker dates an episode back from its onset windows over the
     * unbroken windows at or above the off threshold leading into them, by at most {@code end.after}.
     */
    static ScriptedCryTiming of(Properties appSettings) {
        InferenceConfig config = InferenceConfig.fromProperties(appSettings);
        return new ScriptedCryTiming(config.episodeEndDecision().plus(GAP_MARGIN), config.episodeEndAfter().plus(HALF_WINDOW));
    }
}
