package io.cryflow.inference.export;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a float32 little-endian, C-order NumPy {@code .npy} file of shape {@code [rows, dims...]} (as
 * {@link NpyFloatWriter} and {@code numpy.save} write it; a 1-D array has rows of one value) one row at a time, so
 * a large tensor set is never held in memory. Any other layout is refused with an {@link IOException} naming the
 * file and what is wrong.
 */
public final class NpyFloatReader implements Closeable {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN_ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private final Path path;
    private final FileChannel channel;
    private final long rows;
    private final int[] rowShape;
    private final int rowValues;
    private final long dataStart;

    private NpyFloatReader(Path path, FileChannel channel, long rows, int[] rowShape, long dataStart) {
        this.path = path;
        this.channel = channel;
        this.rows = rows;
        this.rowShape = rowShape;
        this.rowValues = Arrays.stream(rowShape).reduce(1, Math::multiplyExact);
        this.dataStart = dataStart;
    }

    /** Opens {@code path} and checks its header and length. */
    public static NpyFloatReader open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return readHeader(path, channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static NpyFloatReader readHeader(Path path, FileChannel channel) throws IOException {
        ByteBuffer prefix = read(channel, 0, 12, path, "header").order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        prefix.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(path + ": not a .npy file (no \\x93NUMPY magic)");
        }
        int major = prefix.get(6);
        long headerLength;
        long textStart;
        if (major == 1) {
            headerLength = prefix.getShort(8) & 0xffff;
            textStart = 10;
        } else if (major == 2 || major == 3) {
            headerLength = prefix.getInt(8) & 0xffffffffL;
            textStart = 12;
        } else {
            throw new IOException(path + ": .npy format version " + major + " is not supported");
        }
        if (headerLength > 1 << 20) {
            throw new IOException(path + ": .npy header of " + headerLength + " bytes");
        }
        String header = StandardCharsets.ISO_8859_1.decode(read(channel, textStart, (int) headerLength, path, "header"))
                .toString();
        String descr = group(DESCR, header, path, "descr");
        if (!descr.equals("<f4")) {
            throw new IOException(path + ": dtype '" + descr + "', expected little-endian float32 '<f4'");
        }
        if (group(FORTRAN_ORDER, header, path, "fortran_order").equals("True")) {
            throw new IOException(path + ": Fortran-ordered arrays are not supported");
        }
        long[] shape = Arrays.stream(group(SHAPE, header, path, "shape").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
        if (shape.length < 1 || Arrays.stream(shape).anyMatch(d -> d < 0)) {
            throw new IOException(path + ": shape " + Arrays.toString(shape) + ", expected [rows, dims...]");
        }
        int[] rowShape = Arrays.stream(shape, 1, shape.length).mapToInt(Math::toIntExact).toArray();
        long dataStart = textStart + headerLength;
        NpyFloatReader reader = new NpyFloatReader(path, channel, shape[0], rowShape, dataStart);
        long expected = dataStart + shape[0] * reader.rowValues * (long) Float.BYTES;
        if (channel.size() < expected) {
            throw new IOException(path + ": truncated: " + channel.size() + " bytes, shape " + Arrays.toString(shape)
                    + " needs " + expected);
        }
        return reader;
    }

    private static String group(Pattern pattern, String header, Path path, String key) throws IOException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IOException(path + ": .npy header has no '" + key + "': " + header.trim());
        }
        return matcher.group(1);
    }

    private static ByteBuffer read(FileChannel channel, long position, int length, Path path, String what)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException(path + ": truncated " + what);
            }
        }
        return buffer.flip();
    }

    /** Rows in the file (its first dimension). */
    public long rows() {
        return rows;
    }

    /** The shape of one row (the file's other dimensions; empty for a 1-D array). */
    public int[] rowShape() {
        return rowShape.clone();
    }

    /** Values in one row: the product of {@link #rowShape()}. */
    public int rowValues() {
        return rowValues;
    }

    /** Row {@code index}, its values in C order. */
    public float[] row(long index) throws IOException {
        if (index < 0 || index >= rows) {
            throw new IndexOutOfBoundsException("row " + index + " of " + rows);
        }
        long rowBytes = (long) rowValues * Float.BYTES;
        ByteBuffer bytes = read(channel, dataStart + index * rowBytes, (int) rowBytes, path, "row " + index)
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[rowValues];
        bytes.asFloatBuffer().get(values);
        return values;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
