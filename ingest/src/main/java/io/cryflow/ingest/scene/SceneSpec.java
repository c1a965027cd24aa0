package io.cryflow.ingest.scene;

/**
 * What scene to generate. Use {@link #defaults()} and the {@code with} methods.
 *
 * @param durationSeconds      scene length (default 60 s)
 * @param sampleRate           scene sample rate (default 16000 Hz, the pipeline rate)
 * @param cryCount             cry episodes to place (default 3)
 * @param minSnrDb             lowest SNR drawn per cry (default 0 dB)
 * @param maxSnrDb             highest SNR drawn per cry (default 20 dB); equal to minSnrDb for a
 *                             fixed SNR
 * @param backgroundDbfs       RMS level of the whole background in dB re full scale (default -35)
 * @param maxCrySeconds        longer cry clips are cut to a random excerpt of this length
 *                             (default 8 s)
 * @param minGapSeconds        minimum silence-of-cry between episodes and before/after the scene
 *                             edges (default 2 s)
 * @param seed                 random seed: equal specs and libraries give identical scenes
 */
public record SceneSpec(double durationSeconds, int sampleRate, int cryCount, double minSnrDb, double maxSnrDb,
        double backgroundDbfs, double maxCrySeconds, double minGapSeconds, long seed) {

    public SceneSpec {
        if (!(durationSeconds > 0) || sampleRate <= 0 || cryCount < 0 || minSnrDb > maxSnrDb
                || !(maxCrySeconds > 0) || minGapSeconds < 0 || backgroundDbfs > 0) {
            throw new IllegalArgumentException("invalid scene spec: duration " + durationSeconds + " s, rate "
                    + sampleRate + ", cries " + cryCount + ", SNR " + minSnrDb + ".." + maxSnrDb + " dB, background "
                    + backgroundDbfs + " dBFS, max cry " + maxCrySeconds + " s, gap " + minGapSeconds + " s");
        }
    }

    public static SceneSpec defaults() {
        return new SceneSpec(60.0, 16000, 3, 0.0, 20.0, -35.0, 8.0, 2.0, 1L);
    }

    public SceneSpec withDurationSeconds(double v) {
        return new SceneSpec(v, sampleRate, cryCount, minSnrDb, maxSnrDb, backgroundDbfs, maxCrySeconds, minGapSeconds, seed);
    }

    public SceneSpec withSampleRate(int v) {
        return new SceneSpec(durationSeconds, v, cryCount, minSnrDb, maxSnrDb, backgroundDbfs, maxCrySeconds, minGapSeconds, seed);
    }

    public SceneSpec withCryCount(int v) {
        return new SceneSpec(durationSeconds, sampleRate, v, minSnrDb, maxSnrDb, backgroundDbfs, maxCrySeconds, minGapSeconds, seed);
    }

    public SceneSpec withSnrDb(double min, double max) {
        return new SceneSpec(durationSeconds, sampleRate, cryCount, min, max, backgroundDbfs, maxCrySeconds, minGapSeconds, seed);
    }

    public SceneSpec withBackgroundDbfs(double v) {
        return new SceneSpec(durationSeconds, sampleRate, cryCount, minSnrDb, maxSnrDb, v, maxCrySeconds, minGapSeconds, seed);
    }

    public SceneSpec withMaxCrySeconds(double v) {
        return new SceneSpec(durationSeconds, sampleRate, cryCount, minSnrDb, maxSnrDb, backgroundDbfs, v, minGapSeconds, seed);
    }

    public SceneSpec withMinGapSeconds(double v) {
        return new SceneSpec(durationSeconds, sampleRate, cryCount, minSnrDb, maxSnrDb, backgroundDbfs, maxCrySeconds, v, seed);
    }

    public SceneSpec withSeed(long v) {
        return new SceneSpec(durationSeconds, sampleRate, cryCount, minSnrDb, maxSnrDb, backgroundDbfs, maxCrySeconds, minGapSeconds, v);
    }
}
