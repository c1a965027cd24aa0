package io.cryflow.inference.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.model.NpyFloats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyFloatReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsBackWhatTheWriterWroteRowByRow() throws IOException {
        Path file = dir.resolve("a.npy");
        try (NpyFloatWriter writer = new NpyFloatWriter(file, 2, 3)) {
            writer.write(new float[] {1, 2, 3, 4, 5, 6});
            writer.write(new float[] {-1.5f, Float.MIN_VALUE, Float.MAX_VALUE, 0, -0f, 7});
        }
        try (NpyFloatReader reader = NpyFloatReader.open(file)) {
            assertEquals(2, reader.rows());
            assertArrayEquals(new int[] {2, 3}, reader.rowShape());
            assertArrayEquals(new float[] {-1.5f, Float.MIN_VALUE, Float.MAX_VALUE, 0, -0f, 7}, reader.row(1));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, reader.row(0));
            assertThrows(IndexOutOfBoundsException.class, () -> reader.row(2));
        }
    }

    @Test
    void readsNumpysOwnFiles() throws IOException {
        // written by numpy.save in training (format 1.0): the shipped detector's parity windows and outputs
        try (NpyFloatReader windows = NpyFloatReader.open(resource("cry-detector.parity-input.npy"));
             NpyFloatReader outputs = NpyFloatReader.open(resource("cry-detector.parity-output.npy"))) {
            assertEquals(4, windows.rows());
            assertArrayEquals(new int[] {200, 64}, windows.rowShape());
            assertEquals(4, outputs.rows());
            assertArrayEquals(new int[0], outputs.rowShape());
            for (long i = 0; i < outputs.rows(); i++) {
                float probability = outputs.row(i)[0];
                assertTrue(probability >= 0 && probability <= 1, "probability " + probability);
            }
        }
    }

    @Test
    void readsFormatVersionTwo() throws IOException {
        Path file = dir.resolve("v2.npy");
        Files.write(file, npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", 2.5f, -3f));
        try (NpyFloatReader reader = NpyFloatReader.open(file)) {
            assertArrayEquals(new float[] {2.5f, -3f}, reader.row(0));
        }
    }

    @Test
    void refusesWhatItCannotReadWithAReason() throws IOException {
        assertRefused(npy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 2), }", 1, 2, 3, 4), "'<f8'");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (1, 2), }", 1, 2), "Fortran");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }", 1, 2), "truncated");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': False, }", 1, 2), "'shape'");
        assertRefused(npy(4, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", 1, 2), "version 4");
        assertRefused("RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII), "magic");
        assertRefused(new byte[] {(byte) 0x93, 'N', 'U'}, "truncated header");
    }

    private void assertRefused(byte[] bytes, String reason) throws IOException {
        Path file = Files.write(dir.resolve("bad.npy"), bytes);
        IOException e = assertThrows(IOException.class, () -> NpyFloatReader.open(file).close());
        assertTrue(e.getMessage().contains(reason) && e.getMessage().contains(file.toString()), e.getMessage());
    }

    private static byte[] npy(int major, String dict, float... values) {
        byte[] text = (dict + "\n").getBytes(StandardCharsets.US_ASCII);
        int lengthBytes = major == 1 ? 2 : 4;
        ByteBuffer buffer = ByteBuffer.allocate(8 + lengthBytes + text.length + 4 * values.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) major).put((byte) 0);
        if (major == 1) {
            buffer.putShort((short) text.length);
        } else {
            buffer.putInt(text.length);
        }
        buffer.put(text);
        for (float value : values) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }

    private Path resource(String name) throws IOException {
        return NpyFloats.copyResource("/io/cryflow/inference/models/" + name, dir.resolve(name));
    }
}
