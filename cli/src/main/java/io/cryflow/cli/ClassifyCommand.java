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

/** {@code ./cryflow classify FILE...}: one verdict per file, one JSON line each. */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classifies whole WAV files with the cry detector and the cause classifier, without Kafka.",
            "Prints one JSON object per file: {\"file\",\"cry_probability\",\"cry\",\"cause\",\"cause_probabilities\"};",
            "cry_probability is the file's highest window probability; cry (true/false) is the shipped decision,",
            "cry_probability at or above the detector's own threshold; cause may be \"uncertain\"."})
final class ClassifyCommand implements Callable<Integer> {

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
            return OfflineModels.forEachFile("classify", files, err, file -> {
                out.println(OfflineAnalyzer.json(models.analyzer.classify(file, file.toString(), OfflineModels.progressTo(err))));
                out.flush();
            });
        }
    }
}
