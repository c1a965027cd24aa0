package io.cryflow.inference.scoring;

import io.cryflow.inference.model.CausePrediction;
import java.util.List;
import java.util.Locale;

/**
 * Checks that what a model returned for a batch is what the episode rules can trust: one probability (or one cause
 * prediction) per window, each finite and in [0, 1]. Serving ({@link WindowScorer}) and the start-up
 * {@link ModelProbe} check with the same rules.
 */
final class ModelOutputs {

    private ModelOutputs() {}

    /** @throws ScoringFailedException naming {@code version} and the first bad output */
    static void checkCryProbabilities(String version, float[] probabilities, int windows) {
        if (probabilities == null || probabilities.length != windows) {
            throw new ScoringFailedException(ScoringFailedException.Model.DETECTOR, version + " gave "
                    + (probabilities == null ? "no" : Integer.toString(probabilities.length)) + " outputs for " + windows + " windows");
        }
        for (int i = 0; i < probabilities.length; i++) {
            checkProbability(ScoringFailedException.Model.DETECTOR, version, "cry probability", i, probabilities[i]);
        }
    }

    /** @throws ScoringFailedException naming {@code version} and the first bad output */
    static void checkCausePredictions(String version, List<CausePrediction> predictions, int windows) {
        if (predictions == null || predictions.size() != windows) {
            throw new ScoringFailedException(ScoringFailedException.Model.CLASSIFIER, version + " gave "
                    + (predictions == null ? "no" : Integer.toString(predictions.size())) + " predictions for " + windows + " windows");
        }
        for (int i = 0; i < predictions.size(); i++) {
            for (float p : predictions.get(i).probabilities()) {
                checkProbability(ScoringFailedException.Model.CLASSIFIER, version, "cause probability", i, p);
            }
        }
    }

    private static void checkProbability(ScoringFailedException.Model model, String version, String what, int window, float p) {
        if (!(p >= 0f && p <= 1f)) { // false for NaN too
            throw new ScoringFailedException(model, String.format(Locale.ROOT, "%s gave %s %s for window %d of the batch: "
                    + "not a probability in [0, 1]", version, what, Float.toString(p), window));
        }
    }
}
