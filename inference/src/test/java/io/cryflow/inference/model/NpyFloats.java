package io.cryflow.inference.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A float32 little-endian, C-order NumPy .npy array: its shape and values. */
public record NpyFloats(int[] shape, float[] values) {

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    public static NpyFloats read(Path path) throws IOException {
        return parse(Files.readAllBytes(path));
    }

    public static NpyFloats resource(String name) throws IOException {
        try (InputStream in = NpyFloats.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " not found");
            }
            return parse(in.readAllBytes());
        }
    }

    static NpyFloats parse(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if ((bytes[0] & 0xff) != 0x93 || !new String(bytes, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException("not an .npy file");
        }
        int major = bytes[6];
        int headerLength = major == 1 ? Short.toUnsignedInt(buffer.getShort(8)) : buffer.getInt(8);
        int dataStart = (major == 1 ? 10 : 12) + headerLength;
        String header = new String(bytes, major == 1 ? 10 : 12, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'<f4'") || header.contains("'fortran_order': True")) {
            throw new IOException("need C-order float32 little-endian, header " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IOException("no shape in header " + header);
        }
        int[] shape = Arrays.stream(m.group(1).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        int count = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        float[] values = new float[count];
        buffer.position(dataStart);
        buffer.asFloatBuffer().get(values);
        return new NpyFloats(shape, values);
    }

    /** Row {@code i} of the first axis, flattened. */
    public float[] row(int i) {
        int rowValues = values.length / shape[0];
        return Arrays.copyOfRange(values, i * rowValues, (i + 1) * rowValues);
    }
}
