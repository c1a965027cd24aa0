package io.cryflow.inference.offline;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.inference.episode.EpisodeEvent;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.inference.episode.EpisodeTracker;
import io.cryflow.inference.episode.WindowScore;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.model.CauseClassifier;
import io.cryflow.inference.model.CausePrediction;
import io.cryflow.inference.model.CryDetector;
import io.cryflow.inference.scoring.WindowScorer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The offline use of the pipeline, without Kafka: the very DSP, window assembler, models and episode tracker of
 * the stream app run over recordings. Every window is scored (there is no energy gate offline: it only saves CPU
 * in the live path, and a researcher wants every cry). Memory is bounded for any file length; progress is
 * reported for files longer than {@link Progress#LONG_FILE_SECONDS}.
 */
public final class OfflineAnalyzer {

    /** Windows scored per model call. */
    public static final int BATCH = 16;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CryDetector detector;
    private final CauseClassifier classifier;
    private final WindowScorer scorer;
    private final EpisodeSettings settings;
    private final float uncertainBelow;
    private final FeatureConfig features;

    /**
     * @param settings       the episode rules (as the stream app's, from the same keys)
     * @param uncertainBelow the cause probability below which a file's cause is "uncertain"
     */
    public OfflineAnalyzer(CryDetector detector, CauseClassifier classifier, EpisodeSettings settings, float uncertainBelow) {
        this.detector = detector;
        this.classifier = classifier;
        this.scorer = new WindowScorer(detector, classifier);
        this.settings = settings;
        this.uncertainBelow = uncertainBelow;
        this.features = FeatureConfig.DEFAULT;
    }

    /** The models' versions. */
    public String modelVersion() {
        return scorer.modelVersion();
    }

    /**
     * The cry episodes of one file, each handed to {@code sink} as soon as it has ended (so a day-long recording
     * prints its episodes as it goes).
     *
     * @param name the file name to report
     * @return how many episodes were found
     */
    public int detect(Path file, String name, Consumer<DetectedEpisode> sink, Progress progress) throws IOException {
        EpisodeTracker tracker = new EpisodeTracker(settings);
        int[] episodes = {0};
        scoreEveryWindow(file, name, settings.offThreshold(), progress, score -> {
            for (EpisodeEvent event : tracker.observe(score)) {
                episodes[0] += emitIfEnded(name, event, sink);
            }
        });
        for (EpisodeEvent event : tracker.endNow()) {
            episodes[0] += emitIfEnded(name, event, sink);
        }
        return episodes[0];
    }

    /**
     * The detector's cry probability for every window of a file, in order, scored exactly as {@link #detect} scores
     * them; the cause classifier does not run (the scores carry no cause probabilities). For running several
     * episode rules over one scoring.
     */
    public List<WindowScore> cryScores(Path file) throws IOException {
        List<WindowScore> scores = new ArrayList<>();
        scoreEveryWindow(file, file.toString(), Double.POSITIVE_INFINITY, Progress.NONE, scores::add);
        return scores;
    }

    /** The episode rules {@link #detect} runs (the configured defaults, before any room sensitivity). */
    public EpisodeSettings episodeSettings() {
        return settings;
    }

    /**
     * Streams the file's windows through the detector in batches of {@link #BATCH}, every window scored, and hands
     * each score to {@code sink} in time order; windows with a cry probability of at least {@code classifyFrom}
     * are also classified.
     */
    private void scoreEveryWindow(Path file, String name, double classifyFrom, Progress progress,
            Consumer<WindowScore> sink) throws IOException {
        boolean[] all = new boolean[BATCH];
        Arrays.fill(all, true);
        try (AudioFileWindows windows = new AudioFileWindows(file, features, detector.inputSpec())) {
            ProgressTicker ticker = new ProgressTicker(name, windows.durationSeconds(), progress);
            for (List<MelWindow> batch = windows.next(BATCH); !batch.isEmpty(); batch = windows.next(BATCH)) {
                scorer.score(batch, all, classifyFrom).forEach(sink);
                ticker.tick(windows.secondsRead());
            }
            ticker.done();
        }
    }

    private static int emitIfEnded(String name, EpisodeEvent event, Consumer<DetectedEpisode> sink) {
        if (event.type() != EpisodeEvent.Type.ENDED) {
            return 0;
        }
        sink.accept(new DetectedEpisode(name, round(event.episodeStartMicros() / 1e6), round(event.episodeEndMicros() / 1e6),
                round(event.meanConfidence()), event.cause(), ordered(event.causeProbabilities())));
        return 1;
    }

    /**
     * One verdict for a whole file: its highest window cry probability, and the cause averaged over its cry windows.
     * A file shorter than one window is padded with digital silence to one window.
     */
    public FileClassification classify(Path file, String name, Progress progress) throws IOException {
        float threshold = detector.threshold();
        float best = 0f;
        float[] allSums = new float[CausePrediction.CAUSES.size()];
        int allCount = 0;
        float[] crySums = new float[CausePrediction.CAUSES.size()];
        int cryCount = 0;
        try (AudioFileWindows windows = new AudioFileWindows(file, features, detector.inputSpec())) {
            ProgressTicker ticker = new ProgressTicker(name, windows.durationSeconds(), progress);
            List<MelWindow> batch = windows.next(BATCH);
            if (batch.isEmpty()) {
                batch = List.of(paddedWindow(file));
            }
            for (; !batch.isEmpty(); batch = windows.next(BATCH)) {
                List<float[]> values = batch.stream().map(MelWindow::values).toList();
                float[] p = detector.cryProbabilities(values);
                List<CausePrediction> causes = classifier.classify(values);
                for (int i = 0; i < p.length; i++) {
                    best = Math.max(best, p[i]);
                    float[] c = causes.get(i).probabilities();
                    for (int k = 0; k < c.length; k++) {
                        allSums[k] += c[k];
                        if (p[i] >= threshold) {
                            crySums[k] += c[k];
                        }
                    }
                    allCount++;
                    if (p[i] >= threshold) {
                        cryCount++;
                    }
                }
                ticker.tick(windows.secondsRead());
            }
            ticker.done();
        }
        float[] sums = cryCount > 0 ? crySums : allSums;
        int count = cryCount > 0 ? cryCount : allCount;
        float[] mean = new float[sums.length];
        for (int k = 0; k < sums.length; k++) {
            mean[k] = sums[k] / count;
        }
        CausePrediction cause = CausePrediction.of(mean, uncertainBelow);
        boolean cry = best >= threshold;
        String verdict = cry ? cause.cause() : CausePrediction.UNCERTAIN;
        Map<String, Float> probabilities = new LinkedHashMap<>();
        cause.probabilityByCause().forEach((k, v) -> probabilities.put(k, (float) round(v)));
        return new FileClassification(name, round(best), cry, verdict, probabilities);
    }

    /** A file too short for one window: its frames followed by digital silence, through the same extractor. */
    private MelWindow paddedWindow(Path file) throws IOException {
        float[] audio = io.cryflow.ingest.source.MonoWavStream.readAll(file, features.sampleRate());
        int windowSamples = (detector.inputSpec().windowFrames() + 4) * features.hopLength() + features.nFft();
        float[] padded = Arrays.copyOf(audio, Math.max(audio.length, windowSamples));
        List<MelWindow> windows = io.cryflow.inference.input.OfflineWindows.of(padded, features, detector.inputSpec(), 0);
        return windows.get(0);
    }

    /** One JSON line (no trailing newline). */
    public static String json(Object record) {
        try {
            return JSON.writeValueAsString(record);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON for " + record, e);
        }
    }

    private static Map<String, Float> ordered(Map<String, Float> probabilities) {
        Map<String, Float> out = new LinkedHashMap<>();
        for (String cause : CausePrediction.CAUSES) {
            Float p = probabilities.get(cause);
            if (p != null) {
                out.put(cause, (float) round(p));
            }
        }
        return out;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** Reports progress about every 5 % of a long file. */
    private static final class ProgressTicker {
        private final String name;
        private final double total;
        private final Progress progress;
        private double nextAt;

        ProgressTicker(String name, double total, Progress progress) {
            this.name = name;
            this.total = total;
            this.progress = total >= Progress.LONG_FILE_SECONDS ? progress : Progress.NONE;
            this.nextAt = total / 20;
        }

        void tick(double done) {
            if (done >= nextAt) {
                progress.report(name, done, total);
                nextAt = done + total / 20;
            }
        }

        void done() {
            progress.report(name, total, total);
        }
    }
}
