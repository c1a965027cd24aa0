package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.ClipEntry;
import io.cryflow.ingest.wav.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cryflow detect} and {@code ./cryflow classify} as a user runs them, with the bundled models. */
class OfflineCommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A bundled cry over quiet noise, 8 s in, in a 30 s file. */
    private static Path cryRecording(Path dir) throws Exception {
        float[] cry = new BundledClipLibrary().load(new ClipEntry("cry_hungry.wav", "hungry"), 16_000);
        float[] audio = new float[30 * 16_000];
        Random random = new Random(1);
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.003 * random.nextGaussian());
        }
        for (int i = 0; i < cry.length; i++) {
            audio[8 * 16_000 + i] += 0.5f * cry[i];
        }
        Path file = dir.resolve("room.wav");
        WavWriter.writePcm16Mono(file, audio, 16_000);
        return file;
    }

    private static List<JsonNode> lines(String out) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                nodes.add(JSON.readTree(line));
            }
        }
        return nodes;
    }

    @Test
    void detectPrintsOneJsonLinePerEpisodeAndNamesABadFileWithoutStopping(@TempDir Path dir) throws Exception {
        Path recording = cryRecording(dir);
        Path bad = Files.writeString(dir.resolve("notes.wav"), "text, not audio");
        CliRun run = CliRun.of("detect", bad.toString(), recording.toString());
        assertEquals(1, run.exitCode(), "one file failed: " + run.err());
        assertTrue(run.err().startsWith("cryflow detect: ") && run.err().contains("notes.wav"), run.err());
        List<JsonNode> episodes = lines(run.out());
        assertEquals(1, episodes.size(), "one cry, one episode: " + run.out());
        for (JsonNode episode : episodes) {
            List<String> fields = new ArrayList<>();
            episode.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("file", "start_s", "end_s", "confidence", "cause", "cause_probabilities"), fields);
            assertEquals(recording.toString(), episode.get("file").asText());
            assertTrue(episode.get("end_s").asDouble() > episode.get("start_s").asDouble());
            assertTrue(episode.get("start_s").asDouble() >= 6 && episode.get("start_s").asDouble() <= 12, run.out());
        }
        System.out.println("detect: " + run.out());
    }

    @Test
    void classifyPrintsOneJsonLinePerFile(@TempDir Path dir) throws Exception {
        Path recording = cryRecording(dir);
        CliRun run = CliRun.of("classify", recording.toString(), recording.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> verdicts = lines(run.out());
        assertEquals(2, verdicts.size());
        assertEquals(verdicts.get(0), verdicts.get(1), "deterministic");
        JsonNode verdict = verdicts.get(0);
        double p = verdict.get("cry_probability").asDouble();
        assertTrue(p >= 0 && p <= 1);
        assertTrue(verdict.get("cry").isBoolean(), "the shipped decision is printed: " + verdict);
        assertTrue(verdict.get("cry").asBoolean(), "the bundled cry recording is judged a cry: " + verdict);
        assertEquals(5, verdict.get("cause_probabilities").size());
        System.out.println("classify: " + run.out());
    }
}
