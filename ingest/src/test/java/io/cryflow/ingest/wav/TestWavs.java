package io.cryflow.ingest.wav;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds WAV files of any format for tests, independently of the reader under test. */
public final class TestWavs {

    private TestWavs() {
    }

    /** Encodes interleaved {@code frames[frame][channel]} values in [-1, 1] as the given format. */
    public static byte[] wav(WavSampleFormat format, int rate, double[][] frames, boolean extensible) {
        int channels = frames.length == 0 ? 1 : frames[0].length;
        int bytes = format.bytesPerSample();
        ByteBuffer data = ByteBuffer.allocate(frames.length * channels * bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] frame : frames) {
            for (double v : frame) {
                switch (format) {
                    case PCM_U8 -> data.put((byte) (quantize(v, 8) + 128));
                    case PCM_S16 -> data.putShort((short) quantize(v, 16));
                    case PCM_S24 -> {
                        int s = (int) quantize(v, 24);
                        data.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16));
                    }
                    case PCM_S32 -> data.putInt((int) quantize(v, 32));
                    case FLOAT_32 -> data.putFloat((float) v);
                    case FLOAT_64 -> data.putDouble(v);
                    default -> throw new AssertionError();
                }
            }
        }
        boolean isFloat = format == WavSampleFormat.FLOAT_32 || format == WavSampleFormat.FLOAT_64;
        int tag = extensible ? 0xFFFE : (isFloat ? 3 : 1);
        return riff(fmt(tag, channels, rate, bytes * 8, extensible ? (isFloat ? 3 : 1) : -1), data.array(),
                data.array().length);
    }

    /** v * 2^(bits-1), rounded, clipped to the signed range. */
    private static long quantize(double v, int bits) {
        long full = 1L << (bits - 1);
        return Math.max(-full, Math.min(full - 1, Math.round(v * full)));
    }

    /** A fmt chunk body; {@code subFormat} >= 0 adds the WAVE_FORMAT_EXTENSIBLE extension. */
    public static byte[] fmt(int tag, int channels, int rate, int bits, int subFormat) {
        ByteBuffer b = ByteBuffer.allocate(subFormat >= 0 ? 40 : 16).order(ByteOrder.LITTLE_ENDIAN);
        int blockAlign = channels * bits / 8;
        b.putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits);
        if (subFormat >= 0) {
            b.putShort((short) 22).putShort((short) bits).putInt(channels == 2 ? 3 : 4).putShort((short) subFormat)
                    .put(new byte[] {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA,
                        0x00, 0x38, (byte) 0x9B, 0x71});
        }
        return b.array();
    }

    /** RIFF/WAVE with a LIST chunk, the fmt chunk, then a data chunk declaring {@code declaredDataSize}. */
    public static byte[] riff(byte[] fmtBody, byte[] data, long declaredDataSize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeAscii(out, "RIFF");
        writeInt(out, 4 + 8 + 6 + 8 + fmtBody.length + 8 + data.length);
        writeAscii(out, "WAVE");
        writeAscii(out, "LIST"); // an odd-sized chunk to skip, with its pad byte
        writeInt(out, 5);
        out.writeBytes(new byte[] {'I', 'N', 'F', 'O', 'x', 0});
        writeAscii(out, "fmt ");
        writeInt(out, fmtBody.length);
        out.writeBytes(fmtBody);
        writeAscii(out, "data");
        writeInt(out, (int) declaredDataSize);
        out.writeBytes(data);
        return out.toByteArray();
    }

    public static Path write(Path path, byte[] bytes) throws IOException {
        Files.write(path, bytes);
        return path;
    }

    private static void writeAscii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
    }
}
