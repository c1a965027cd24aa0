package io.cryflow.benchmarks.evaluation;

import io.cryflow.testkit.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 3's recall requirement on scenes from the scene generator: the gate lets through at least 99 % of cry
 * seconds at every SNR from 0 dB, over at least 4000 such cry seconds, while still cutting most of the audio
 * on steady backgrounds. The cut floor is the measured figure with a margin (see dsp/GATE.md, "Generated
 * scenes"). Needs shared/data; skipped without it. The report goes to target/gate-scenes.md.
 */
class GateSceneRecallTest {

    private static final int SCENES_PER_CELL = 20;

    @Test
    void practicallyEveryCrySecondFromZeroDbSnrPassesWhileSteadyBackgroundsAreMostlyCut() throws IOException {
        Path data = SharedData.resolve("data/manifest.csv").getParent();
        GateSceneEvaluation.Settings settings = GateSceneEvaluation.Settings.defaults(data)
                .withSnrsDb(0, 5, 10, 20)
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
            assertTrue(steadyRecall.rate() >= STEADY_RECALL_FLOOR, "recall on steady backgrounds" + at + steadyRecall);
            Proportion steadyCut = results.cut(BackgroundSet.STEADY, k);
            assertTrue(steadyCut.rate() >= STEADY_CUT_FLOOR, "cut on steady backgrounds" + at + steadyCut);
        }
    }

    private static final double STEADY_RECALL_FLOOR = 0.99;
    private static final double STEADY_CUT_FLOOR = 0.40;
}
