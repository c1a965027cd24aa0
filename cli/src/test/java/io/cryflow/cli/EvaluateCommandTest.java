package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryflow.inference.evaluation.ManifestRow;
import io.cryflow.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cryflow evaluate} as a user runs it, with the bundled models. */
class EvaluateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void reportsRealNumbersOnASmallSceneSetFromTheSharedData(@TempDir Path dir) throws Exception {
        Path data = SharedData.resolve("data/manifest.csv").getParent();
        Path json = dir.resolve("report.json");
        Path scenes = dir.resolve("scenes");
        CliRun run = CliRun.of("evaluate", "--data", data.toString(), "--scenes", "3", "--duration", "60", "--seed", "5",
                "--resamples", "200", "--out", scenes.toString(), "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        System.out.println(run.out());
        assertTrue(run.out().contains("3 scenes x 60 s = 0.05 h, seed 5"), run.out());
        for (String line : List.of("LOW ", "NORMAL ", "HIGH ", "targets (", "false alarms by class")) {
            assertTrue(run.out().contains(line), "the table has '" + line + "': " + run.out());
        }
        assertEquals(3, run.err().lines().filter(l -> l.startsWith("scene-")).count(), "a progress line per scene: " + run.err());

        JsonNode report = JSON.readTree(json.toFile());
        JsonNode header = report.get("header");
        assertEquals(3, header.get("scenes").asInt());
        assertEquals(0.05, header.get("hours").asDouble(), 1e-9);
        assertTrue(header.get("models").asText().startsWith("cry-detector@"), header.toString());
        assertTrue(header.get("clips_used").get("cry").get("files").asInt() > 0);
        assertTrue(header.get("clips_skipped").get("train").get("files").asInt() > 0, "train groups left out");
        int bouts = header.get("bouts").asInt();
        assertTrue(bouts > 0, "seed 5 places bouts: " + header);
        assertEquals(3, report.get("sensitivities").size());
        int detectedLow = -1;
        for (JsonNode s : report.get("sensitivities")) {
            assertEquals(bouts, s.get("bouts").asInt());
            double recall = s.get("recall").asDouble();
            assertTrue(recall >= 0 && recall <= 1, s.toString());
            assertEquals((double) s.get("bouts_detected").asInt() / bouts, recall, 1e-9);
            assertTrue(s.get("false_alarms_per_hour").asDouble() >= 0);
            assertEquals(s.get("false_alarms").asInt() / 0.05, s.get("false_alarms_per_hour").asDouble(), 1e-6);
            int byClass = 0;
            for (JsonNode c : s.get("false_alarms_by_class")) {
                byClass += c.get("false_alarms").asInt();
            }
            assertEquals(s.get("false_alarms").asInt(), byClass, "every false alarm attributed to one class");
            if (detectedLow >= 0) {
                assertTrue(s.get("bouts_detected").asInt() >= detectedLow, "higher sensitivity finds no fewer bouts");
            }
            detectedLow = s.get("bouts_detected").asInt();
        }
        for (int i = 1; i <= 3; i++) {
            String stem = String.format("scene-%03d", i);
            assertTrue(Files.size(scenes.resolve(stem + ".wav")) > 60 * 16_000 * 2, "the scene's WAV is kept");
            assertTrue(Files.exists(scenes.resolve(stem + ".cries.csv")) && Files.exists(scenes.resolve(stem + ".events.csv")));
            List<String> scores = Files.readAllLines(scenes.resolve(stem + ".scores.csv"));
            assertEquals("start_s,end_s,cry_probability", scores.get(0));
            // 2 s windows every 0.5 s over 60 s: 116, as the first frame needs 25 ms (58-60 s lacks it).
            assertEquals(1 + 116, scores.size(), "one line per window");
            assertEquals("0.500,2.500", scores.get(2).substring(0, 11));
            assertTrue(scores.stream().skip(1).map(l -> l.split(",", -1)[2])
                    .allMatch(p -> p.isEmpty() || (Double.parseDouble(p) >= 0 && Double.parseDouble(p) <= 1)), "probabilities");
        }
    }

    @Test
    void theConfigsEpisodeKeysApplyAsForDetect(@TempDir Path dir) throws Exception {
        Path data = SharedData.resolve("data/manifest.csv").getParent();
        Properties config = new Properties();
        config.setProperty("cryflow.inference.episode.on.threshold", "0.8");
        config.setProperty("cryflow.inference.episode.on.windows", "2");
        CommandLine cli = Cryflow.commandLine(new ConfigDefaults(Map.of(), config));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        Path json = dir.resolve("report.json");
        assertEquals(0, cli.execute("evaluate", "--data", data.toString(), "--scenes", "1", "--duration", "30",
                "--resamples", "10", "--json", json.toString()));
        JsonNode sensitivities = JSON.readTree(json.toFile()).get("sensitivities");
        assertEquals(0.8, sensitivities.get(1).get("on_threshold").asDouble(), 1e-9, "NORMAL: the configured rule");
        assertEquals(2, sensitivities.get(1).get("on_windows").asInt());
        assertEquals(0.95, sensitivities.get(0).get("on_threshold").asDouble(), 1e-9, "LOW: 1.3 x 0.8, at most 0.95");
        assertEquals(3, sensitivities.get(0).get("on_windows").asInt());
        assertEquals(0.56, sensitivities.get(2).get("on_threshold").asDouble(), 1e-9, "HIGH: 0.7 x 0.8");
    }

    @Test
    void aMalformedManifestOrSplitExitsWithCodeTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("manifest.csv"), ManifestRow.HEADER + "\na.wav,cry,,g,src,lic,16000,7.0\nb.wav,maybe,,g,src,lic,16000,7.0\n");
        CliRun badManifest = CliRun.of("evaluate", "--data", data.toString(), "--scenes", "1");
        assertEquals(2, badManifest.exitCode(), badManifest.err());
        assertTrue(badManifest.err().startsWith("cryflow evaluate: " + data.resolve("manifest.csv") + ":3: unknown label 'maybe'"),
                badManifest.err());

        Path split = Files.writeString(dir.resolve("split.json"), "{\"seed\": 1,\n \"groups\": {\"g\": 1}}");
        CliRun badSplit = CliRun.of("evaluate", "--data", data.toString(), "--split", split.toString());
        assertEquals(2, badSplit.exitCode(), badSplit.err());
        assertTrue(badSplit.err().startsWith("cryflow evaluate: " + split + ":2: group g is assigned 1"), badSplit.err());
    }
}
