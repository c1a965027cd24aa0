package io.cryflow.dsp.gate;

import io.cryflow.dsp.features.FeatureConfig;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GateConfigTest {

    @Test
    void defaultsConvertToFramesOfTheFeatureStream() {
        GateConfig c = GateConfig.DEFAULT;
        assertEquals(25, c.lookAheadFrames(FeatureConfig.DEFAULT));
        assertEquals(200, c.hangoverFrames(FeatureConfig.DEFAULT));
        assertEquals(100, c.minOpenFrames(FeatureConfig.DEFAULT));
        assertEquals(10, c.floorBlockFrames(FeatureConfig.DEFAULT));
        assertEquals(150, c.floorWindowBlocks(FeatureConfig.DEFAULT));
        assertEquals(3.0, c.withSensitivity(Sensitivity.HIGH).sensitivityDb());
        assertEquals(-3.0, c.withSensitivity(Sensitivity.LOW).sensitivityDb());
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new GateConfig(1.5, 2, 0.5, -70, 0, 2, 1, 0.1, 15, 0.05, 0.9, 3, 2, 3), "look-ahead over 1 s");
        assertThrows(IllegalArgumentException.class, () -> new GateConfig(0.25, 2, 3, -70, 0, 2, 1, 0.1, 15, 0.05, 0.9, 3, 2, 3), "close above open");
        assertThrows(IllegalArgumentException.class, () -> new GateConfig(0.25, 2, 0.5, -70, 0, -1, 1, 0.1, 15, 0.05, 0.9, 3, 2, 3), "negative hang-over");
        assertThrows(IllegalArgumentException.class, () -> new GateConfig(0.25, 2, 0.5, -70, 0, 2, 1, 0.1, 15, 1.0, 0.9, 3, 2, 3), "percentile 1");
        assertThrows(IllegalArgumentException.class, () -> new GateConfig(0.25, 2, 0.5, -70, 0, 2, 1, 0.5, 0.2, 0.05, 0.9, 3, 2, 3), "window shorter than block");
        assertThrows(IllegalArgumentException.class, () -> new GateConfig(0.25, 2, 0.5, -70, 0, 2, 1, 0.1, 15, 0.05, 0.9, 0, 2, 3), "zero spread rate");
    }
}
