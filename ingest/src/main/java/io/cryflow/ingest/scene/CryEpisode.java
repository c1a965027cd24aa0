package io.cryflow.ingest.scene;

/**
 * One cry placed in a scene: the ground truth for detectors.
 *
 * @param startSample first sample of the cry in the scene (its first active frame)
 * @param endSample   one past its last sample (end of its last active frame)
 * @param sampleRate  scene sample rate
 * @param snrDb       the cry's signal-to-noise ratio in the scene, as defined by
 *                    {@link SceneGenerator}
 * @param sourceClip  the clip's id in its library
 * @param cause       the cry's cause where the library knows it, otherwise empty
 */
public record CryEpisode(long startSample, long endSample, int sampleRate, double snrDb, String sourceClip,
        String cause) {

    /** Start time in seconds from the scene start. */
    public double startSeconds() {
        return (double) startSample / sampleRate;
    }

    /** End time in seconds from the scene start. */
    public double endSeconds() {
        return (double) endSample / sampleRate;
    }

    /** Whether this episode overlaps [{@code fromSample}, {@code toSample}). */
    public boolean overlaps(long fromSample, long toSample) {
        return startSample < toSample && fromSample < endSample;
    }
}
