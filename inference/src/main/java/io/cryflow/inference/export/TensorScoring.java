package io.cryflow.inference.export;

import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.model.CryDetector;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Scores every window of an exported tensor set ({@link TensorExport}'s output) with a cry detector, so that two
 * models, such as a training candidate and the shipped ONNX file, can be compared on exactly the same windows.
 */
public final class TensorScoring {

    private TensorScoring() {
    }

    /**
     * Writes {@code row,cry_probability} for every window of {@code exportDir}, in row order (the rows of its
     * {@code index.csv}).
     *
     * @return the windows scored
     * @throws IllegalArgumentException if the windows are not the detector's input (DSP id or window shape)
     */
    public static long scoreWindows(Path exportDir, CryDetector detector, int batchSize, Writer out) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        ModelInputSpec input = detector.inputSpec();
        String exportedDsp = exportProperties(exportDir).getProperty(ModelInputSpec.KEY_DSP_CONFIG_ID);
        if (!input.dspConfigId().equals(exportedDsp)) {
            throw new IllegalArgumentException(exportDir + ": windows made by DSP '" + exportedDsp
                    + "', the detector expects '" + input.dspConfigId() + "'");
        }
        try (NpyFloatReader windows = NpyFloatReader.open(exportDir.resolve(TensorExport.TENSOR_FILE))) {
            int[] shape = windows.rowShape();
            if (!Arrays.equals(shape, new int[] {input.windowFrames(), input.melBands()})) {
                throw new IllegalArgumentException(exportDir + ": windows of " + Arrays.toString(shape)
                        + " frames x bands, the detector takes [" + input.windowFrames() + ", " + input.melBands() + "]");
            }
            out.write("row,cry_probability\n");
            List<float[]> batch = new ArrayList<>(batchSize);
            for (long row = 0; row < windows.rows(); row++) {
                batch.add(windows.row(row));
                if (batch.size() == batchSize || row == windows.rows() - 1) {
                    long firstRow = row + 1 - batch.size();
                    float[] probabilities = detector.cryProbabilities(batch);
                    for (int i = 0; i < probabilities.length; i++) {
                        out.write((firstRow + i) + "," + probabilities[i] + "\n");
                    }
                    batch.clear();
                }
            }
            out.flush();
            return windows.rows();
        }
    }

    private static Properties exportProperties(Path exportDir) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(exportDir.resolve(TensorExport.SPEC_FILE), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
