package io.cryflow.cli;

import io.cryflow.inference.evaluation.DataSplit;
import io.cryflow.inference.evaluation.EvaluationClips;
import io.cryflow.inference.evaluation.EvaluationReport;
import io.cryflow.inference.evaluation.MalformedInputException;
import io.cryflow.inference.evaluation.SceneEvaluation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./cryflow evaluate}: episode-level recall, alarms per episode and false alarms per hour (overall and by
 * distractor class) on seeded room scenes built only from validation-split groups, played through the offline
 * scoring of {@code detect}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the detector on room scenes built from validation-split recordings:",
            "a quiet room-noise bed, 0-2 crying bouts (1-3 clips of one baby with pauses:",
            "one true episode) and distractor sounds (animals, alarms, music, speech...).",
            "Each scene is scored once, as 'detect' scores a file, and tracked at LOW,",
            "NORMAL and HIGH sensitivity. Prints episode recall, alarms per detected bout,",
            "false alarms per hour overall and by class, onset and report delays, with",
            "bootstrap 95%% intervals. Episode and model settings come from --config as",
            "for 'detect'. Exit code 2 for a malformed manifest or split."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "../shared/data",
            description = "A folder with a manifest.csv (path,label,cause,group,source,license,sample_rate,duration_s);"
                    + " repeatable, e.g. the shared data and a cache of extra non-cry sounds (default: ${DEFAULT-VALUE}).")
    List<Path> data;

    @Option(names = "--split", paramLabel = "FILE",
            description = "Train/validation split by group, as training/make_plans.py writes split.json"
                    + " (default: the bundled detector's training split).")
    Path split;

    @Option(names = "--groups", paramLabel = "PART", defaultValue = DataSplit.VAL,
            description = "The split's groups the scenes are built from: val (the report) or train (to choose episode"
                    + " rules or find hard negatives without looking at validation; optimistic for the model).")
    String part;

    @Option(names = "--scenes", paramLabel = "N", defaultValue = "60", description = "Scenes (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "120",
            description = "Seconds per scene (default: ${DEFAULT-VALUE}).")
    double duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the scenes and the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resamples", paramLabel = "N", defaultValue = "1000",
            description = "Bootstrap resamples for the 95%% intervals (default: ${DEFAULT-VALUE}).")
    int resamples;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Keep each scene here: scene-NNN.wav, its cries (.cries.csv), every placement (.events.csv) and the window scores (.scores.csv).")
    Path out;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON here.")
    Path json;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SceneEvaluation.Options options;
        EvaluationClips clips;
        DataSplit groups;
        try {
            options = new SceneEvaluation.Options(scenes, duration, seed, resamples, out);
            groups = split == null ? DataSplit.bundled() : DataSplit.read(split);
            clips = EvaluationClips.of(data, groups, part);
            if (part.equals(DataSplit.TRAIN)) {
                groups = new DataSplit(groups.source() + ", its TRAINING groups", groups.seed(), groups.groups());
            }
        } catch (MalformedInputException | IllegalArgumentException e) {
            err.println("cryflow evaluate: " + Cryflow.describe(e));
            return 2;
        }
        Path work = Files.createTempDirectory("cryflow-evaluate");
        try (OfflineModels models = new OfflineModels(parent.config().appProperties())) {
            EvaluationReport report = SceneEvaluation.run(models.analyzer, clips, groups, data, options, work, line -> {
                err.println(line);
                err.flush();
            });
            console.print(report.text());
            console.flush();
            if (json != null) {
                Files.writeString(json, report.json() + "\n", StandardCharsets.UTF_8);
            }
            return 0;
        } finally {
            TempDirs.deleteRecursively(work);
        }
    }
}
