package io.cryflow.inference.model;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where the models come from: the ones bundled in this module's resources by default, or files
 * named by configuration.
 *
 * <table>
 *   <caption>Keys and defaults</caption>
 *   <tr><td>{@value #DETECTOR_PATH}</td><td>none: the bundled {@value #DETECTOR_RESOURCE}</td></tr>
 *   <tr><td>{@value #CLASSIFIER_PATH}</td><td>none: the bundled {@value #CLASSIFIER_RESOURCE}</td></tr>
 *   <tr><td>{@value #INTRA_OP_THREADS}</td><td>1: ONNX Runtime threads per model call (Streams threads already run in parallel)</td></tr>
 * </table>
 */
public final class BundledModels {

    public static final String DETECTOR_RESOURCE = "/io/cryflow/inference/models/cry-detector.onnx";
    public static final String CLASSIFIER_RESOURCE = "/io/cryflow/inference/models/cause-classifier.onnx";

    public static final String DETECTOR_PATH = "cryflow.inference.model.detector.path";
    public static final String CLASSIFIER_PATH = "cryflow.inference.model.classifier.path";
    public static final String INTRA_OP_THREADS = "cryflow.inference.model.intra.op.threads";

    public static final int DEFAULT_INTRA_OP_THREADS = 1;

    private BundledModels() {
    }

    /** The bundled cry detector. */
    public static OnnxCryDetector cryDetector() {
        return new OnnxCryDetector(ModelSource.classpath(DETECTOR_RESOURCE), DEFAULT_INTRA_OP_THREADS);
    }

    /** The bundled cause classifier. */
    public static OnnxCauseClassifier causeClassifier() {
        return new OnnxCauseClassifier(ModelSource.classpath(CLASSIFIER_RESOURCE), DEFAULT_INTRA_OP_THREADS);
    }

    /** The cry detector the properties name ({@value #DETECTOR_PATH}), else the bundled one. */
    public static OnnxCryDetector cryDetector(Properties properties) {
        return new OnnxCryDetector(source(properties, DETECTOR_PATH, DETECTOR_RESOURCE), threads(properties));
    }

    /** The cause classifier the properties name ({@value #CLASSIFIER_PATH}), else the bundled one. */
    public static OnnxCauseClassifier causeClassifier(Properties properties) {
        return new OnnxCauseClassifier(source(properties, CLASSIFIER_PATH, CLASSIFIER_RESOURCE), threads(properties));
    }

    private static ModelSource source(Properties properties, String key, String resource) {
        return Optional.ofNullable(properties.getProperty(key))
                .map(String::trim)
                .filter(p -> !p.isEmpty())
                .map(p -> ModelSource.file(Path.of(p)))
                .orElseGet(() -> ModelSource.classpath(resource));
    }

    private static int threads(Properties properties) {
        String value = properties.getProperty(INTRA_OP_THREADS);
        if (value == null || value.isBlank()) {
            return DEFAULT_INTRA_OP_THREADS;
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads < 1) {
                throw new IllegalArgumentException(INTRA_OP_THREADS + " must be >= 1, got " + value);
            }
            return threads;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INTRA_OP_THREADS + " is not an integer: " + value, e);
        }
    }
}
