package io.cryflow.inference.model;

import io.cryflow.inference.input.ModelInputSpec;
import java.util.List;

/** Guesses why an infant cries from log-mel windows of the cry; answers "uncertain" when unsure. */
public interface CauseClassifier {

    /** The windows this classifier reads. */
    ModelInputSpec inputSpec();

    /** Model name and content hash, e.g. {@code cause-classifier@a1b2c3d4e5f6}; events carry it. */
    String version();

    /**
     * One prediction per window, in order.
     *
     * @param windows {@link ModelInputSpec#windowValues()} values each, frame-major; may be empty
     */
    List<CausePrediction> classify(List<float[]> windows);
}
