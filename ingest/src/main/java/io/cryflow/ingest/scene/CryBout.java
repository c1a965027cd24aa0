package io.cryflow.ingest.scene;

import java.util.List;

/**
 * One crying bout in a {@link BoutScene}: one to a few cry clips of one group (the same baby) joined with pauses of
 * a few seconds. It is one true episode: one alarm is expected for it, pauses included.
 *
 * @param startSample first sample of its first active frame
 * @param endSample   one past its last active frame
 * @param sampleRate  the scene's rate
 * @param levelDbfs   its active RMS level as mixed, dB re full scale
 * @param snrDb       its SNR against the bed, as {@link SceneGenerator} defines it (active cry samples against the bed
 *                    over the bout's span)
 * @param group       the cry group the clips come from
 * @param clips       the clips' ids, in order
 */
public record CryBout(long startSample, long endSample, int sampleRate, double levelDbfs, double snrDb, String group,
        List<String> clips) {

    public CryBout {
        clips = List.copyOf(clips);
    }

    public double startSeconds() {
        return (double) startSample / sampleRate;
    }

    public double endSeconds() {
        return (double) endSample / sampleRate;
    }

    /** As a {@link CryEpisode}, for {@link GroundTruthCsv}: the clips joined by {@code |}, the group as the cause column. */
    public CryEpisode asEpisode() {
        return new CryEpisode(startSample, endSample, sampleRate, snrDb, String.join("|", clips), group);
    }
}
