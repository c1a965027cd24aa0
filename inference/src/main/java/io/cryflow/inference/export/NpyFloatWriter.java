package io.cryflow.inference.export;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a float32 little-endian NumPy {@code .npy} file of shape {@code [rows, dims...]} row by
 * row, without knowing the row count up front: the fixed-size header is rewritten on close.
 */
final class NpyFloatWriter implements Closeable {

    private static final int HEADER_BYTES = 128;

    private final Path path;
    private final int[] rowShape;
    private final int rowValues;
    private final OutputStream out;
    private final ByteBuffer row;
    private long rows;

    NpyFloatWriter(Path path, int... rowShape) throws IOException {
        this.path = path;
        this.rowShape = rowShape.clone();
        this.rowValues = Arrays.stream(rowShape).reduce(1, (a, b) -> a * b);
        this.row = ByteBuffer.allocate(rowValues * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        this.out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
        out.write(header(0));
    }

    void write(float[] values) throws IOException {
        if (values.length != rowValues) {
            throw new IllegalArgumentException("row of " + values.length + " values, expected " + rowValues);
        }
        row.clear();
        row.asFloatBuffer().put(values);
        out.write(row.array());
        rows++;
    }

    long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(header(rows));
        }
    }

    private byte[] header(long rowCount) {
        StringBuilder shape = new StringBuilder("(").append(rowCount);
        for (int dim : rowShape) {
            shape.append(", ").append(dim);
        }
        if (rowShape.length == 0) {
            shape.append(',');
        }
        shape.append(')');
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }";
        StringBuilder text = new StringBuilder(dict);
        while (10 + text.length() + 1 < HEADER_BYTES) {
            text.append(' ');
        }
        text.append('\n');
        byte[] body = text.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(10 + body.length).order(ByteOrder.LITTLE_ENDIAN);
        header.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        header.putShort((short) body.length).put(body);
        return header.array();
    }
}
