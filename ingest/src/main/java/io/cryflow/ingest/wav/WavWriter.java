package io.cryflow.ingest.wav;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import io.cryflow.schemas.PcmS16le;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes mono 16-bit PCM WAV files (what the pipeline and its scenes use). */
public final class WavWriter {

    private WavWriter() {
    }

    /**
     * Writes {@code samples} (floats in [-1, 1], clipped beyond) as a mono 16-bit WAV file,
     * rounding to the nearest 16-bit value.
     */
    public static void writePcm16Mono(Path path, float[] samples, int sampleRate) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 64 * 1024)) {
            writePcm16Mono(out, samples, sampleRate);
        }
    }

    /** Stream form of {@link #writePcm16Mono(Path, float[], int)}; does not close the stream. */
    public static void writePcm16Mono(OutputStream out, float[] samples, int sampleRate) throws IOException {
        long dataBytes = 2L * samples.length;
        if (dataBytes > 0xFFFFFFFFL - 36) {
            throw new IOException("too many samples for a WAV file: " + samples.length);
        }
        ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) (36 + dataBytes))
                .put("WAVE".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(sampleRate * 2)
                .putShort((short) 2).putShort((short) 16)
                .put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt((int) dataBytes);
        out.write(header.array());
        byte[] block = new byte[8192];
        for (int i = 0; i < samples.length; i += block.length / 2) {
            int n = Math.min(block.length / 2, samples.length - i);
            PcmS16le.encode(samples, i, n, block, 0);
            out.write(block, 0, 2 * n);
        }
    }
}
