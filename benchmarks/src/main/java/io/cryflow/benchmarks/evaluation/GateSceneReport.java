package io.cryflow.benchmarks.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints the gate's evaluation on generated scenes as markdown (see dsp/GATE.md, "Generated scenes").
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.cryflow.benchmarks.evaluation.GateSceneReport [data-dir] [scenes-per-cell] [first-seed]
 *     [--no-reference] [--cold-start] [--background-dbfs=-35]
 * </pre>
 * Defaults: {@code ../shared/data}, 30 scenes per background set and SNR, seed 1000, with the offline reference,
 * a 15 s lead-in ({@code --cold-start}: none), backgrounds at the generator's default -35 dBFS RMS.
 */
public final class GateSceneReport {

    private GateSceneReport() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of("../shared/data");
        GateSceneEvaluation.Settings settings;
        int scenes = -1;
        long seed = -1;
        boolean reference = true;
        boolean coldStart = false;
        double backgroundDbfs = Double.NaN;
        int positional = 0;
        for (String arg : args) {
            switch (arg) {
                case "--no-reference" -> reference = false;
                case "--cold-start" -> coldStart = true;
                default -> {
                    if (arg.startsWith("--background-dbfs=")) {
                        backgroundDbfs = Double.parseDouble(arg.substring("--background-dbfs=".length()));
                        continue;
                    }
                    switch (positional++) {
                        case 0 -> data = Path.of(arg);
                        case 1 -> scenes = Integer.parseInt(arg);
                        case 2 -> seed = Long.parseLong(arg);
                        default -> throw new IllegalArgumentException("unexpected argument " + arg);
                    }
                }
            }
        }
        if (!Files.isRegularFile(data.resolve("manifest.csv"))) {
            System.err.println(data.resolve("manifest.csv") + " not found: give the shared/data directory as the first argument");
            System.exit(2);
        }
        settings = GateSceneEvaluation.Settings.defaults(data).withReference(reference);
        if (scenes > 0) {
            settings = settings.withScenesPerCell(scenes);
        }
        if (seed >= 0) {
            settings = settings.withFirstSeed(seed);
        }
        if (!Double.isNaN(backgroundDbfs)) {
            settings = settings.withScene(settings.scene().withBackgroundDbfs(backgroundDbfs));
        }
        if (coldStart) {
            settings = settings.withLeadInSeconds(0);
        }
        System.out.print(GateSceneEvaluation.run(settings).markdown());
    }
}
