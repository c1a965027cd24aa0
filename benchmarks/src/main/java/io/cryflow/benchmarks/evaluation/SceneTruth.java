package io.cryflow.benchmarks.evaluation;

import io.cryflow.ingest.scene.ClipActivity;
import io.cryflow.ingest.scene.CryEpisode;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneGenerator;

/**
 * Ground truth of a generated scene, from its scripted cry placements. Active cry is defined as the generator
 * defines it for the SNR: the 20 ms frames of a placed cry (the mix minus the background) within
 * {@value SceneGenerator#ACTIVITY_THRESHOLD_DB} dB of that cry's loudest frame; pauses inside an episode are
 * not active.
 */
final class SceneTruth {

    /** Per whole second of the scene: holds at least the minimum of active cry. */
    final boolean[] crySecond;
    /** Per whole second: overlaps no cry episode at all. */
    final boolean[] backgroundSecond;
    /** Active 20 ms cry frames, as [start, end) sample ranges in scene samples, flattened. */
    final int[] activeFrames;
    final int activeFrameCount;

    private SceneTruth(boolean[] crySecond, boolean[] backgroundSecond, int[] activeFrames, int activeFrameCount) {
        this.crySecond = crySecond;
        this.backgroundSecond = backgroundSecond;
        this.activeFrames = activeFrames;
        this.activeFrameCount = activeFrameCount;
    }

    /**
     * @param minActiveSeconds a second counts as a cry second when it holds at least this much active cry (0.25 s)
     */
    static SceneTruth of(Scene scene, double minActiveSeconds) {
        int rate = scene.sampleRate();
        int seconds = scene.samples().length / rate;
        float[] cry = new float[scene.samples().length];
        for (int i = 0; i < cry.length; i++) {
            cry[i] = scene.samples()[i] - scene.background()[i];
        }
        int frame = (int) Math.round(SceneGenerator.ACTIVITY_FRAME_SECONDS * rate);
        double[] activeSamples = new double[seconds + 1];
        boolean[] background = new boolean[seconds];
        java.util.Arrays.fill(background, true);
        int[] ranges = new int[64];
        int count = 0;
        for (CryEpisode episode : scene.episodes()) {
            int start = (int) episode.startSample();
            int end = (int) episode.endSample();
            for (int s = start / rate; s <= (end - 1) / rate && s < seconds; s++) {
                background[s] = false;
            }
            ClipActivity activity = ClipActivity.of(cry, start, end, frame, SceneGenerator.ACTIVITY_THRESHOLD_DB);
            for (int f = 0; f < activity.frames(); f++) {
                if (!activity.isActive(f)) {
                    continue;
                }
                int from = start + f * frame;
                int to = Math.min(end, from + frame);
                if (2 * count + 2 > ranges.length) {
                    ranges = java.util.Arrays.copyOf(ranges, 2 * ranges.length);
                }
                ranges[2 * count] = from;
                ranges[2 * count + 1] = to;
                count++;
                // Split the frame's samples between the seconds it straddles.
                for (int at = from; at < to; ) {
                    int second = at / rate;
                    int stop = Math.min(to, (second + 1) * rate);
                    activeSamples[second] += stop - at;
                    at = stop;
                }
            }
        }
        boolean[] crySecond = new boolean[seconds];
        for (int s = 0; s < seconds; s++) {
            crySecond[s] = activeSamples[s] >= minActiveSeconds * rate;
        }
        return new SceneTruth(crySecond, background, ranges, count);
    }
}
