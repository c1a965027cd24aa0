package io.cryflow.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cryflow.inference.app.InferenceConfig;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScriptedCryGapTest {

    @Test
    void withTheDefaultRulesScriptedCriesAreNineSecondsApart() {
        // The default rules may continue an episode 4 s after its last cry window (merge gap 4 s, end after 2 s).
        assertEquals(Duration.ofSeconds(9), LoadTest.scriptedCryGap(new Properties()));
    }

    @Test
    void aLongerMergeGapOrEndDelayWidensTheGap() {
        Properties mergeGap = new Properties();
        mergeGap.setProperty(InferenceConfig.MERGE_GAP_MS, "6000");
        assertEquals(Duration.ofSeconds(11), LoadTest.scriptedCryGap(mergeGap));

        Properties endAfter = new Properties();
        endAfter.setProperty(InferenceConfig.END_AFTER_MS, "7500");
        assertEquals(Duration.ofMillis(12_500), LoadTest.scriptedCryGap(endAfter));
    }
}
