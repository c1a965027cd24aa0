package io.cryflow.cli;

import io.cryflow.inference.offline.OfflineAnalyzer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow detect FILE...}: cry episodes in recordings, one JSON line per episode. */
@Command(name = "detect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds cry episodes in WAV recordings, without Kafka.",
            "Same DSP, models and episode rules as the stream app. Prints one JSON object per episode:",
            "{\"file\",\"start_s\",\"end_s\",\"confidence\",\"cause\",\"cause_probabilities\"}.",
            "Files of any length are streamed (bounded memory); long files report progress on stderr.",
            "Episode and model settings (cryflow.inference.episode.*, cryflow.inference.model.*) come from --config."})
final class DetectCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "WAV files (any PCM layout, channel count and rate).")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (OfflineModels models = new OfflineModels(parent.config().appProperties())) {
            return OfflineModels.forEachFile("detect", files, err, file -> models.analyzer.detect(file, file.toString(),
                    episode -> {
                        out.println(OfflineAnalyzer.json(episode));
                        out.flush();
                    }, OfflineModels.progressTo(err)));
        }
    }
}
