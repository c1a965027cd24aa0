package io.cryflow.inference.scoring;

import io.cryflow.inference.episode.WindowScore;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.model.CauseClassifier;
import io.cryflow.inference.model.CausePrediction;
import io.cryflow.inference.model.CryDetector;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs the models over windows that are ready together: the detector on every window to score, in one batch,
 * then the cause classifier, in one batch, on the windows the detector found crying. The stream app and the
 * offline commands both score through this class. Pure Java, no Kafka; thread-safe if the models are.
 *
 * <p>A model that throws, or whose outputs are not one probability in [0, 1] per window, fails the batch
 * ({@link ScoringFailedException}): a NaN from the detector must never pass for "not scored". A failing classifier
 * does not cost the detector's result: its windows go on without causes (the episode's cause is then "uncertain"),
 * and the failure goes to the caller's handler.
 */
public final class WindowScorer {

    /** Timer of ONNX Runtime time per batch, tagged {@code model=detector|classifier}. */
    public static final String SCORING_TIMER = "cryflow.inference.scoring";
    /**
     * Counter of windows, tagged {@code scored=true} (the detector ran) or {@code false} (the gate was closed, or
     * a {@link QuietStride} left the window out).
     */
    public static final String WINDOWS_COUNTER = "cryflow.inference.windows";

    // Micrometer's global registry: services and the demo add their Prometheus registry to it.
    private static final Timer DETECTOR_TIME = Timer.builder(SCORING_TIMER)
            .tag("model", "detector").description("ONNX Runtime time per detector batch")
            .publishPercentileHistogram().register(Metrics.globalRegistry);
    private static final Timer CLASSIFIER_TIME = Timer.builder(SCORING_TIMER)
            .tag("model", "classifier").description("ONNX Runtime time per cause-classifier batch")
            .publishPercentileHistogram().register(Metrics.globalRegistry);
    private static final Counter WINDOWS_SCORED = Counter.builder(WINDOWS_COUNTER)
            .tag("scored", "true").description("Windows the detector scored").register(Metrics.globalRegistry);
    /** Counter of batches a model failed on (threw, or gave outputs that are not probabilities), tagged {@code model}. */
    public static final String FAILURES_COUNTER = "cryflow.inference.scoring.failures";
    private static final Counter DETECTOR_FAILURES = Counter.builder(FAILURES_COUNTER).tag("model", "detector")
            .description("Detector batches that failed").register(Metrics.globalRegistry);
    private static final Counter CLASSIFIER_FAILURES = Counter.builder(FAILURES_COUNTER).tag("model", "classifier")
            .description("Cause-classifier batches that failed").register(Metrics.globalRegistry);
    private static final Counter WINDOWS_SKIPPED = Counter.builder(WINDOWS_COUNTER)
            .tag("scored", "false").description("Windows not scored: the energy gate was closed, or a quiet room's stride left them out")
            .register(Metrics.globalRegistry);

    private final CryDetector detector;
    private final CauseClassifier classifier;
    private final String modelVersion;

    /**
     * @throws IllegalArgumentException if the classifier reads other windows than the detector (the classifier runs
     *                                  on the detector's windows)
     */
    public WindowScorer(CryDetector detector, CauseClassifier classifier) {
        ModelInputSpec d = detector.inputSpec();
        ModelInputSpec c = classifier.inputSpec();
        if (!d.dspConfigId().equals(c.dspConfigId()) || d.melBands() != c.melBands() || d.windowFrames() != c.windowFrames()) {
            throw new IllegalArgumentException("the cause classifier reads " + c + ", the detector " + d
                    + ": they must read windows of the same shape");
        }
        this.detector = detector;
        this.classifier = classifier;
        this.modelVersion = detector.version() + "+" + classifier.version();
    }

    public ModelInputSpec inputSpec() {
        return detector.inputSpec();
    }

