package io.cryflow.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cryflow.inference.app.InferenceConfig;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.OnnxCryDetector;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ScriptedCryTimingTest {

    @Test
    void withTheDefaultRulesScriptedCriesAreThirteenSecondsApart() {
        // The default rules may continue an episode 8 s after its last cry window (merge gap 8 s, end after 2 s).
        ScriptedCryTiming timing = ScriptedCryTiming.of(new Properties());
        assertEquals(Duration.ofSeconds(13), timing.minGap());
        // Dated back by at most end.after (2 s) from onset windows centred up to 1 s before the cry.
        assertEquals(Duration.ofSeconds(3), timing.earlyStart());
    }

    @Test
    void aLongerMergeGapOrEndDelayWidensTheGap() {
        Properties mergeGap = new Properties();
        mergeGap.setProperty(InferenceConfig.MERGE_GAP_MS, "10000");
        assertEquals(Duration.ofSeconds(15), ScriptedCryTiming.of(mergeGap).minGap());
        assertEquals(Duration.ofSeconds(3), ScriptedCryTiming.of(mergeGap).earlyStart(), "the merge gap does not date back");

        Properties endAfter = new Properties();
        endAfter.setProperty(InferenceConfig.END_AFTER_MS, "9500");
        assertEquals(Duration.ofMillis(14_500), ScriptedCryTiming.of(endAfter).minGap());
        assertEquals(Duration.ofMillis(10_500), ScriptedCryTiming.of(endAfter).earlyStart());
    }

    @Test
    void theMarginsFollowTheDetectorsWindow() {
        // The shipped detector's window: 200 frames of 10 ms.
        try (OnnxCryDetector detector = BundledModels.cryDetector()) {
            assertEquals(Duration.ofSeconds(2), ScriptedCryTiming.windowOf(detector.inputSpec()));
        }
        // A 5 s model: a window on each side of the gap and 1 s to spare, dated back by half a window.
        ScriptedCryTiming fiveSeconds = ScriptedCryTiming.of(new Properties(), Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(8 + 11), fiveSeconds.minGap());
        assertEquals(Duration.ofMillis(4_500), fiveSeconds.earlyStart());
    }
}
