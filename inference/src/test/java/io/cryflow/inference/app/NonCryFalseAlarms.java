package io.cryflow.inference.app;

import io.cryflow.ingest.scene.ClipEntry;
import io.cryflow.ingest.scene.ManifestClipLibrary;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a check (it runs only when asked): how many cry episodes the stream app reports on real
 * recordings without any baby in them, per kind of sound. Every {@code non_cry} recording of
 * {@code ../shared/data/manifest.csv} is played, joined end to end by folder (one simulated room per folder, so the
 * gate's warm-up and the tracker see a continuous stream, as in a room), through the real features and inference
 * topologies: {@code mvn -pl inference test -Dtest=NonCryFalseAlarms -Dsurefire.failIfNoSpecifiedTests=false
 * -Dcryflow.falsealarms=true} (optionally {@code -Dcryflow.falsealarms.thresholds=model,0.8}); prints a markdown
 * table. The detector trained on most of these recordings (only a grouped fifth of them was held out), so the rates
 * are a lower bound for sounds like them.
 */
@EnabledIfSystemProperty(named = "cryflow.falsealarms", matches = "true")
class NonCryFalseAlarms {

    @Test
    void measure() throws Exception {
        // Every non-cry recording: the library's backgrounds under the empty prefix.
        ManifestClipLibrary library = ManifestClipLibrary.open(SharedData.resolve("data"), List.of(""));
        Map<String, List<ClipEntry>> byFolder = new TreeMap<>();
        for (ClipEntry clip : library.backgrounds()) {
            String folder = clip.id().contains("/") ? clip.id().substring(0, clip.id().lastIndexOf('/')) : ".";
            byFolder.computeIfAbsent(folder, f -> new ArrayList<>()).add(clip);
        }
        String thresholds = System.getProperty("cryflow.falsealarms.thresholds", "model");
        // The features of each folder's audio do not depend on the inference settings: made once.
        Map<String, List<FeaturesRun.Chunk>> features = new TreeMap<>();
        Map<String, Double> hoursByFolder = new TreeMap<>();
        for (Map.Entry<String, List<ClipEntry>> folder : byFolder.entrySet()) {
            float[] audio = joined(library, folder.getValue());
            features.put(folder.getKey(), FeaturesRun.of(folder.getKey().replace('/', '_'), audio));
            hoursByFolder.put(folder.getKey(), audio.length / (double) TestScenes.RATE / 3600);
        }
        System.out.println("App settings besides the table's: " + MeasurementSettings.inferenceOverrides());
        System.out.println("| folder | recordings | minutes | onset (on threshold x windows) | episodes | per hour |");
        System.out.println("|---|---|---|---|---|---|");
        for (String threshold : thresholds.split(",")) {
            Properties props = MeasurementSettings.inferenceOverrides();
            if (!threshold.equals("model")) {
                props.setProperty(InferenceConfig.ON_THRESHOLD, threshold);
            }
            String label = MeasurementSettings.onsetRule(props, "any");
            int total = 0;
            double totalHours = 0;
            for (Map.Entry<String, List<FeaturesRun.Chunk>> room : features.entrySet()) {
                Path dir = Files.createTempDirectory("false-alarms");
                List<CryEvent> starts;
                try (InferenceDriver driver = new InferenceDriver(props, dir, FeaturesRun.T0)) {
                    starts = driver.feed(room.getValue()).stream().filter(e -> e.getEventType() == CryEventType.CRY_STARTED).toList();
                } finally {
                    FeaturesRun.deleteRecursively(dir);
                }
                double hours = hoursByFolder.get(room.getKey());
                total += starts.size();
                totalHours += hours;
                System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %s | %d | %.0f |%n", room.getKey(), byFolder.get(room.getKey()).size(),
                        hours * 60, label, starts.size(), starts.size() / hours);
            }
            System.out.printf(Locale.ROOT, "| **all** | %d | %.1f | %s | %d | %.1f |%n", byFolder.values().stream().mapToInt(List::size).sum(),
                    totalHours * 60, label, total, total / totalHours);
        }
    }

    /** The recordings at the pipeline rate, end to end, padded to whole chunks. */
    private static float[] joined(ManifestClipLibrary library, List<ClipEntry> recordings) throws IOException {
        List<float[]> parts = new ArrayList<>();
        int length = 0;
        for (ClipEntry recording : recordings) {
            float[] samples = library.load(recording, TestScenes.RATE);
            parts.add(samples);
            length += samples.length;
        }
        int chunks = (length + FeaturesRun.CHUNK_SAMPLES - 1) / FeaturesRun.CHUNK_SAMPLES;
        float[] joined = new float[chunks * FeaturesRun.CHUNK_SAMPLES];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }
}
