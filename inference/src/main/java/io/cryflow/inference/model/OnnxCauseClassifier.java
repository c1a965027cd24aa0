package io.cryflow.inference.model;

import io.cryflow.inference.input.ModelInputSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@link CauseClassifier} over an ONNX model (input {@code [N, windowFrames, melBands]} float32
 * log-mel, output {@code [N, 5]} cause probabilities in the order of its {@value #KEY_CAUSES}
 * metadata, which must equal {@link CausePrediction#CAUSES}). Below the model's
 * {@value #KEY_UNCERTAIN_BELOW} top probability the answer is "uncertain". One session for the
 * classifier's life; close it when done.
 */
public final class OnnxCauseClassifier implements CauseClassifier, AutoCloseable {

    public static final String KEY_CAUSES = "cryflow.causes";
    public static final String KEY_UNCERTAIN_BELOW = "cryflow.uncertain_below";

    private final OnnxModel model;
    private final float uncertainBelow;

    public OnnxCauseClassifier(ModelSource source, int intraOpThreads) {
        this.model = new OnnxModel(source, intraOpThreads);
        try {
            List<String> causes = Arrays.stream(model.metadata(KEY_CAUSES).split(",")).map(String::trim).toList();
            if (!causes.equals(CausePrediction.CAUSES)) {
                throw new IllegalArgumentException(model.origin() + ": model causes " + causes + " are not "
                        + CausePrediction.CAUSES);
            }
            this.uncertainBelow = model.metadataFloat(KEY_UNCERTAIN_BELOW);
        } catch (IllegalArgumentException e) {
            model.close();
            throw e;
        }
    }

    @Override
    public ModelInputSpec inputSpec() {
        return model.inputSpec();
    }

    @Override
    public String version() {
        return model.version();
    }

    /** Top-cause probability below which the answer is "uncertain", as shipped with the model. */
    public float uncertainBelow() {
        return uncertainBelow;
    }

    /** Every {@code cryflow.*} metadata entry of the model. */
    public Map<String, String> metadata() {
        return model.metadata();
    }

    @Override
    public List<CausePrediction> classify(List<float[]> windows) {
        if (windows.isEmpty()) {
            return List.of();
        }
        int causes = CausePrediction.CAUSES.size();
        float[] out = model.run(windows, causes);
        List<CausePrediction> predictions = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            predictions.add(CausePrediction.of(Arrays.copyOfRange(out, i * causes, (i + 1) * causes), uncertainBelow));
        }
        return predictions;
    }

    @Override
    public void close() {
        model.close();
    }
}
