package io.cryflow.inference.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.model.NpyFloats;
import io.cryflow.ingest.wav.WavWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorExportTest {

    private static final FeatureConfig FEATURES = FeatureConfig.DEFAULT;
    private static final ModelInputSpec SPEC = ModelInputSpec.allBands(FEATURES.id(), 64, 100, 40);

    @Test
    void writesEveryWindowWithItsIndexRowInPlanOrder(@TempDir Path dir) throws Exception {
        float[] chirp = new float[3 * 16_000];
        for (int i = 0; i < chirp.length; i++) {
            double t = i / 16_000.0;
            chirp[i] = (float) (0.3 * Math.sin(2 * Math.PI * (300 * t + 400 * t * t)));
        }
        WavWriter.writePcm16Mono(dir.resolve("chirp.wav"), chirp, 16_000);
        WavWriter.writePcm16Mono(dir.resolve("short.wav"), java.util.Arrays.copyOf(chirp, 8000), 16_000);
        Path plan = dir.resolve("plan.csv");
        Files.writeString(plan, "id,files,gain_db,label,note\n"
                + "a,chirp.wav,0,cry,\"one, two\"\n"
                + "b,short.wav,0,non_cry,\n"
                + "c,chirp.wav,-6,non_cry,x\n", StandardCharsets.UTF_8);
        List<ExampleRecipe> recipes = TensorExport.readPlan(plan);
        TensorExport export = new TensorExport(dir, FEATURES, SPEC, 2);
        TensorExport.Summary summary = export.export(recipes, dir.resolve("out"));

        // 3 s = (48000 - 512) / 160 + 1 = 297 frames: windows at 0, 40, ... 160 (5); 0.5 s gives none
        assertEquals(new TensorExport.Summary(3, 1, 10), summary);
        NpyFloats tensors = NpyFloats.read(dir.resolve("out/windows.npy"));
        assertArrayEquals(new int[] {10, 100, 64}, tensors.shape());
        List<String> index = Files.readAllLines(dir.resolve("out/index.csv"));
        assertEquals("row,example_id,start_frame,start_s,label,note", index.get(0));
        assertEquals("1,a,40,0.400,cry,\"one, two\"", index.get(2));
        assertEquals("9,c,160,1.600,non_cry,x", index.get(10));
        List<MelWindow> a = export.windows(recipes.get(0));
        assertArrayEquals(a.get(1).values(), tensors.row(1));
        // -6 dB on the same audio: the same shape, 6 dB lower wherever above the floor
        float[] c = tensors.row(6);
        float[] aRow = tensors.row(1);
        assertEquals(aRow[100 * 64 / 2 + 20] - 6.02, c[100 * 64 / 2 + 20], 0.05);
        assertEquals("cryflow.dsp_config_id=" + FEATURES.id(),
                Files.readAllLines(dir.resolve("out/export.properties")).get(0));
    }

    @Test
    void badPlansNameTheLine(@TempDir Path dir) throws Exception {
        Path plan = dir.resolve("plan.csv");
        Files.writeString(plan, "id,files,snr_db\na,x.wav,loud\n", StandardCharsets.UTF_8);
        IOException e = assertThrows(IOException.class, () -> TensorExport.readPlan(plan));
        assertEquals("plan " + plan + " line 2: snr_db is not a number: loud", e.getMessage());
        Files.writeString(plan, "id,path\na,x.wav\n", StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> TensorExport.readPlan(plan));
    }
}
