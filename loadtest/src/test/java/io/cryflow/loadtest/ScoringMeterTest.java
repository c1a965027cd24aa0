package io.cryflow.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.scoring.QuietStride;
import io.cryflow.inference.scoring.WindowScorer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The load report's view of the inference stage's scoring meters. */
class ScoringMeterTest {

    @Test
    void readsWhatTheScorerRecordsInTheGlobalRegistry() {
        try (ScoringMeter meter = new ScoringMeter()) {
            ScoringMeter.Snapshot before = meter.snapshot();
            // The same meter ids WindowScorer registers: what it records reaches the meter's registry.
            Counter.builder(WindowScorer.WINDOWS_COUNTER).tag("scored", "true").register(Metrics.globalRegistry).increment(12);
            Counter.builder(WindowScorer.WINDOWS_COUNTER).tag("scored", "false").register(Metrics.globalRegistry).increment(36);
            Counter.builder(QuietStride.LEFT_OUT_COUNTER).register(Metrics.globalRegistry).increment(5);
            Timer.builder(WindowScorer.SCORING_TIMER).tag("model", "detector").register(Metrics.globalRegistry)
                    .record(Duration.ofMillis(60));
            ScoringMeter.Snapshot after = meter.snapshot();
            assertEquals(12, after.windowsScored() - before.windowsScored(), 1e-9);
            assertEquals(36, after.windowsSkipped() - before.windowsSkipped(), 1e-9);
            assertEquals(5, after.windowsLeftOutByStride() - before.windowsLeftOutByStride(), 1e-9);
            assertEquals(0.060, after.detectorSeconds() - before.detectorSeconds(), 1e-9);
            assertEquals(0, after.classifierSeconds() - before.classifierSeconds(), 1e-9);
        }
    }

    @Test
    void usageIsPerSecondOfWallTime() {
        ScoringMeter.Snapshot from = new ScoringMeter.Snapshot(100, 300, 50, 1.0, 0.1, 0);
        ScoringMeter.Snapshot to = new ScoringMeter.Snapshot(300, 900, 250, 1.2, 0.12, 2_000_000_000L);
        ScoringMeter.Usage usage = ScoringMeter.between(from, to);
        assertEquals(100, usage.windowsScoredPerSecond(), 1e-9);
        assertEquals(300, usage.windowsSkippedPerSecond(), 1e-9);
        assertEquals(100, usage.windowsLeftOutByStridePerSecond(), 1e-9);
        assertEquals(0.25, usage.leftOutByStrideShare(), 1e-9);
        assertEquals(0.1, usage.detectorCores(), 1e-9);
        assertEquals(0.01, usage.classifierCores(), 1e-9);
        assertEquals(0.25, usage.scoredShare(), 1e-9);
        assertEquals(1.1, usage.millisPerScoredWindow(), 1e-9);
        assertTrue(Double.isNaN(ScoringMeter.between(from, new ScoringMeter.Snapshot(100, 300, 50, 1.0, 0.1, 1)).scoredShare()));
        assertThrows(IllegalArgumentException.class, () -> ScoringMeter.between(to, from));
    }
}
