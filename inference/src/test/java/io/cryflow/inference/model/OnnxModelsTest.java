package io.cryflow.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.inference.input.ModelInputSpec;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading, versioning and batching of the shipped models through ONNX Runtime. */
class OnnxModelsTest {

    private static List<float[]> parityWindows(String model) throws Exception {
        NpyFloats inputs = NpyFloats.resource("/io/cryflow/inference/models/" + model + ".parity-input.npy");
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < inputs.shape()[0]; i++) {
            rows.add(inputs.row(i));
        }
        return rows;
    }

    private static String sha256Prefix(String resource) throws Exception {
        try (InputStream in = OnnxModelsTest.class.getResourceAsStream(resource)) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes())).substring(0, 12);
        }
    }

    @Test
    void theDetectorReadsItsSpecThresholdAndVersionFromTheFile() throws Exception {
        try (OnnxCryDetector detector = BundledModels.cryDetector()) {
            ModelInputSpec spec = detector.inputSpec();
            assertEquals(FeatureConfig.DEFAULT.id(), spec.dspConfigId());
            assertEquals(spec.windowFrames() * 64, spec.windowValues());
            assertTrue(spec.bandCount() <= spec.melBands());
            assertTrue(detector.threshold() > 0 && detector.threshold() < 1, "threshold " + detector.threshold());
            assertEquals("cry-detector@" + sha256Prefix(BundledModels.DETECTOR_RESOURCE), detector.version());
        }
    }

    @Test
    void aBatchScoresLikeSingleWindowsAndEmptyIsEmpty() throws Exception {
        List<float[]> windows = parityWindows("cry-detector");
        try (OnnxCryDetector detector = BundledModels.cryDetector()) {
            float[] batch = detector.cryProbabilities(windows);
            for (int i = 0; i < windows.size(); i++) {
                assertEquals(batch[i], detector.cryProbabilities(List.of(windows.get(i)))[0], 1e-5);
                assertTrue(batch[i] >= 0 && batch[i] <= 1);
            }
            assertEquals(0, detector.cryProbabilities(List.of()).length);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> detector.cryProbabilities(List.of(new float[10])));
            assertTrue(e.getMessage().contains("a window has 10 values"), e.getMessage());
        }
    }

    @Test
    void aConfiguredFileReplacesTheBundledModel(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("detector.onnx");
        try (InputStream in = getClass().getResourceAsStream(BundledModels.DETECTOR_RESOURCE)) {
            Files.copy(in, copy);
        }
        Properties props = new Properties();
        props.setProperty(BundledModels.DETECTOR_PATH, copy.toString());
        props.setProperty(BundledModels.INTRA_OP_THREADS, "2");
        try (OnnxCryDetector fromFile = BundledModels.cryDetector(props);
                OnnxCryDetector bundled = BundledModels.cryDetector()) {
            assertEquals(bundled.version(), fromFile.version());
            List<float[]> windows = parityWindows("cry-detector");
            assertArrayEquals(bundled.cryProbabilities(windows), fromFile.cryProbabilities(windows), 1e-6f);
        }
        props.setProperty(BundledModels.DETECTOR_PATH, dir.resolve("missing.onnx").toString());
        assertThrows(java.io.UncheckedIOException.class, () -> BundledModels.cryDetector(props));
    }

    @Test
    void aModelWithoutCryflowMetadataIsRefused() throws Exception {
        ModelSource plain;
        try (InputStream in = getClass().getResourceAsStream("no-metadata.onnx")) {
            plain = new ModelSource("no-metadata.onnx", in.readAllBytes());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new OnnxCryDetector(plain, 1));
        assertTrue(e.getMessage().contains("cryflow.dsp_config_id"), e.getMessage());
    }

    @Test
    void theClassifierGivesADistributionOverTheFiveCauses() throws Exception {
        List<float[]> windows = parityWindows("cause-classifier");
        try (OnnxCauseClassifier classifier = BundledModels.causeClassifier();
                OnnxCryDetector detector = BundledModels.cryDetector()) {
            assertEquals("cause-classifier@" + sha256Prefix(BundledModels.CLASSIFIER_RESOURCE), classifier.version());
            assertEquals(detector.inputSpec(), classifier.inputSpec());
            for (CausePrediction p : classifier.classify(windows)) {
                float sum = 0;
                for (float v : p.probabilities()) {
                    sum += v;
                }
                assertEquals(1.0f, sum, 1e-5f);
                assertEquals(p.confidence() < classifier.uncertainBelow(), p.uncertain(), p.toString());
            }
        }
    }
}
