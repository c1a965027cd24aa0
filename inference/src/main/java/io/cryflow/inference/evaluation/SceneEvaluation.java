package io.cryflow.inference.evaluation;

import io.cryflow.inference.episode.EpisodeSensitivity;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.inference.episode.WindowScore;
import io.cryflow.inference.offline.OfflineAnalyzer;
import io.cryflow.ingest.scene.BoutScene;
import io.cryflow.ingest.scene.BoutSceneBuilder;
import io.cryflow.ingest.scene.CryBout;
import io.cryflow.ingest.scene.DistractorEvent;
import io.cryflow.ingest.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Episode-level evaluation: builds seeded scenes from validation clips ({@link BoutSceneBuilder}), plays each
 * through the offline analyser's scoring once (as a 16-bit WAV, exactly as {@code ./cryflow detect} reads it), runs
 * one {@code EpisodeTracker} per sensitivity over the same scores, matches the alarms with the truth
 * ({@link SceneOutcome}) and aggregates ({@link EvaluationReport}).
 */
public final class SceneEvaluation {

    /** Scene rate: the pipeline's. */
    public static final int SAMPLE_RATE = 16_000;

    /**
     * @param scenes          scenes to play
     * @param durationSeconds length of each
     * @param seed            scenes' and bootstrap's seed
     * @param resamples       bootstrap resamples
     * @param outDir          where each scene's WAV and truth are kept, or null to keep none
     */
    public record Options(int scenes, double durationSeconds, long seed, int resamples, Path outDir) {

        public Options {
            if (scenes < 1 || !(durationSeconds >= 10) || resamples < 1) {
                throw new IllegalArgumentException("need at least 1 scene of at least 10 s and 1 resample");
            }
        }
    }

    private SceneEvaluation() {
    }

    /**
     * Runs the evaluation.
     *
     * @param workDir  where scene WAVs are written while scored when {@code options.outDir()} is null (each deleted
     *                 after scoring)
     * @param progress one line per scene
     */
    public static EvaluationReport run(OfflineAnalyzer analyzer, EvaluationClips clips, DataSplit split,
            List<Path> data, Options options, Path workDir, Consumer<String> progress) throws IOException {
        if (clips.beds().isEmpty()) {
            throw new IOException("no validation room-noise clips (bed) in " + data + " under split " + split.source());
        }
        BoutSceneBuilder builder = new BoutSceneBuilder(clips.beds(), clips.cries(), clips.distractors(), SAMPLE_RATE);
        EpisodeSettings base = analyzer.episodeSettings();
        Map<EpisodeSensitivity, EpisodeSettings> settings = new EnumMap<>(EpisodeSensitivity.class);
        Map<EpisodeSensitivity, List<SceneOutcome>> outcomes = new EnumMap<>(EpisodeSensitivity.class);
        for (EpisodeSensitivity sensitivity : EpisodeSensitivity.values()) {
            settings.put(sensitivity, base.withSensitivity(sensitivity));
            outcomes.put(sensitivity, new ArrayList<>());
        }
        Map<String, int[]> eventCounts = new TreeMap<>();
        Set<String> boutGroups = new HashSet<>();
        int bouts = 0;
        Random seeds = new Random(options.seed());
        for (int i = 0; i < options.scenes(); i++) {
            BoutScene scene = builder.build(seeds.nextLong(), options.durationSeconds());
            String name = String.format(Locale.ROOT, "scene-%03d.wav", i + 1);
            List<WindowScore> scores = scores(analyzer, scene, name, options.outDir(), workDir);
            for (EpisodeSensitivity sensitivity : EpisodeSensitivity.values()) {
                List<Alarm> alarms = Alarm.replay(scores, settings.get(sensitivity));
                outcomes.get(sensitivity).add(SceneOutcome.match(scene.bouts(), scene.distractors(),
                        scene.durationSeconds(), alarms));
            }
            bouts += scene.bouts().size();
            scene.bouts().stream().map(CryBout::group).forEach(boutGroups::add);
            for (DistractorEvent event : scene.distractors()) {
                eventCounts.computeIfAbsent(event.soundClass(), c -> new int[1])[0]++;
            }
            SceneOutcome normal = outcomes.get(EpisodeSensitivity.NORMAL).get(i);
            progress.accept(String.format(Locale.ROOT, "%s: %d bouts (%d detected at NORMAL), %d distractors, %d false alarms at NORMAL",
                    name, scene.bouts().size(), normal.bouts().stream().filter(SceneOutcome.BoutOutcome::detected).count(),
                    scene.distractors().size(), normal.falseAlarms().size()));
        }
        Map<String, Double> minutes = EvaluationReport.classMinutes(outcomes.get(EpisodeSensitivity.NORMAL));
        Map<String, EvaluationReport.Events> events = new TreeMap<>();
        eventCounts.forEach((c, n) -> events.put(c, new EvaluationReport.Events(n[0], minutes.get(c))));
        EvaluationReport.Header header = new EvaluationReport.Header(analyzer.modelVersion(), split.source(),
                split.seed(), data.stream().map(Path::toString).toList(), options.seed(), options.scenes(),
                options.durationSeconds(), options.scenes() * options.durationSeconds() / 3600, clips.used(),
                clips.skipped(), bouts, boutGroups.size(), events, options.resamples(), EvaluationReport.bootstrapUnits());
        return new EvaluationReport(header,
                EvaluationReport.results(outcomes, settings, options.resamples(), options.seed()));
    }

    /** One line per window: its start and end (seconds) and cry probability (empty when the gate left it unscored). */
    private static void writeScores(Path csv, List<WindowScore> scores) throws IOException {
        StringBuilder text = new StringBuilder("start_s,end_s,cry_probability\n");
        for (WindowScore score : scores) {
            text.append(String.format(Locale.ROOT, "%.3f,%.3f,%s%n", score.startMicros() / 1e6, score.endMicros() / 1e6,
                    score.isScored() ? String.format(Locale.ROOT, "%.5f", score.cryProbability()) : ""));
        }
        Files.writeString(csv, text);
    }

    /** The scene's window scores, read back from its 16-bit WAV as {@code detect} would read it. */
    private static List<WindowScore> scores(OfflineAnalyzer analyzer, BoutScene scene, String name, Path outDir,
            Path workDir) throws IOException {
        if (outDir != null) {
            Path wav = outDir.resolve(name);
            scene.writeTo(wav);
            List<WindowScore> scores = analyzer.cryScores(wav);
            writeScores(outDir.resolve(name.replace(".wav", ".scores.csv")), scores);
            return scores;
        }
        Path wav = workDir.resolve(name);
        WavWriter.writePcm16Mono(wav, scene.samples(), scene.sampleRate());
        try {
            return analyzer.cryScores(wav);
        } finally {
            Files.deleteIfExists(wav);
        }
    }
}
