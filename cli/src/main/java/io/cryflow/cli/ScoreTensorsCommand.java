package io.cryflow.cli;

import io.cryflow.inference.export.TensorScoring;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.OnnxCryDetector;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./cryflow score-tensors}: the cry detector's probability for every window of an {@code export-tensors}
 * output, to compare a training candidate with the shipped model on the same windows (training/README.md).
 */
@Command(name = "score-tensors", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Scores every window of an export-tensors output (windows.npy) with the cry detector",
            "and writes row,cry_probability per window in index.csv's row order. The detector is the",
            "bundled one unless cryflow.inference.model.detector.path is set (--config)."})
final class ScoreTensorsCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--tensors", paramLabel = "DIR", required = true,
            description = "An export-tensors output directory (windows.npy, export.properties).")
    Path tensors;

    @Option(names = "--out", paramLabel = "CSV", required = true, description = "Scores file to write.")
    Path out;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128",
            description = "Windows per ONNX call (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        long started = System.nanoTime();
        try (OnnxCryDetector detector = BundledModels.cryDetector(parent.config().appProperties());
             Writer scores = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            long windows = TensorScoring.scoreWindows(tensors, detector, batch, scores);
            console.printf("score-tensors: %d windows of %s scored by %s -> %s in %.1f s%n", windows, tensors,
                    detector.version(), out, (System.nanoTime() - started) / 1e9);
        }
        console.flush();
        return 0;
    }
}
