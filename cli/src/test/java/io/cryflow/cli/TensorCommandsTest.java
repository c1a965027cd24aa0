package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.ClipEntry;
import io.cryflow.ingest.wav.WavWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./cryflow export-tensors} then {@code ./cryflow score-tensors}, as training uses them, in-process. */
class TensorCommandsTest {

    @TempDir
    Path dir;

    private int run(StringWriter out, String... args) {
        CommandLine cli = Cryflow.commandLine(new ConfigDefaults(Map.of(), new Properties()));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        return cli.execute(args);
    }

    @Test
    void scoresEveryExportedWindowOfABundledCry() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        WavWriter.writePcm16Mono(data.resolve("cry.wav"),
                new BundledClipLibrary().load(new ClipEntry("cry_hungry.wav", "hungry"), 16_000), 16_000);
        Path plan = Files.writeString(dir.resolve("plan.csv"),
                "id,files,background,snr_db,gain_db,roundtrip_8k,min_seconds,offset_s,bg_offset_s,label\n"
                        + "cry#clean,cry.wav,,,0,0,0,0,0,cry\n");
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "export-tensors", "--plan", plan.toString(), "--data-dir", data.toString(),
                "--out", dir.resolve("tensors").toString()), out.toString());
        List<String> index = Files.readAllLines(dir.resolve("tensors/index.csv"));

        Path scores = dir.resolve("scores.csv");
        assertEquals(0, run(out, "score-tensors", "--tensors", dir.resolve("tensors").toString(), "--out",
                scores.toString()), out.toString());
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
        assertTrue(out.toString().contains("score-tensors: " + (index.size() - 1) + " windows"), out.toString());
    }

    @Test
    void aFolderWithoutTensorsFailsWithItsName() {
        StringWriter out = new StringWriter();
        Path missing = dir.resolve("nothing-here");
        assertTrue(run(out, "score-tensors", "--tensors", missing.toString(), "--out", dir.resolve("s.csv").toString()) != 0);
        assertTrue(out.toString().contains(missing.toString()), out.toString());
    }
}
