package io.cryflow.inference.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.NpyFloats;
import io.cryflow.inference.model.OnnxCryDetector;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped detector over an export directory holding its own parity windows. */
class TensorScoringTest {

    private static final String MODELS = "/io/cryflow/inference/models/";

    @TempDir
    Path dir;

    @Test
    void scoresEveryWindowInRowOrderAcrossBatches() throws IOException {
        NpyFloats windows = NpyFloats.resource(MODELS + "cry-detector.parity-input.npy");
        NpyFloats pyTorch = NpyFloats.resource(MODELS + "cry-detector.parity-output.npy");
        try (OnnxCryDetector detector = BundledModels.cryDetector()) {
            Path export = export(windows, detector.inputSpec().dspConfigId());
            StringWriter out = new StringWriter();
            assertEquals(4, TensorScoring.scoreWindows(export, detector, 3, out)); // batches of 3 and 1

            List<float[]> all = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                all.add(windows.row(i));
            }
            float[] direct = detector.cryProbabilities(all);
            String[] lines = out.toString().split("\n");
            assertEquals("row,cry_probability", lines[0]);
            assertEquals(5, lines.length);
            for (int i = 0; i < 4; i++) {
                String[] fields = lines[i + 1].split(",");
                assertEquals(Integer.toString(i), fields[0]);
                float score = Float.parseFloat(fields[1]);
                assertEquals(direct[i], score, 1e-6f, "window " + i);
                assertEquals(pyTorch.values()[i], score, 1e-4f, "window " + i + " against PyTorch");
            }
        }
    }

    @Test
    void refusesWindowsTheDetectorDoesNotTake() throws IOException {
        NpyFloats windows = NpyFloats.resource(MODELS + "cry-detector.parity-input.npy");
        try (OnnxCryDetector detector = BundledModels.cryDetector()) {
            Path otherDsp = export(windows, "logmel-sr8000-other");
            IllegalArgumentException dsp = assertThrows(IllegalArgumentException.class,
                    () -> TensorScoring.scoreWindows(otherDsp, detector, 8, new StringWriter()));
            assertTrue(dsp.getMessage().contains("logmel-sr8000-other"), dsp.getMessage());

            Path shorter = dir.resolve("shorter");
            Files.createDirectories(shorter);
            try (NpyFloatWriter writer = new NpyFloatWriter(shorter.resolve(TensorExport.TENSOR_FILE), 100, 64)) {
                writer.write(new float[100 * 64]);
            }
            writeSpec(shorter, detector.inputSpec().dspConfigId());
            IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                    () -> TensorScoring.scoreWindows(shorter, detector, 8, new StringWriter()));
            assertTrue(shape.getMessage().contains("[100, 64]"), shape.getMessage());
        }
    }

    private Path export(NpyFloats windows, String dspConfigId) throws IOException {
        Path export = Files.createDirectories(dir.resolve(dspConfigId));
        try (NpyFloatWriter writer = new NpyFloatWriter(export.resolve(TensorExport.TENSOR_FILE), windows.shape()[1],
                windows.shape()[2])) {
            for (int i = 0; i < windows.shape()[0]; i++) {
                writer.write(windows.row(i));
            }
        }
        writeSpec(export, dspConfigId);
        return export;
    }

    private static void writeSpec(Path export, String dspConfigId) throws IOException {
        Files.writeString(export.resolve(TensorExport.SPEC_FILE), ModelInputSpec.KEY_DSP_CONFIG_ID + "=" + dspConfigId + "\n");
    }
}
