package io.cryflow.inference.model;

import io.cryflow.inference.input.ModelInputSpec;
import java.util.List;

/**
 * {@link CryDetector} over an ONNX model (input {@code [N, windowFrames, melBands]} float32 log-mel,
 * output {@code [N]} or {@code [N, 1]} cry probability). Its operating point is the model's
 * {@value #KEY_THRESHOLD} metadata. One session for the detector's life; close it when done.
 */
public final class OnnxCryDetector implements CryDetector, AutoCloseable {

    public static final String KEY_THRESHOLD = "cryflow.threshold";

    private final OnnxModel model;
    private final float threshold;

    public OnnxCryDetector(ModelSource source, int intraOpThreads) {
        this.model = new OnnxModel(source, intraOpThreads);
        try {
            this.threshold = model.metadataFloat(KEY_THRESHOLD);
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

    @Override
    public float threshold() {
        return threshold;
    }

    /** Every {@code cryflow.*} metadata entry of the model (training facts, smoke flag...). */
    public java.util.Map<String, String> metadata() {
        return model.metadata();
    }

    @Override
    public float[] cryProbabilities(List<float[]> windows) {
        if (windows.isEmpty()) {
            return new float[0];
        }
        return model.run(windows, 1);
    }

    @Override
    public void close() {
        model.close();
    }
}
