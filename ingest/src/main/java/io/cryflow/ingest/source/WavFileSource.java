package io.cryflow.ingest.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * One or more WAV files played one after another (optionally looping) as one microphone's audio,
 * mono at the pipeline rate. Capture time runs continuously from {@code startMicros} by sample
 * count, across file boundaries and loops.
 */
public final class WavFileSource implements AudioSource {

    /** Frames read from a file per step: 0.25 s at 16 kHz, a bounded buffer for any file. */
    public static final int DEFAULT_BLOCK_FRAMES = 4096;

    private final String roomId;
    private final String microphoneId;
    private final List<Path> files;
    private final int sampleRate;
    private final boolean loop;
    private final SampleClock clock;
    private int fileIndex;
    private MonoWavStream current;
    private boolean producedThisPass;
    private boolean ended;

    /**
     * @param files       played in this order; at least one
     * @param loop        start again with the first file after the last, forever
     * @param startMicros capture time of the first sample
     */
    public WavFileSource(String roomId, String microphoneId, List<Path> files, int sampleRate, boolean loop,
            long startMicros) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("room " + roomId + ": no WAV files to play");
        }
        this.roomId = roomId;
        this.microphoneId = microphoneId;
        this.files = List.copyOf(files);
        this.sampleRate = sampleRate;
        this.loop = loop;
        this.clock = new SampleClock(startMicros, sampleRate);
    }

    /** A single file, played once. */
    public static WavFileSource of(Path file, String roomId, String microphoneId, int sampleRate, long startMicros) {
        return new WavFileSource(roomId, microphoneId, List.of(file), sampleRate, false, startMicros);
    }

    @Override
    public String roomId() {
        return roomId;
    }

    @Override
    public String microphoneId() {
        return microphoneId;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /** The files played, in order. */
    public List<Path> files() {
        return files;
    }

    @Override
    public AudioBlock read() throws IOException {
        while (!ended) {
            if (current == null) {
                current = new MonoWavStream(files.get(fileIndex), sampleRate, DEFAULT_BLOCK_FRAMES);
            }
            float[] block = current.next();
            if (block != null) {
                producedThisPass = true;
                return clock.stamp(block);
            }
            current.close();
            current = null;
            fileIndex++;
            if (fileIndex == files.size()) {
                fileIndex = 0;
                // A pass with no audio at all would loop forever without producing anything.
                ended = !loop || !producedThisPass;
                producedThisPass = false;
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        ended = true;
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
