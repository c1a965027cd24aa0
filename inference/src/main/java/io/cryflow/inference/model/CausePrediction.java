package io.cryflow.inference.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A cause classifier's answer for one window (or the mean over several).
 *
 * @param probabilities one per cause, in the order of {@link #CAUSES}, summing to 1
 * @param cause         the most probable cause, or {@link #UNCERTAIN} when its probability is below
 *                      the model's threshold
 * @param confidence    the most probable cause's probability
 */
public record CausePrediction(float[] probabilities, String cause, float confidence) {

    /** The causes, in the order of {@link #probabilities()}; lower-case names as in {@code CryEvent}. */
    public static final List<String> CAUSES = List.of("hungry", "tired", "burping", "belly_pain", "discomfort");

    public static final String UNCERTAIN = "uncertain";

    public CausePrediction {
        if (probabilities.length != CAUSES.size()) {
            throw new IllegalArgumentException("need " + CAUSES.size() + " probabilities, got " + probabilities.length);
        }
        probabilities = probabilities.clone();
    }

    /**
     * The prediction for these probabilities: the top cause, or {@link #UNCERTAIN} when its
     * probability is below {@code uncertainBelow}.
     */
    public static CausePrediction of(float[] probabilities, float uncertainBelow) {
        int top = 0;
        for (int i = 1; i < probabilities.length; i++) {
            if (probabilities[i] > probabilities[top]) {
                top = i;
            }
        }
        float confidence = probabilities[top];
        return new CausePrediction(probabilities, confidence >= uncertainBelow ? CAUSES.get(top) : UNCERTAIN, confidence);
    }

    /** The mean of several predictions' probabilities, re-decided against {@code uncertainBelow}. */
    public static CausePrediction mean(List<CausePrediction> predictions, float uncertainBelow) {
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("no predictions to average");
        }
        float[] sum = new float[CAUSES.size()];
        for (CausePrediction p : predictions) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += p.probabilities[i] / predictions.size();
            }
        }
        return of(sum, uncertainBelow);
    }

    @Override
    public float[] probabilities() {
        return probabilities.clone();
    }

    /** Probability per cause name, in {@link #CAUSES} order (as {@code CryEvent.causeProbabilities}). */
    public Map<String, Float> probabilityByCause() {
        Map<String, Float> map = new LinkedHashMap<>();
        for (int i = 0; i < CAUSES.size(); i++) {
            map.put(CAUSES.get(i), probabilities[i]);
        }
        return map;
    }

    public boolean uncertain() {
        return UNCERTAIN.equals(cause);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CausePrediction other && Arrays.equals(probabilities, other.probabilities)
                && cause.equals(other.cause) && confidence == other.confidence;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(probabilities) + cause.hashCode();
    }

    @Override
    public String toString() {
        return "CausePrediction[" + cause + " " + confidence + " " + probabilityByCause() + "]";
    }
}
