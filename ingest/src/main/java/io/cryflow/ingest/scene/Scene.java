package io.cryflow.ingest.scene;

import java.util.List;

/**
 * A generated room scene.
 *
 * @param samples     the mix, mono, peak below full scale
 * @param background  the background alone, exactly as mixed (same gain): {@code samples -
 *                    background} is the cries alone
 * @param sampleRate  samples per second
 * @param episodes    cries in time order
 * @param backgroundClips ids of the background clips used, in order of use
 * @param spec        what was asked for
 */
public record Scene(float[] samples, float[] background, int sampleRate, List<CryEpisode> episodes,
        List<String> backgroundClips, SceneSpec spec) {

    public Scene {
        episodes = List.copyOf(episodes);
        backgroundClips = List.copyOf(backgroundClips);
    }

    /** Duration in seconds. */
    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }
}
