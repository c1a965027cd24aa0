package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.ClipEntry;
import io.cryflow.ingest.wav.WavWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./cryflow export-tensors} then {@code ./cryflow score-tensors}, as training uses them, in-process. */
class TensorCommandsTest {

    @TempDir
    Path dir;

    @Test
    void scoresEveryExportedWindowOfABundledCry() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        WavWriter.writePcm16Mono(data.resolve("cry.wav"),
                new BundledClipLibrary().load(new ClipEntry("cry_hungry.wav", "hungry"), 16_000), 16_000);
        Path plan = Files.writeString(dir.resolve("plan.csv"),
                "id,files,background,snr_db,gain_db,roundtrip_8k,min_seconds,offset_s,bg_offset_s,label\n"
                        + "cry#clean,cry.wav,,,0,0,0,0,0,cry\n");
        CliRun export = CliRun.of("export-tensors", "--plan", plan.toString(), "--data-dir", data.toString(),
                "--out", dir.resolve("tensors").toString());
        assertEquals(0, export.exitCode(), export.out() + export.err());
        List<String> index = Files.readAllLines(dir.resolve("tensors/index.csv"));

        Path scores = dir.resolve("scores.csv");
        CliRun score = CliRun.of("score-tensors", "--tensors", dir.resolve("tensors").toString(), "--out",
                scores.toString());
        assertEquals(0, score.exitCode(), score.out() + score.err());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("row,cry_probability", lines.get(0));
        assertEquals(index.size(), lines.size(), "a score per index row");
        assertTrue(index.size() > 3, "the clip gives several windows: " + index.size());
        double highest = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = lines.get(i).split(",");
            assertEquals(Integer.toString(i - 1), fields[0]);
            double probability = Double.parseDouble(fields[1]);
            assertTrue(probability >= 0 && probability <= 1, lines.get(i));
            highest = Math.max(highest, probability);
        }
        // the clean bundled "hungry" cry is one the shipped detector reports (OfflineCommandsTest)
        assertTrue(highest > 0.7, "highest window " + highest);
        assertTrue(score.out().contains("score-tensors: " + (index.size() - 1) + " windows"), score.out());
    }

    @Test
    void aFolderWithoutTensorsFailsWithItsName() {
        Path missing = dir.resolve("nothing-here");
        CliRun run = CliRun.of("score-tensors", "--tensors", missing.toString(), "--out", dir.resolve("s.csv").toString());
        assertTrue(run.exitCode() != 0);
        assertTrue((run.out() + run.err()).contains(missing.toString()), run.out() + run.err());
    }
}
