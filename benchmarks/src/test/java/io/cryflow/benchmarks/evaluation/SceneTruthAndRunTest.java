package io.cryflow.benchmarks.evaluation;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.ingest.scene.CryEpisode;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneGenerator;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.ingest.scene.SyntheticClipLibrary;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ground truth and streaming of generated scenes, on the synthetic clip library (no shared data needed). */
class SceneTruthAndRunTest {

    private static final FeatureConfig FEATURES = FeatureConfig.DEFAULT;

    private static Scene scene(long seed, double snrDb) throws IOException {
        return new SceneGenerator(new SyntheticClipLibrary()).generate(SceneSpec.defaults().withSeed(seed).withSnrDb(snrDb, snrDb));
    }

    @Test
    void crySecondsLieInsideThePlacedEpisodesAndEveryLongEpisodeHasSome() throws IOException {
        Scene scene = scene(3, 10);
        SceneTruth truth = SceneTruth.of(scene, 0.25);
        assertEquals(60, truth.crySecond.length);
        for (int s = 0; s < truth.crySecond.length; s++) {
            boolean inside = false;
            for (CryEpisode e : scene.episodes()) {
                inside |= e.startSeconds() < s + 1 && s < e.endSeconds();
            }
            if (truth.crySecond[s]) {
                assertTrue(inside, "cry second " + s + " overlaps an episode");
            }
            assertEquals(!inside, truth.backgroundSecond[s], "second " + s);
        }
        for (CryEpisode e : scene.episodes()) {
            if (e.endSeconds() - e.startSeconds() >= 2) {
                int seconds = 0;
                for (int s = (int) e.startSeconds(); s < e.endSeconds(); s++) {
                    seconds += truth.crySecond[s] ? 1 : 0;
                }
                assertTrue(seconds >= 1, "episode " + e + " has cry seconds");
            }
        }
        // Active frames lie inside episodes.
        for (int i = 0; i < truth.activeFrameCount; i++) {
            int from = truth.activeFrames[2 * i];
            boolean inside = false;
            for (CryEpisode e : scene.episodes()) {
                inside |= from >= e.startSample() && truth.activeFrames[2 * i + 1] <= e.endSample();
            }
            assertTrue(inside, "active frame at sample " + from);
        }
    }

    @Test
    void everySceneFrameIsDecidedAndTheGateOpensOnLoudCriesButNotThroughout() throws IOException {
        Scene scene = scene(5, 20);
        SceneGateRun run = SceneGateRun.stream(scene, GateConfig.DEFAULT, FEATURES, DbfsCalibration.of(FEATURES), 15, 8000);
        int n = scene.samples().length;
        assertEquals((n + FEATURES.hopLength() - 1) / FEATURES.hopLength(), run.open.length);
        SceneTruth truth = SceneTruth.of(scene, 0.25);
        boolean[] open = run.perSecond(truth.crySecond.length);
        int crySeconds = 0;
        int passed = 0;
        for (int s = 0; s < open.length; s++) {
            if (truth.crySecond[s]) {
                crySeconds++;
                passed += open[s] ? 1 : 0;
            }
        }
        assertTrue(crySeconds > 0);
        assertEquals(crySeconds, passed, "20 dB synthetic cries all pass");
        assertTrue(run.closedFrames() > 0.2 * run.open.length, "the gate cuts part of the scene: " + run.closedFrames());
    }
}
