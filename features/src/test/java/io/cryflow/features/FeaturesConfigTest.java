package io.cryflow.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FeaturesConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        FeaturesConfig config = FeaturesConfig.fromProperties(new Properties());
        assertEquals(Topics.AUDIO_CHUNKS, config.inputTopic());
        assertEquals(Topics.MEL_FEATURES, config.melTopic());
        assertEquals(Topics.CRY_CANDIDATES, config.candidatesTopic());
        assertEquals(Topics.MICROPHONE_STATUS, config.statusTopic());
        assertEquals(FeatureConfig.DEFAULT, config.featureConfig());
        assertEquals(GateConfig.DEFAULT, config.gateConfig());
        assertEquals(4, config.reorderChunks());
        assertEquals(Duration.ofSeconds(2), config.reorderMaxWait());
        assertEquals(Duration.ofSeconds(5), config.silenceAfter());
        assertEquals(Duration.ofSeconds(1), config.captureJump());
        assertEquals(1.0 / 32768, config.silencePeakToPeak());
        assertEquals(32767.0 / 32768, config.clippingLevel());
        assertEquals(0.01, config.clippingShare());
        assertEquals(Duration.ofSeconds(1), config.clippingWindow());
        assertEquals(GateConfig.DEFAULT, config.gateConfigFor("any-room"));
    }

    @Test
    void propertiesOverrideEachSetting() {
        Properties props = new Properties();
        props.setProperty(FeaturesConfig.MEL_TOPIC, "test.mel");
        props.setProperty(FeaturesConfig.REORDER_CHUNKS, "8");
        props.setProperty(FeaturesConfig.SILENCE_AFTER_MS, "2500");
        props.setProperty(FeaturesConfig.CAPTURE_JUMP_MS, "3000");
        props.setProperty(FeaturesConfig.REORDER_MAX_WAIT_MS, "750");
        props.setProperty(FeaturesConfig.CLIPPING_SHARE, "0.05");
        props.setProperty(FeaturesConfig.CLIPPING_WINDOW_MS, "500");
        props.setProperty(FeaturesConfig.GATE_SENSITIVITY, "low");
        props.setProperty(FeaturesConfig.GATE_SENSITIVITY_ROOM_PREFIX + "nicu-1", "HIGH");
        props.setProperty(FeaturesConfig.GATE_SENSITIVITY_ROOM_PREFIX + "nicu-2", "1.5");
        props.setProperty("application.id", "ignored-here");

        FeaturesConfig config = FeaturesConfig.fromProperties(props);

        assertEquals("test.mel", config.melTopic());
        assertEquals(8, config.reorderChunks());
        assertEquals(Duration.ofMillis(2500), config.silenceAfter());
        assertEquals(Duration.ofSeconds(3), config.captureJump());
        assertEquals(Duration.ofMillis(750), config.reorderMaxWait());
        assertEquals(0.05, config.clippingShare());
        assertEquals(Duration.ofMillis(500), config.clippingWindow());
        assertEquals(-3.0, config.gateConfig().sensitivityDb());
        assertEquals(-3.0, config.gateConfigFor("nursery").sensitivityDb());
        assertEquals(3.0, config.gateConfigFor("nicu-1").sensitivityDb());
        assertEquals(1.5, config.gateConfigFor("nicu-2").sensitivityDb());
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertInvalid(FeaturesConfig.REORDER_CHUNKS, "-1");
        assertInvalid(FeaturesConfig.REORDER_CHUNKS, "65");
        assertInvalid(FeaturesConfig.REORDER_CHUNKS, "four");
        assertInvalid(FeaturesConfig.SILENCE_AFTER_MS, "0");
        assertInvalid(FeaturesConfig.CAPTURE_JUMP_MS, "-5");
        assertInvalid(FeaturesConfig.CLIPPING_SHARE, "1.5");
        assertInvalid(FeaturesConfig.CLIPPING_LEVEL, "0");
        assertInvalid(FeaturesConfig.GATE_SENSITIVITY, "loud");
        assertInvalid(FeaturesConfig.GATE_SENSITIVITY_ROOM_PREFIX + "r", "99");
        assertInvalid(FeaturesConfig.INPUT_TOPIC, " ");
    }

    private static void assertInvalid(String key, String value) {
        Properties props = new Properties();
        props.setProperty(key, value);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeaturesConfig.fromProperties(props));
        assertTrue(e.getMessage().contains(key), e.getMessage());
    }
}
