package io.cryflow.inference.app;

import io.cryflow.inference.scoring.WindowScorer;
import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.ClipLibrary;
import io.cryflow.ingest.scene.ManifestClipLibrary;
import io.cryflow.ingest.scene.CryEpisode;
import io.cryflow.ingest.scene.SceneRooms;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.testkit.SharedData;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a check (so it runs only when asked, {@code -Dcryflow.sweep=12} for 12 scenes): measures episode-level detection on generated scenes (seeds other than the broker
 * test's) for several tracker on-thresholds and quiet strides, through the real features and inference topologies,
 * including how long after a cry began it was reported (capture time). It chose the shipped defaults of
 * {@link InferenceConfig#ON_THRESHOLD} and {@link InferenceConfig#QUIET_STRIDE}:
 * {@code mvn -pl inference -am test -Dtest=EpisodeThresholdSweep -Dsurefire.failIfNoSpecifiedTests=false -Dcryflow.sweep=12}
 * (optionally {@code -Dcryflow.sweep.thresholds=model,0.5,0.7 -Dcryflow.sweep.strides=1,2,3}, and
 * {@code -Dcryflow.sweep.clips=shared} for scenes mixed from {@code ../shared/data} instead of the bundled samples,
 * and {@code -Dcryflow.inference.model.detector.path=FILE} for a candidate detector instead of the bundled one);
 * prints a markdown table.
 */
@EnabledIfSystemProperty(named = "cryflow.sweep", matches = "\\d+")
class EpisodeThresholdSweep {

    @Test
    void sweep() throws Exception {
        int scenes = Integer.parseInt(System.getProperty("cryflow.sweep"));
        String thresholds = System.getProperty("cryflow.sweep.thresholds", "model,0.3,0.5,0.7,0.9");
        String strides = System.getProperty("cryflow.sweep.strides", String.valueOf(InferenceConfig.DEFAULT_QUIET_STRIDE));
        SceneSpec spec = SceneSpec.defaults().withCryCount(2).withSnrDb(0, 20).withMaxCrySeconds(6).withMinGapSeconds(9)
                .withSeed(1000);
        // bundled: the five shipped sample cries over household sounds; shared: every cry and background of
        // ../shared/data (the detector trained on about four fifths of them).
        ClipLibrary clips = System.getProperty("cryflow.sweep.clips", "bundled").equals("shared")
                ? ManifestClipLibrary.open(SharedData.resolve("data")) : new BundledClipLibrary();
        List<SceneRoom> rooms = SceneRooms.generate(clips, spec, scenes, "sweep");
        List<List<FeaturesRun.Chunk>> features = new ArrayList<>();
        for (SceneRoom room : rooms) {
            features.add(FeaturesRun.of(room.roomId(), room.scene().samples()));
        }
        System.out.println("App settings besides the table's: " + MeasurementSettings.inferenceOverrides());
        System.out.println("| quiet stride | onset (on threshold x windows) | cries | reported within -1.0/+1.5 s | started later during the cry "
                + "| episodes without a cry | per hour | cries reported at all | first report after the cry began p50 / p90 / max "
                + "| windows the detector ran on |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.globalRegistry.add(meters);
        List<String[]> settings = new ArrayList<>();
        for (String stride : strides.split(",")) {
            for (String threshold : thresholds.split(",")) {
                settings.add(new String[] {stride, threshold});
            }
        }
        for (String[] setting : settings) {
            String stride = setting[0];
            String threshold = setting[1];
            int cries = 0;
            int found = 0;
            int falseEpisodes = 0;
            int late = 0;
            int reported = 0;
            double scoredBefore = scoredWindows(meters);
            List<Double> errors = new ArrayList<>();
            List<Double> reportedAfter = new ArrayList<>();
            Properties props = MeasurementSettings.inferenceOverrides();
            props.setProperty(InferenceConfig.QUIET_STRIDE, stride);
            if (!threshold.equals("model")) {
                props.setProperty(InferenceConfig.ON_THRESHOLD, threshold);
            }
            for (int r = 0; r < rooms.size(); r++) {
                Path dir = Files.createTempDirectory("sweep");
                List<CryEvent> starts;
                try (InferenceDriver driver = new InferenceDriver(props, dir, FeaturesRun.T0)) {
                    starts = driver.feed(features.get(r)).stream().filter(e -> e.getEventType() == CryEventType.CRY_STARTED).toList();
                } finally {
                    FeaturesRun.deleteRecursively(dir);
                }
                List<CryEvent> unmatched = new ArrayList<>(starts);
                for (CryEpisode cry : rooms.get(r).scene().episodes()) {
                    cries++;
                    // Reported at all: an episode starting from 1 s before the cry to its end. When: its emission,
                    // as the driver's wall clock is the capture time of the end of the chunk being processed.
                    double first = Double.POSITIVE_INFINITY;
                    for (CryEvent start : starts) {
                        double s = seconds(start.getEpisodeStartMicros());
                        if (s >= cry.startSeconds() - 1.0 && s <= cry.endSeconds()) {
                            first = Math.min(first, s + start.getDetectionDelayMillis() / 1000.0);
                        }
                    }
                    if (first < Double.POSITIVE_INFINITY) {
                        reported++;
                        reportedAfter.add(first - cry.startSeconds());
                    }
                    CryEvent match = null;
                    for (CryEvent start : unmatched) {
                        double s = seconds(start.getEpisodeStartMicros());
                        if (s >= cry.startSeconds() - 1.0 && s <= cry.startSeconds() + 1.5) {
                            match = start;
                        }
                    }
                    if (match != null) {
                        found++;
                        errors.add(seconds(match.getEpisodeStartMicros()) - cry.startSeconds());
                        unmatched.remove(match);
                    }
                }
                for (CryEvent start : unmatched) {
                    double s = seconds(start.getEpisodeStartMicros());
                    boolean duringCry = rooms.get(r).scene().episodes().stream()
                            .anyMatch(c -> s >= c.startSeconds() && s <= c.endSeconds());
                    if (duringCry) {
                        late++;
                        rooms.get(r).scene().episodes().stream().filter(c -> s >= c.startSeconds() && s <= c.endSeconds())
                                .forEach(c -> errors.add(s - c.startSeconds()));
                    } else {
                        falseEpisodes++;
                    }
                }
            }
            double hours = rooms.size() * spec.durationSeconds() / 3600;
            errors.sort(Double::compare);
            reportedAfter.sort(Double::compare);
            System.out.println("onset errors (s) at " + threshold + ": " + errors.stream()
                    .map(e -> String.format(Locale.ROOT, "%.1f", e)).toList());
            System.out.printf(Locale.ROOT, "| %s | %s | %d | %d (%.0f %%) | %d | %d | %.0f | %d (%.0f %%) | %.1f / %.1f / %.1f s | %.0f |%n", stride,
                    MeasurementSettings.onsetRule(props, "any"), cries, found, 100.0 * found / cries,
                    late, falseEpisodes, falseEpisodes / hours, reported, 100.0 * reported / cries, quantile(reportedAfter, 0.5), quantile(reportedAfter, 0.9),
                    quantile(reportedAfter, 1.0), scoredWindows(meters) - scoredBefore);
        }
        Metrics.globalRegistry.remove(meters);
    }

    private static double scoredWindows(SimpleMeterRegistry meters) {
        Counter counter = meters.find(WindowScorer.WINDOWS_COUNTER).tag("scored", "true").counter();
        return counter == null ? 0 : counter.count();
    }

    private static double quantile(List<Double> sorted, double q) {
        return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1));
    }

    private static double seconds(Instant captureTime) {
        return ChronoUnit.MICROS.between(FeaturesRun.T0, captureTime) / 1e6;
    }
}
