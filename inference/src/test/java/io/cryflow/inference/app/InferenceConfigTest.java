package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.episode.EpisodeSensitivity;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class InferenceConfigTest {

    @Test
    void defaultsTakeTheModelThresholds() {
        InferenceConfig config = InferenceConfig.defaults();
        assertEquals(Topics.MEL_FEATURES, config.melTopic());
        assertEquals(Topics.CRY_EVENTS, config.eventsTopic());
        assertFalse(config.scoreAlways());
        assertEquals(3, config.quietStride());
        assertEquals(Duration.ofSeconds(10), config.offlineAfter());
        assertEquals(Duration.ofSeconds(1), config.gateSettle());
        EpisodeSettings settings = config.episodeSettings(0.82, 0.3);
        assertEquals(0.82, settings.onThreshold(), 1e-9, "the model's threshold when above the floor");
        assertEquals(0.492, settings.offThreshold(), 1e-9);
        assertEquals(InferenceConfig.DEFAULT_MIN_ON_THRESHOLD, config.episodeSettings(0.16, 0.3).onThreshold(), 1e-9,
                "at least the floor");
        assertEquals(0.3, settings.causeMinProbability(), 1e-9);
        assertEquals(EpisodeSettings.DEFAULT.onWindows(), settings.onWindows());
        assertEquals(EpisodeSensitivity.NORMAL, config.sensitivityFor("any"));
    }

    @Test
    void keysOverrideDefaultsAndRoomsHaveTheirOwnSensitivity() {
        Properties props = new Properties();
        props.setProperty(InferenceConfig.SCORE_ALWAYS, "true");
        props.setProperty(InferenceConfig.OFFLINE_AFTER_MS, "2500");
        props.setProperty(InferenceConfig.QUIET_STRIDE, "1");
        props.setProperty(InferenceConfig.ON_THRESHOLD, "0.7");
        props.setProperty(InferenceConfig.OFF_THRESHOLD, "0.6");
        props.setProperty(InferenceConfig.ON_WINDOWS, "2");
        props.setProperty(InferenceConfig.MERGE_GAP_MS, "6000");
        props.setProperty(InferenceConfig.SENSITIVITY, "low");
        props.setProperty(InferenceConfig.SENSITIVITY_ROOM_PREFIX + "nicu-1", "HIGH");
        InferenceConfig config = InferenceConfig.fromProperties(props);
        assertTrue(config.scoreAlways());
        assertEquals(Duration.ofMillis(2500), config.offlineAfter());
        assertEquals(1, config.quietStride());
        EpisodeSettings settings = config.episodeSettings(0.5, 0.25);
        assertEquals(0.7, settings.onThreshold(), 1e-9);
        assertEquals(0.6, settings.offThreshold(), 1e-9);
        assertEquals(2, settings.onWindows());
        assertEquals(6_000_000, settings.mergeGapMicros());
        assertEquals(EpisodeSensitivity.HIGH, config.sensitivityFor("nicu-1"));
        assertEquals(EpisodeSensitivity.LOW, config.sensitivityFor("nicu-2"));
    }

    @Test
    void invalidValuesAreRefusedNamingTheirKey() {
        for (String[] bad : new String[][] {
                {InferenceConfig.SCORE_ALWAYS, "yes"},
                {InferenceConfig.OFFLINE_AFTER_MS, "0"},
                {InferenceConfig.QUIET_STRIDE, "0"},
                {InferenceConfig.ON_THRESHOLD, "1.5"},
                {InferenceConfig.GATE_SETTLE_MS, "soon"},
                {InferenceConfig.SENSITIVITY_ROOM_PREFIX + "x", "EXTREME"}}) {
            Properties props = new Properties();
            props.setProperty(bad[0], bad[1]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> InferenceConfig.fromProperties(props));
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
        }
        Properties inverted = new Properties();
        inverted.setProperty(InferenceConfig.OFF_THRESHOLD, "0.9");
        assertThrows(IllegalArgumentException.class, () -> InferenceConfig.fromProperties(inverted).episodeSettings(0.5, 0.3));
    }
}
