package io.cryflow.ingest.wav;

/**
 * What a WAV file's header says about its audio.
 *
 * @param sampleFormat how each sample is stored
 * @param channels     interleaved channels per frame (at least 1)
 * @param sampleRate   frames per second
 * @param frameCount   frames in the data chunk, or -1 when the header leaves the length open
 *                     (a stream still being written) and the data runs to the end of the file
 */
public record WavFormat(WavSampleFormat sampleFormat, int channels, int sampleRate, long frameCount) {

    /** Bytes per frame (all channels of one sample instant). */
    public int bytesPerFrame() {
        return sampleFormat.bytesPerSample() * channels;
    }

    /** Duration in seconds, or -1 when unknown. */
    public double durationSeconds() {
        return frameCount < 0 ? -1 : (double) frameCount / sampleRate;
    }
}
