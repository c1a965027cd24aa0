package io.cryflow.inference.scoring;

/**
 * A model could not score a batch: it threw, or its outputs were not probabilities (NaN, infinite, outside [0, 1],
 * or not one per window). Such a batch is a failure of the analysis, never "not scored" or "no cry".
 */
public final class ScoringFailedException extends RuntimeException {

    /** Which of the two models failed. */
    public enum Model { DETECTOR, CLASSIFIER }

    private final Model model;

    public ScoringFailedException(Model model, String message, Throwable cause) {
        super(message, cause);
        this.model = model;
    }

    public ScoringFailedException(Model model, String message) {
        this(model, message, null);
    }

    public Model model() {
        return model;
    }
}
