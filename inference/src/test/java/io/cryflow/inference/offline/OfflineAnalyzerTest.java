package io.cryflow.inference.offline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.inference.episode.EpisodeEvent;
import io.cryflow.inference.evaluation.Alarm;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.inference.episode.EpisodeTracker;
import io.cryflow.inference.episode.WindowScore;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.OfflineWindows;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.CausePrediction;
import io.cryflow.inference.model.OnnxCauseClassifier;
import io.cryflow.inference.model.OnnxCryDetector;
import io.cryflow.inference.scoring.WindowScorer;
import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.ClipEntry;
import io.cryflow.ingest.wav.WavWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline detect and classify paths with the real bundled models, on real audio written to WAV files. */
class OfflineAnalyzerTest {

    private static final int RATE = 16_000;
    private static final OnnxCryDetector DETECTOR = BundledModels.cryDetector();
    private static final OnnxCauseClassifier CLASSIFIER = BundledModels.causeClassifier();
    private static final EpisodeSettings SETTINGS = io.cryflow.inference.app.InferenceConfig.defaults()
            .episodeSettings(DETECTOR.threshold(), CLASSIFIER.uncertainBelow());
    private static final OfflineAnalyzer ANALYZER = new OfflineAnalyzer(DETECTOR, CLASSIFIER, SETTINGS, CLASSIFIER.uncertainBelow());

    @TempDir
    Path dir;

    @AfterAll
    static void closeModels() {
        CLASSIFIER.close();
        DETECTOR.close();
    }

