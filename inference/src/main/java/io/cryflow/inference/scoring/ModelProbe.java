package io.cryflow.inference.scoring;

import io.cryflow.inference.model.CauseClassifier;
import io.cryflow.inference.model.CryDetector;
import java.util.List;

/**
 * Runs both models once on a known input before a service relies on them: a batch of two windows of zero log-mel
 * values in the models' input shape (a batch of two, so an output that ignores the batch dimension shows). A model
 * that throws, or answers with the wrong number of outputs or with values that are not probabilities, is refused
 * here, at start, with a message naming it, instead of failing (or, worse, looking quiet) on live audio.
 */
public final class ModelProbe {

    private static final int PROBE_WINDOWS = 2;

    private ModelProbe() {}

    /** @throws IllegalStateException naming the model and what was wrong with its outputs */
    public static void requireSaneOutputs(CryDetector detector, CauseClassifier classifier) {
        List<float[]> detectorInput = zeroWindows(detector.inputSpec().windowValues());
        List<float[]> classifierInput = zeroWindows(classifier.inputSpec().windowValues());
        probe(detector.version(), () -> ModelOutputs.checkCryProbabilities(detector.version(),
                detector.cryProbabilities(detectorInput), PROBE_WINDOWS));
        probe(classifier.version(), () -> ModelOutputs.checkCausePredictions(classifier.version(),
                classifier.classify(classifierInput), PROBE_WINDOWS));
    }

    private static void probe(String version, Runnable check) {
        try {
            check.run();
        } catch (ScoringFailedException e) {
            throw refused(e.getMessage(), e);
        } catch (RuntimeException e) {
            throw refused(version + " threw " + e, e);
        }
    }

    private static IllegalStateException refused(String why, Exception cause) {
        return new IllegalStateException("refusing to start: the probe inference on silent windows failed: " + why, cause);
    }

    private static List<float[]> zeroWindows(int values) {
        return List.of(new float[values], new float[values]);
    }
}
