package io.cryflow.dsp.testdata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The golden librosa/scipy vectors in {@code shared/reference}: raw little-endian float32 files, C order,
 * shapes in {@code manifest.json}. Located through the {@code cryflow.shared.dir} system property, else
 * the {@code CRYFLOW_SHARED_DIR} environment variable; tests using them are skipped when neither exists.
 */
public final class ReferenceVectors {

    private final Path dir;
    private final JsonNode manifest;

    private ReferenceVectors(Path dir) {
        this.dir = dir;
        try {
            this.manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reference folder, or a skipped test (JUnit assumption) when the shared folder is absent. */
    public static ReferenceVectors require() {
        Path dir = candidate(System.getProperty("cryflow.shared.dir"));
        if (dir == null) {
            dir = candidate(System.getenv("CRYFLOW_SHARED_DIR"));
        }
        assumeTrue(dir != null, "reference vectors not found: set -Dcryflow.shared.dir or CRYFLOW_SHARED_DIR to the shared/ folder"
                + " (property: " + System.getProperty("cryflow.shared.dir") + ", env: " + System.getenv("CRYFLOW_SHARED_DIR") + ")");
        return new ReferenceVectors(dir);
    }

    private static Path candidate(String shared) {
        if (shared == null || shared.isBlank()) {
            return null;
        }
        Path dir = Path.of(shared, "reference");
        return Files.isRegularFile(dir.resolve("manifest.json")) ? dir : null;
    }

    public Path path(String file) {
        return dir.resolve(file);
    }

    public JsonNode manifest() {
        return manifest;
    }

    /** Shape from the manifest for {@code name} (without {@code .f32}). */
    public int[] shape(String name) {
        JsonNode shape = manifest.path("files").path(name + ".f32").path("shape");
        int[] dims = new int[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asInt();
        }
        return dims;
    }

    /** A 1-D vector, widened to double. */
    public double[] vector(String name) {
        float[] raw = floats(name);
        double[] out = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            out[i] = raw[i];
        }
        return out;
    }

    /** A 2-D array in its stored (row-major) shape. */
    public double[][] matrix(String name) {
        int[] shape = shape(name);
        if (shape.length != 2) {
            throw new IllegalStateException(name + " is not 2-D");
        }
        float[] raw = floats(name);
        double[][] out = new double[shape[0]][shape[1]];
        for (int r = 0; r < shape[0]; r++) {
            for (int c = 0; c < shape[1]; c++) {
                out[r][c] = raw[r * shape[1] + c];
            }
        }
        return out;
    }

    /** A 0/1 mask. */
    public boolean[] mask(String name) {
        float[] raw = floats(name);
        boolean[] out = new boolean[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != 0f && raw[i] != 1f) {
                throw new IllegalStateException(name + "[" + i + "] = " + raw[i] + " is not 0/1");
            }
            out[i] = raw[i] == 1f;
        }
        return out;
    }

    public float[] floats(String name) {
        try {
            byte[] bytes = Files.readAllBytes(dir.resolve(name + ".f32"));
            float[] out = new float[bytes.length / Float.BYTES];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            int expected = 1;
            for (int d : shape(name)) {
                expected *= d;
            }
            if (expected != out.length) {
                throw new IllegalStateException(name + " holds " + out.length + " values, manifest says " + expected);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Transposes a stored {@code (mels, frames)} spectrogram to {@code [frame][mel]}. */
    public static double[][] transpose(double[][] m) {
        double[][] t = new double[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int c = 0; c < m[0].length; c++) {
                t[c][r] = m[r][c];
            }
        }
        return t;
    }
}