    /** Both models' versions, as every event carries them: {@code detector@hash+classifier@hash}. */
    public String modelVersion() {
        return modelVersion;
    }

    /** The detector's shipped operating point. */
    public float detectorThreshold() {
        return detector.threshold();
    }

    /**
     * Scores a batch; a classifier failure fails it too (the offline commands: better no answer than a wrong one).
     *
     * @see #score(List, boolean[], double, Consumer)
     */
    public List<WindowScore> score(List<MelWindow> windows, boolean[] toScore, double classifyFrom) {
        return score(windows, toScore, classifyFrom, failure -> {
            throw failure;
        });
    }

    /**
     * Scores a batch.
     *
     * @param windows           consecutive windows, oldest first
     * @param toScore           which windows the detector should run on (the others become {@link WindowScore#unscored})
     * @param classifyFrom      windows with a cry probability at least this are classified
     * @param classifierFailed  told when the classifier fails; the windows then carry no causes
     * @return one score per window, in order
     * @throws ScoringFailedException if the detector fails
     */
    public List<WindowScore> score(List<MelWindow> windows, boolean[] toScore, double classifyFrom,
            Consumer<ScoringFailedException> classifierFailed) {
        List<float[]> batch = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            if (toScore[i]) {
                batch.add(windows.get(i).values());
            }
        }
        float[] probabilities = batch.isEmpty() ? new float[0] : detect(batch);
        WINDOWS_SKIPPED.increment(windows.size() - batch.size());
        float[] perWindow = new float[windows.size()];
        Arrays.fill(perWindow, Float.NaN);
        List<float[]> cries = new ArrayList<>();
        List<Integer> cryIndices = new ArrayList<>();
        for (int i = 0, b = 0; i < windows.size(); i++) {
            if (toScore[i]) {
                perWindow[i] = probabilities[b++];
                if (perWindow[i] >= classifyFrom) {
                    cries.add(windows.get(i).values());
                    cryIndices.add(i);
                }
            }
        }
        List<Map<String, Float>> causeByWindow = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            causeByWindow.add(Map.of());
        }
        if (!cries.isEmpty()) {
            try {
                List<CausePrediction> causes = classify(cries);
                for (int j = 0; j < cryIndices.size(); j++) {
                    causeByWindow.set(cryIndices.get(j), causes.get(j).probabilityByCause());
                }
            } catch (ScoringFailedException failed) {
                classifierFailed.accept(failed);
            }
        }
        List<WindowScore> scores = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            MelWindow w = windows.get(i);
            scores.add(new WindowScore(w.startCaptureMicros(), w.endCaptureMicros(), perWindow[i], causeByWindow.get(i)));
        }
        return scores;
    }

    private float[] detect(List<float[]> batch) {
        long started = System.nanoTime();
        try {
            float[] probabilities = detector.cryProbabilities(batch);
            DETECTOR_TIME.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            ModelOutputs.checkCryProbabilities(detector.version(), probabilities, batch.size());
            WINDOWS_SCORED.increment(batch.size());
            return probabilities;
        } catch (RuntimeException e) {
            DETECTOR_FAILURES.increment();
            throw e instanceof ScoringFailedException failed ? failed
                    : new ScoringFailedException(ScoringFailedException.Model.DETECTOR, detector.version() + " threw " + e, e);
        }
    }

    private List<CausePrediction> classify(List<float[]> cries) {
        long started = System.nanoTime();
        try {
            List<CausePrediction> causes = classifier.classify(cries);
            CLASSIFIER_TIME.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            ModelOutputs.checkCausePredictions(classifier.version(), causes, cries.size());
            return causes;
        } catch (RuntimeException e) {
            CLASSIFIER_FAILURES.increment();
            throw e instanceof ScoringFailedException failed ? failed
                    : new ScoringFailedException(ScoringFailedException.Model.CLASSIFIER, classifier.version() + " threw " + e, e);
        }
    }
}
