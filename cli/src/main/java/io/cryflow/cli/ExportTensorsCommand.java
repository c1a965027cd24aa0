package io.cryflow.cli;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.inference.export.ExampleRecipe;
import io.cryflow.inference.export.TensorExport;
import io.cryflow.inference.input.ModelInputSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./cryflow export-tensors}: the model input tensors the inference stage would build for a plan
 * of example clips, for training (see training/README.md).
 */
@Command(name = "export-tensors", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Builds model training tensors exactly as serving would: renders each example of a",
            "plan (clips concatenated, mixed over a background at an SNR, a gain, an 8 kHz round",
            "trip, 16-bit PCM), runs the streaming feature extractor and the window assembler,",
            "and writes windows.npy (float32 [N, frames, bands]), index.csv and export.properties."})
final class ExportTensorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--plan", paramLabel = "CSV", required = true,
            description = "Plan: columns id, files ('|'-separated, relative to --data-dir), background, snr_db, gain_db,"
                    + " roundtrip_8k, min_seconds, offset_s, bg_offset_s; other columns are copied to index.csv.")
    Path plan;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "../shared/data",
            description = "Directory the plan's paths are relative to (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output directory.")
    Path out;

    @Option(names = "--window-frames", paramLabel = "N", defaultValue = "200",
            description = "Frames per window (default: ${DEFAULT-VALUE}, 2 s).")
    int windowFrames;

    @Option(names = "--hop-frames", paramLabel = "N", defaultValue = "50",
            description = "Frames between window starts (default: ${DEFAULT-VALUE}).")
    int hopFrames;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Examples rendered in parallel (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        FeatureConfig features = FeatureConfig.DEFAULT;
        ModelInputSpec input = ModelInputSpec.allBands(features.id(), features.melCount(), windowFrames, hopFrames);
        List<ExampleRecipe> recipes = TensorExport.readPlan(plan);
        long started = System.nanoTime();
        TensorExport.Summary summary = new TensorExport(dataDir, features, input, threads).export(recipes, out);
        console.printf("export-tensors: %d examples -> %d windows of %d x %d in %s (%d examples shorter than a window) in %.1f s%n",
                summary.examples(), summary.windows(), windowFrames, features.melCount(), out,
                summary.examplesWithoutWindows(), (System.nanoTime() - started) / 1e9);
        console.flush();
        return 0;
    }
}
