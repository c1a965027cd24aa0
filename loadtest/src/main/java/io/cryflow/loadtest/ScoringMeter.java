package io.cryflow.loadtest;

import io.cryflow.inference.scoring.QuietStride;
import io.cryflow.inference.scoring.WindowScorer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;

/**
 * Reads the inference stage's own scoring meters (windows scored and not scored, those a quiet room's stride left
 * out, ONNX Runtime time per model) through a registry it adds to Micrometer's global one, so the load report can
 * say how much of the inference thread's CPU is the models, and how many windows the gate and the stride let through.
 */
final class ScoringMeter implements AutoCloseable {

    /** The meters' totals at one moment. */
    record Snapshot(double windowsScored, double windowsSkipped, double windowsLeftOutByStride, double detectorSeconds,
                    double classifierSeconds, long wallNanos) {
    }

    /** Between two snapshots: per second of wall time. */
    record Usage(double windowsScoredPerSecond, double windowsSkippedPerSecond, double windowsLeftOutByStridePerSecond,
                 double detectorCores, double classifierCores) {

        /** Share of the windows the detector ran on; NaN when there were none. */
        double scoredShare() {
            return shareOfAllWindows(windowsScoredPerSecond);
        }

        /** Share of the windows the gate let through but a quiet room's stride left out; NaN when there were none. */
        double leftOutByStrideShare() {
            return shareOfAllWindows(windowsLeftOutByStridePerSecond);
        }

        private double shareOfAllWindows(double perSecond) {
            double all = windowsScoredPerSecond + windowsSkippedPerSecond;
            return all == 0 ? Double.NaN : perSecond / all;
        }

        /** ONNX Runtime milliseconds per scored window (detector, plus the classifier on the crying ones). */
        double millisPerScoredWindow() {
            return windowsScoredPerSecond == 0 ? Double.NaN : (detectorCores + classifierCores) * 1000 / windowsScoredPerSecond;
        }
    }

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    ScoringMeter() {
        Metrics.globalRegistry.add(registry);
    }

    Snapshot snapshot() {
        return new Snapshot(total(registry.find(WindowScorer.WINDOWS_COUNTER).tag("scored", "true").counter()),
                total(registry.find(WindowScorer.WINDOWS_COUNTER).tag("scored", "false").counter()),
                total(registry.find(QuietStride.LEFT_OUT_COUNTER).counter()), seconds("detector"), seconds("classifier"),
                System.nanoTime());
    }

    static Usage between(Snapshot from, Snapshot to) {
        double wall = (to.wallNanos() - from.wallNanos()) / 1e9;
        if (wall <= 0) {
            throw new IllegalArgumentException("snapshots out of order");
        }
        return new Usage((to.windowsScored() - from.windowsScored()) / wall, (to.windowsSkipped() - from.windowsSkipped()) / wall,
                (to.windowsLeftOutByStride() - from.windowsLeftOutByStride()) / wall,
                (to.detectorSeconds() - from.detectorSeconds()) / wall, (to.classifierSeconds() - from.classifierSeconds()) / wall);
    }

    /** A counter's count, 0 before anything registered it. */
    private static double total(Counter counter) {
        return counter == null ? 0 : counter.count();
    }

    private double seconds(String model) {
        Timer timer = registry.find(WindowScorer.SCORING_TIMER).tag("model", model).timer();
        return timer == null ? 0 : timer.totalTime(TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        Metrics.globalRegistry.remove(registry);
        registry.close();
    }
}