    /** 8 s of quiet noise, two bundled cries 12 s apart, quiet noise up to 40 s. */
    private static float[] scene() throws IOException {
        Random random = new Random(3);
        float[] audio = new float[40 * RATE];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.003 * random.nextGaussian());
        }
        BundledClipLibrary library = new BundledClipLibrary();
        float[] hungry = library.load(new ClipEntry("cry_hungry.wav", "hungry"), RATE);
        float[] tired = library.load(new ClipEntry("cry_tired.wav", "tired"), RATE);
        mix(audio, hungry, 8 * RATE);
        mix(audio, tired, 8 * RATE + hungry.length + 12 * RATE);
        return audio;
    }

    private static void mix(float[] into, float[] clip, int at) {
        for (int i = 0; i < clip.length && at + i < into.length; i++) {
            into[at + i] += 0.5f * clip[i];
        }
    }

    @Test
    void detectFindsWhatTheTrackerFindsOnTheServingWindows() throws IOException {
        float[] audio = scene();
        Path file = dir.resolve("scene.wav");
        WavWriter.writePcm16Mono(file, audio, RATE);
        float[] asStored = io.cryflow.ingest.source.MonoWavStream.readAll(file, RATE);

        // The reference: the serving windows of the whole signal, every window scored, the tracker fed in order.
        List<MelWindow> windows = OfflineWindows.of(asStored, FeatureConfig.DEFAULT, DETECTOR.inputSpec(), 0);
        boolean[] all = new boolean[windows.size()];
        Arrays.fill(all, true);
        EpisodeTracker tracker = new EpisodeTracker(SETTINGS);
        List<EpisodeEvent> ended = new ArrayList<>();
        for (WindowScore score : new WindowScorer(DETECTOR, CLASSIFIER).score(windows, all, SETTINGS.offThreshold())) {
            tracker.observe(score).stream().filter(e -> e.type() == EpisodeEvent.Type.ENDED).forEach(ended::add);
        }
        tracker.endNow().stream().filter(e -> e.type() == EpisodeEvent.Type.ENDED).forEach(ended::add);

        List<DetectedEpisode> detected = new ArrayList<>();
        int count = ANALYZER.detect(file, "scene.wav", detected::add, Progress.NONE);
        assertEquals(detected.size(), count);
        assertEquals(ended.size(), detected.size(), "the same episodes as the tracker on the serving windows");
        for (int i = 0; i < ended.size(); i++) {
            assertEquals(ended.get(i).episodeStartMicros() / 1e6, detected.get(i).startSeconds(), 1e-4);
            assertEquals(ended.get(i).episodeEndMicros() / 1e6, detected.get(i).endSeconds(), 1e-4);
            assertEquals(ended.get(i).meanConfidence(), detected.get(i).confidence(), 1e-4);
            assertEquals(ended.get(i).cause(), detected.get(i).cause());
        }
        System.out.println("detect on a 40 s scene with cries at 8 s and about 27 s: " + detected);
    }

    @Test
    void cryScoresAreDetectsScoresAndReplayToItsEpisodes() throws IOException {
        Path file = dir.resolve("scene.wav");
        WavWriter.writePcm16Mono(file, scene(), RATE);
        List<WindowScore> scores = ANALYZER.cryScores(file);
        List<DetectedEpisode> detected = new ArrayList<>();
        ANALYZER.detect(file, "scene.wav", detected::add, Progress.NONE);
        List<Alarm> replayed = Alarm.replay(scores, ANALYZER.episodeSettings());
        assertEquals(2, detected.size(), "two cries: " + detected);
        assertEquals(detected.size(), replayed.size(), "the evaluation's replay finds detect's episodes");
        for (int i = 0; i < detected.size(); i++) {
            assertEquals(detected.get(i).startSeconds(), replayed.get(i).startSeconds(), 1e-4);
            assertEquals(detected.get(i).endSeconds(), replayed.get(i).endSeconds(), 1e-4);
            assertTrue(replayed.get(i).reportedSeconds() > replayed.get(i).startSeconds(), replayed.get(i).toString());
        }
        assertTrue(scores.stream().allMatch(s -> s.isScored() && s.causeProbabilities().isEmpty()),
                "every window scored, the classifier not run");
        assertEquals(SETTINGS, ANALYZER.episodeSettings());
    }

    @Test
    void episodesPrintAsTheDocumentedJsonLines() throws IOException {
        DetectedEpisode episode = new DetectedEpisode("a.wav", 1.5, 4.25, 0.9, "hungry",
                new java.util.LinkedHashMap<>(java.util.Map.of("hungry", 0.6f)));
        JsonNode json = new ObjectMapper().readTree(OfflineAnalyzer.json(episode));
        assertEquals(List.of("file", "start_s", "end_s", "confidence", "cause", "cause_probabilities"), fieldNames(json));
        assertEquals(4.25, json.get("end_s").asDouble());
        FileClassification verdict = new FileClassification("b.wav", 0.25, false, "uncertain", java.util.Map.of("tired", 0.5f));
        assertEquals(List.of("file", "cry_probability", "cry", "cause", "cause_probabilities"),
                fieldNames(new ObjectMapper().readTree(OfflineAnalyzer.json(verdict))));
    }

    @Test
    void classifyJudgesAWholeFileAndPadsOneShorterThanAWindow() throws IOException {
        BundledClipLibrary library = new BundledClipLibrary();
        Path cry = dir.resolve("cry.wav");
        WavWriter.writePcm16Mono(cry, library.load(new ClipEntry("cry_hungry.wav", "hungry"), RATE), RATE);
        FileClassification verdict = ANALYZER.classify(cry, "cry.wav", Progress.NONE);
        assertEquals("cry.wav", verdict.file());
        assertEquals(CausePrediction.CAUSES, List.copyOf(verdict.causeProbabilities().keySet()));
        double total = verdict.causeProbabilities().values().stream().mapToDouble(Float::doubleValue).sum();
        assertEquals(1.0, total, 1e-3);
        assertTrue(verdict.cause().equals(CausePrediction.UNCERTAIN) || CausePrediction.CAUSES.contains(verdict.cause()));

        // The highest window probability: the maximum over the serving windows, which the file verdict reports.
        float[] audio = io.cryflow.ingest.source.MonoWavStream.readAll(cry, RATE);
        List<MelWindow> windows = OfflineWindows.of(audio, FeatureConfig.DEFAULT, DETECTOR.inputSpec(), 0);
        float max = 0;
        for (float p : DETECTOR.cryProbabilities(windows.stream().map(MelWindow::values).toList())) {
            max = Math.max(max, p);
        }
        assertEquals(max, verdict.cryProbability(), 1e-4);
        assertTrue(verdict.cry(), "the bundled hungry cry is judged a cry at the shipped threshold " + DETECTOR.threshold()
                + ": " + verdict);
        System.out.println("classify cry_hungry.wav: " + verdict);

        // A one-second spoken digit: shorter than a 2 s window, padded with silence, still judged.
        Path digit = dir.resolve("digit.wav");
        WavWriter.writePcm16Mono(digit, library.load(new ClipEntry("speech_george_1.wav", ""), RATE), RATE);
        FileClassification short1 = ANALYZER.classify(digit, "digit.wav", Progress.NONE);
        assertTrue(short1.cryProbability() >= 0 && short1.cryProbability() <= 1);
        assertEquals(short1.cryProbability() >= DETECTOR.threshold(), short1.cry(), "the decision is the shipped threshold's");
        assertFalse(short1.cry(), "a spoken digit is not a cry: " + short1);
        assertEquals(CausePrediction.UNCERTAIN, short1.cause(), "no cause for what is not a cry");
        System.out.println("classify speech_george_1.wav: " + short1);
    }

    @Test
    void aLongFileIsStreamedInBoundedMemoryWithProgress() throws IOException {
        Path file = dir.resolve("long.wav");
        double seconds = 660;
        writeNoiseWav(file, seconds);
        try (AudioFileWindows windows = new AudioFileWindows(file, FeatureConfig.DEFAULT, DETECTOR.inputSpec())) {
            assertEquals(seconds, windows.durationSeconds(), 1e-6);
            List<MelWindow> first = windows.next(OfflineAnalyzer.BATCH);
            assertEquals(OfflineAnalyzer.BATCH, first.size());
            assertTrue(windows.secondsRead() < 15, "only what one batch needs was read: " + windows.secondsRead() + " s");
        }
        List<double[]> reports = new ArrayList<>();
        ANALYZER.detect(file, "long.wav", episode -> { }, (name, done, total) -> reports.add(new double[] {done, total}));
        assertTrue(reports.size() >= 15 && reports.size() <= 25, reports.size() + " progress reports");
        assertEquals(seconds, reports.get(reports.size() - 1)[0], 1e-6);
        for (int i = 1; i < reports.size(); i++) {
            assertTrue(reports.get(i)[0] >= reports.get(i - 1)[0]);
        }
        List<double[]> none = new ArrayList<>();
        Path shortFile = dir.resolve("short.wav");
        writeNoiseWav(shortFile, 30);
        ANALYZER.detect(shortFile, "short.wav", episode -> { }, (name, done, total) -> none.add(new double[] {done}));
        assertTrue(none.size() <= 1, "a short file reports at most its end");
    }

    @Test
    void anUnreadableFileFailsWithItsName() throws IOException {
        Path bogus = dir.resolve("bogus.wav");
        Files.writeString(bogus, "not a wave file at all");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> ANALYZER.detect(bogus, "bogus.wav", episode -> { }, Progress.NONE));
        assertFalse(e.getMessage().isBlank());
    }

    /** Quiet white noise as a 16-bit mono WAV, written block by block. */
    private static void writeNoiseWav(Path file, double seconds) throws IOException {
        long samples = Math.round(seconds * RATE);
        Random random = new Random(9);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            ByteBuffer header = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(0x46464952).putInt((int) (36 + samples * 2)).putInt(0x45564157)
                    .putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(RATE * 2)
                    .putShort((short) 2).putShort((short) 16)
                    .putInt(0x61746164).putInt((int) (samples * 2));
            out.write(header.array());
            byte[] block = new byte[2 * 4096];
            for (long written = 0; written < samples; ) {
                int n = (int) Math.min(4096, samples - written);
                ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < n; i++) {
                    b.putShort((short) Math.round(100 * random.nextGaussian()));
                }
                out.write(block, 0, 2 * n);
                written += n;
            }
        }
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
