package io.cryflow.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.dsp.features.FeatureConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each shipped ONNX model, run by ONNX Runtime Java, reproduces the outputs PyTorch computed for the
 * example windows the training code stored beside it.
 */
class ShippedModelParityTest {

    private static final String MODELS = "/io/cryflow/inference/models/";
    private static final float TOLERANCE = 1e-4f;

    @Test
    void cryDetectorMatchesPyTorch() throws Exception {
        NpyFloats inputs = NpyFloats.resource(MODELS + "cry-detector.parity-input.npy");
        NpyFloats expected = NpyFloats.resource(MODELS + "cry-detector.parity-output.npy");
        try (OnnxCryDetector detector = BundledModels.cryDetector()) {
            detector.inputSpec().requireCompatible(FeatureConfig.DEFAULT);
            float[] actual = detector.cryProbabilities(rows(inputs));
            assertEquals(expected.values().length, actual.length);
            for (int i = 0; i < actual.length; i++) {
                assertEquals(expected.values()[i], actual[i], TOLERANCE, "window " + i);
            }
            assertTrue(detector.version().matches("cry-detector@[0-9a-f]{12}"), detector.version());
        }
    }

    @Test
    void causeClassifierMatchesPyTorch() throws Exception {
        NpyFloats inputs = NpyFloats.resource(MODELS + "cause-classifier.parity-input.npy");
        NpyFloats expected = NpyFloats.resource(MODELS + "cause-classifier.parity-output.npy");
        try (OnnxCauseClassifier classifier = BundledModels.causeClassifier()) {
            classifier.inputSpec().requireCompatible(FeatureConfig.DEFAULT);
            List<CausePrediction> predictions = classifier.classify(rows(inputs));
            int causes = CausePrediction.CAUSES.size();
            assertEquals(expected.shape()[0], predictions.size());
            for (int i = 0; i < predictions.size(); i++) {
                float[] p = predictions.get(i).probabilities();
                for (int c = 0; c < causes; c++) {
                    assertEquals(expected.values()[i * causes + c], p[c], TOLERANCE, "window " + i + " cause " + c);
                }
            }
            assertTrue(classifier.version().matches("cause-classifier@[0-9a-f]{12}"), classifier.version());
        }
    }

    private static List<float[]> rows(NpyFloats array) {
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < array.shape()[0]; i++) {
            rows.add(array.row(i));
        }
        return rows;
    }
}
