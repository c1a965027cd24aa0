package io.cryflow.inference.app;

import io.cryflow.inference.episode.EpisodeSettings;
import java.util.Locale;
import java.util.Properties;

/** Settings the measurements ({@link EpisodeThresholdSweep}, {@link NonCryFalseAlarms}) pass on to the app. */
final class MeasurementSettings {

    private MeasurementSettings() {
    }

    /**
     * Every {@code cryflow.inference.*} system property, so a measurement can run under any app setting, e.g.
     * {@code -Dcryflow.inference.episode.sensitivity=LOW}.
     */
    static Properties inferenceOverrides() {
        Properties props = new Properties();
        System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith("cryflow.inference."))
                .forEach(key -> props.setProperty(key, System.getProperty(key)));
        return props;
    }

    /** The onset rule a room gets under these settings, e.g. "0.70 x 3" (on threshold, windows). */
    static String onsetRule(Properties props, String roomId) {
        InferenceConfig config = InferenceConfig.fromProperties(props);
        EpisodeSettings settings = config.episodeSettings(InferenceDriver.DETECTOR.threshold(), 0.5)
                .withSensitivity(config.sensitivityFor(roomId));
        return String.format(Locale.ROOT, "%.2f x %d", settings.onThreshold(), settings.onWindows());
    }
}
