package io.cryflow.benchmarks;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.OfflineWindows;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.OnnxCauseClassifier;
import io.cryflow.inference.model.OnnxCryDetector;
import io.cryflow.inference.scoring.WindowScorer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The inference stage's model cost: one ONNX Runtime call of the shipped models (one intra-op thread, as the
 * stream app runs them) on a batch of {@code batch} real log-mel windows (the synthetic cry room of the DSP benchmarks,
 * through the serving extractor and window assembler). Sample-time mode gives the distribution (p50, p99) of one
 * call; per window divide by the batch, windows per second per core = batch / mean call time.
 * <ul>
 *   <li>{@code detector}: the cry detector alone (every gated window);</li>
 *   <li>{@code detectorAndClassifier}: detector then cause classifier on the same batch, as for windows that
 *       turn out to be crying, through the {@link WindowScorer} the stream app uses.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class OnnxScoringBenchmark {

    @Param({"1", "8"})
    int batch;

    private OnnxCryDetector detector;
    private OnnxCauseClassifier classifier;
    private WindowScorer scorer;
    private List<List<float[]>> batches;
    private List<List<MelWindow>> windowBatches;
    private boolean[] all;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        detector = BundledModels.cryDetector();
        classifier = BundledModels.causeClassifier();
        scorer = new WindowScorer(detector, classifier);
        float[] audio = SyntheticRoomAudio.generate(FeatureConfig.DEFAULT.sampleRate(), 30, 7);
        List<MelWindow> windows = OfflineWindows.of(audio, FeatureConfig.DEFAULT, detector.inputSpec(), 0);
        batches = new ArrayList<>();
        windowBatches = new ArrayList<>();
        for (int at = 0; at + batch <= windows.size(); at += batch) {
            List<MelWindow> group = windows.subList(at, at + batch);
            windowBatches.add(List.copyOf(group));
            batches.add(group.stream().map(MelWindow::values).toList());
        }
        all = new boolean[batch];
        java.util.Arrays.fill(all, true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        classifier.close();
        detector.close();
    }

    @Benchmark
    public float[] detector() {
        next = (next + 1) % batches.size();
        return detector.cryProbabilities(batches.get(next));
    }

    @Benchmark
    public Object detectorAndClassifier() {
        next = (next + 1) % windowBatches.size();
        return scorer.score(windowBatches.get(next), all, 0.0);
    }
}
