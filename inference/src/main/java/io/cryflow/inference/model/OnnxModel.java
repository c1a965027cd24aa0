package io.cryflow.inference.model;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.cryflow.inference.input.ModelInputSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;

/**
 * One ONNX Runtime session over a Cryflow model, created once and reused for every batch (a
 * session is expensive to build and safe to run from several threads). Reads the model's name, input
 * spec and thresholds from its {@code metadata_props}.
 */
final class OnnxModel implements AutoCloseable {

    static final String KEY_MODEL_NAME = "cryflow.model_name";

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final Map<String, String> metadata;
    private final ModelInputSpec inputSpec;
    private final String version;
    private final String origin;

    OnnxModel(ModelSource source, int intraOpThreads) {
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
        this.environment = OrtEnvironment.getEnvironment();
        this.origin = source.origin();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            this.session = environment.createSession(source.bytes(), options);
            this.metadata = Map.copyOf(session.getMetadata().getCustomMetadata());
            this.inputName = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new IllegalArgumentException("cannot load ONNX model " + origin + ": " + e.getMessage(), e);
        }
        try {
            this.inputSpec = ModelInputSpec.fromMetadata(metadata);
            this.version = metadata(KEY_MODEL_NAME) + "@" + source.sha256Prefix();
        } catch (IllegalArgumentException e) {
            close();
            throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
        }
    }

    ModelInputSpec inputSpec() {
        return inputSpec;
    }

    String version() {
        return version;
    }

    String origin() {
        return origin;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    String metadata(String key) {
        String value = metadata.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(origin + ": model metadata lacks " + key);
        }
        return value.trim();
    }

    float metadataFloat(String key) {
        String value = metadata(key);
        try {
            return Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(origin + ": model metadata " + key + " is not a number: " + value, e);
        }
    }

    /**
     * Runs the model on a batch of windows and returns its first output, flattened row-major
     * ({@code windows.size() x outputsPerWindow}).
     */
    float[] run(List<float[]> windows, int outputsPerWindow) {
        int values = inputSpec.windowValues();
        // Direct, in native order: ONNX Runtime reads it in place; a heap buffer it would copy into one like it.
        FloatBuffer input = ByteBuffer.allocateDirect(windows.size() * values * Float.BYTES).order(ByteOrder.nativeOrder())
                .asFloatBuffer();
        for (float[] window : windows) {
            if (window.length != values) {
                throw new IllegalArgumentException("a window has " + window.length + " values, the model needs "
                        + inputSpec.windowFrames() + " x " + inputSpec.melBands() + " = " + values);
            }
            input.put(window);
        }
        input.flip();
        long[] shape = {windows.size(), inputSpec.windowFrames(), inputSpec.melBands()};
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, input, shape);
                OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            FloatBuffer output = ((OnnxTensor) result.get(0)).getFloatBuffer();
            if (output.remaining() != windows.size() * outputsPerWindow) {
                throw new IllegalStateException(origin + ": model gave " + output.remaining() + " outputs for "
                        + windows.size() + " windows, expected " + outputsPerWindow + " each");
            }
            float[] out = new float[output.remaining()];
            output.get(out);
            return out;
        } catch (OrtException e) {
            throw new IllegalStateException(origin + ": inference failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX session of " + origin, e);
        }
    }
}
