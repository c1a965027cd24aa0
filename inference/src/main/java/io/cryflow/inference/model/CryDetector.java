package io.cryflow.inference.model;

import io.cryflow.inference.input.ModelInputSpec;
import java.util.List;

/** Scores log-mel windows: how likely each one holds an infant cry. */
public interface CryDetector {

    /** The windows this detector reads. */
    ModelInputSpec inputSpec();

    /** Model name and content hash, e.g. {@code cry-detector@3f2a9c1b4d5e}; events carry it. */
    String version();

    /** The operating point shipped with the model: a window is a cry when its probability is at least this. */
    float threshold();

    /**
     * Cry probabilities in [0, 1], one per window, in order.
     *
     * @param windows {@link ModelInputSpec#windowValues()} values each, frame-major; may be empty
     */
    float[] cryProbabilities(List<float[]> windows);
}
