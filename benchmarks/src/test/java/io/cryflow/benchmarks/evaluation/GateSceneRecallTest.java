package io.cryflow.benchmarks.evaluation;

import io.cryflow.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3's recall requirement on scenes from the scene generator: over steady, quiet-room and eventful
 * backgrounds together the gate lets through at least 99 % of cry seconds at every SNR from 0 dB, over at
 * least 4000 such cry seconds, while still cutting about half of the audio on steady backgrounds. The floors
 * for steady backgrounds alone are the measured figures with a margin (benchmarks/GATE-SCENES.md). Needs
 * shared/data; skipped without it. About 20 s of CPU; the report goes to target/gate-scenes.md.
 */
class GateSceneRecallTest {

    private static final int SCENES_PER_CELL = 20;
    private static final double[] SNRS_DB = {0, 5, 10, 20};

    @Test
    void practicallyEveryCrySecondFromZeroDbSnrPassesWhileSteadyBackgroundsAreMostlyCut() throws IOException {
        Path data = SharedData.resolve("data/manifest.csv").getParent();
        GateSceneEvaluation.Settings settings = GateSceneEvaluation.Settings.defaults(data)
                .withSnrsDb(SNRS_DB)
                .withScenesPerCell(SCENES_PER_CELL);
        GateSceneResults results = GateSceneEvaluation.run(settings);
        String report = results.markdown();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "gate-scenes.md"), report);
        System.out.println(report);

        Proportion pooled = results.crySecondRecallFrom(0);
        assertTrue(pooled.total() >= 4000, "cry seconds at SNR >= 0 dB: " + pooled.total());
        assertTrue(pooled.rate() >= 0.99, "recall over all SNR >= 0 dB: " + pooled);
        double[] snrs = settings.snrsDb();
        for (int k = 0; k < snrs.length; k++) {
            String at = String.format(Locale.ROOT, " at %.0f dB SNR: ", snrs[k]);
            Proportion recall = results.crySecondRecall(k);
            assertTrue(recall.rate() >= 0.99, "recall" + at + recall);
            Proportion steadyRecall = results.crySecondRecall(BackgroundSet.STEADY, k);
            assertTrue(steadyRecall.rate() >= STEADY_RECALL_FLOOR[k], "recall on steady backgrounds" + at + steadyRecall);
            Proportion steadyCut = results.cut(BackgroundSet.STEADY, k);
            assertTrue(steadyCut.rate() >= STEADY_CUT_FLOOR, "cut on steady backgrounds" + at + steadyCut);
        }
    }

    /*
     * Steady backgrounds alone fall short of 99 % at 0-5 dB (measured 0.978, 0.992, 0.997, 1.000 at 0/5/10/20 dB
     * on these seeds): the missed seconds hold cry 5-20 dB below the noise in the gate's band (GATE-SCENES.md).
     * These floors guard the measured figures with a margin.
     */
    private static final double[] STEADY_RECALL_FLOOR = {0.95, 0.97, 0.98, 0.99};
    /* Measured 49.7-55.9 % on steady backgrounds (falling with SNR: louder cries hold the gate open longer). */
    private static final double STEADY_CUT_FLOOR = 0.45;
}
