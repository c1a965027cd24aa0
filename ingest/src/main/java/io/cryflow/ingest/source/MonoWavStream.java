package io.cryflow.ingest.source;

import io.cryflow.dsp.resample.Resampler;
import io.cryflow.ingest.wav.WavReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * One WAV file as mono float blocks at a target rate: reads the file block by block, mixes the
 * channels and resamples with state carried across blocks (bounded memory for any length).
 */
public final class MonoWavStream implements Closeable {

    private final WavReader reader;
    private final Resampler resampler;
    private final float[] readBuffer;
    private boolean ended;

    /**
     * @param blockFrames frames read from the file per step (the output blocks are this long
     *                    times the rate ratio, give or take the resampler's look-ahead)
     */
    public MonoWavStream(Path path, int targetRate, int blockFrames) throws IOException {
        this(WavReader.open(path), targetRate, blockFrames);
    }

    /** Streams from an open reader (e.g. over a classpath resource); closing this closes it. */
    public MonoWavStream(WavReader reader, int targetRate, int blockFrames) {
        this.reader = reader;
        this.resampler = Resampler.create(reader.format().sampleRate(), targetRate);
        this.readBuffer = new float[blockFrames];
    }

    /** Reads a whole file as mono at {@code targetRate}. */
    public static float[] readAll(Path path, int targetRate) throws IOException {
        return readAll(WavReader.open(path), targetRate);
    }

    /** Reads everything an open reader holds as mono at {@code targetRate}, then closes it. */
    public static float[] readAll(WavReader reader, int targetRate) throws IOException {
        try (MonoWavStream stream = new MonoWavStream(reader, targetRate, 1 << 15)) {
            float[] all = new float[0];
            int n = 0;
            for (float[] block = stream.next(); block != null; block = stream.next()) {
                if (n + block.length > all.length) {
                    all = Arrays.copyOf(all, Math.max(2 * all.length, n + block.length));
                }
                System.arraycopy(block, 0, all, n, block.length);
                n += block.length;
            }
            return Arrays.copyOf(all, n);
        }
    }

    /** The file's own format. */
    public io.cryflow.ingest.wav.WavFormat sourceFormat() {
        return reader.format();
    }

    /** The next non-empty block at the target rate, or {@code null} at the end of the file. */
    public float[] next() throws IOException {
        while (!ended) {
            int got = reader.readMono(readBuffer, 0, readBuffer.length);
            float[] out;
            if (got < 0) {
                ended = true;
                out = resampler.flush();
            } else {
                out = resampler.process(readBuffer, 0, got);
            }
            if (out.length > 0) {
                return out;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
