package io.cryflow.ingest.scene;

import java.util.List;

/**
 * A sound that is not a cry, placed in a {@link BoutScene} over the bed.
 *
 * @param startSample first sample of its first active frame
 * @param endSample   one past its last active frame
 * @param sampleRate  the scene's rate
 * @param soundClass  its class (e.g. {@code dog}, {@code music})
 * @param levelDbfs   its RMS over its active 20 ms frames, in dBFS, as mixed
 * @param clips       the clips it was made from (several for a chained utterance), in order
 */
public record DistractorEvent(long startSample, long endSample, int sampleRate, String soundClass, double levelDbfs,
        List<String> clips) {

    public DistractorEvent {
        clips = List.copyOf(clips);
    }

    public double startSeconds() {
        return (double) startSample / sampleRate;
    }

    public double endSeconds() {
        return (double) endSample / sampleRate;
    }

    public double durationSeconds() {
        return (double) (endSample - startSample) / sampleRate;
    }
}
