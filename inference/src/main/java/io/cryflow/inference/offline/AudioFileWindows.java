package io.cryflow.inference.offline;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.input.WindowAssembler;
import io.cryflow.ingest.source.MonoWavStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A WAV file's model windows, streamed: the file is read in blocks (any PCM layout, any rate, resampled to the
 * pipeline rate by the ingest module's reader), run through the same {@link StreamingFeatureExtractor} and
 * {@link WindowAssembler} as the live pipeline, and handed out in batches. Memory stays bounded whatever the
 * file's length: one read block, the assembler's frames and one batch of windows.
 */
final class AudioFileWindows implements AutoCloseable {

    /** Source frames read per step: about a quarter of a second. */
    private static final int READ_BLOCK_FRAMES = 4096;

    private final MonoWavStream stream;
    private final StreamingFeatureExtractor extractor;
    private final WindowAssembler assembler;
    private final long hopMicros;
    private final int sampleRate;
    private final double durationSeconds;
    private final List<MelWindow> ready = new ArrayList<>();
    private long samplesRead;
    private boolean ended;

    AudioFileWindows(Path file, FeatureConfig features, ModelInputSpec spec) throws IOException {
        spec.requireCompatible(features);
        this.stream = new MonoWavStream(file, features.sampleRate(), READ_BLOCK_FRAMES);
        this.extractor = new StreamingFeatureExtractor(features);
        this.assembler = new WindowAssembler(spec);
        this.hopMicros = Math.round(features.hopLength() * 1_000_000.0 / features.sampleRate());
        this.sampleRate = features.sampleRate();
        this.durationSeconds = stream.sourceFormat().durationSeconds();
    }

    /** The file's length as its header states it. */
    double durationSeconds() {
        return durationSeconds;
    }

    /** Seconds of audio read so far. */
    double secondsRead() {
        return (double) samplesRead / sampleRate;
    }

    /** Up to {@code max} next windows (times in microseconds from the file's start), or an empty list at the end. */
    List<MelWindow> next(int max) throws IOException {
        while (ready.size() < max && !ended) {
            float[] block = stream.next();
            if (block == null) {
                ended = true;
                break;
            }
            samplesRead += block.length;
            extractor.accept(block, (frameIndex, logMel, energy) ->
                    ready.addAll(assembler.accept(frameIndex, frameIndex * hopMicros, hopMicros, logMel, 1, frameIndex == 0)));
        }
        int n = Math.min(max, ready.size());
        List<MelWindow> batch = new ArrayList<>(ready.subList(0, n));
        ready.subList(0, n).clear();
        return batch;
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
