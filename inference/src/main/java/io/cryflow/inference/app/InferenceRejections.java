package io.cryflow.inference.app;

/** Reason codes of the records the inference stage dead-letters (the {@code reasonCode} of their DeadLetter). */
public final class InferenceRejections {

    /** The record key is not the record's room id: it would be tracked in the wrong room's state. */
    public static final String KEY_MISMATCH = "KEY_MISMATCH";
    /** Mel frames made by another DSP configuration than the model was trained on. */
    public static final String WRONG_DSP_CONFIG = "WRONG_DSP_CONFIG";
    /** Mel frames whose byte count, band count, frame count or hop do not fit together or the model. */
    public static final String MALFORMED_FRAMES = "MALFORMED_FRAMES";

    private InferenceRejections() {}
}
