package io.cryflow.inference.model;

import io.cryflow.inference.export.NpyFloatReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.IntStream;

/** A whole float32 NumPy .npy array in memory, read by the project's {@link NpyFloatReader}: its shape and values. */
public record NpyFloats(int[] shape, float[] values) {

    public static NpyFloats read(Path path) throws IOException {
        try (NpyFloatReader reader = NpyFloatReader.open(path)) {
            int rows = Math.toIntExact(reader.rows());
            int[] rowShape = reader.rowShape();
            int rowValues = reader.rowValues();
            float[] values = new float[rows * rowValues];
            for (int i = 0; i < rows; i++) {
                System.arraycopy(reader.row(i), 0, values, i * rowValues, rowValues);
            }
            return new NpyFloats(IntStream.concat(IntStream.of(rows), Arrays.stream(rowShape)).toArray(), values);
        }
    }

    /** A classpath resource, through a temporary file (the reader reads files; resources may sit in a jar). */
    public static NpyFloats resource(String name) throws IOException {
        Path copy = Files.createTempFile("cryflow-", ".npy");
        try {
            return read(copyResource(name, copy));
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    /** Copies the classpath resource {@code name} to {@code file} (replacing it) and returns {@code file}. */
    public static Path copyResource(String name, Path file) throws IOException {
        try (InputStream in = NpyFloats.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " not found");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        }
    }

    /** Row {@code i} of the first axis, flattened. */
    public float[] row(int i) {
        int rowValues = values.length / shape[0];
        return Arrays.copyOfRange(values, i * rowValues, (i + 1) * rowValues);
    }
}
