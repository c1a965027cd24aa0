package io.cryflow.inference.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.wav.WavWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleRendererTest {

    private static final int RATE = 16_000;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeClips() throws Exception {
        WavWriter.writePcm16Mono(dir.resolve("tone.wav"), tone(1000, 0.25, RATE), RATE);
        WavWriter.writePcm16Mono(dir.resolve("high.wav"), tone(6000, 0.25, RATE), RATE);
        WavWriter.writePcm16Mono(dir.resolve("noise.wav"), noise(0.5, 0.05, RATE), RATE);
        WavWriter.writePcm16Mono(dir.resolve("tone8k.wav"), tone(1000, 0.25, 8000), 8000);
    }

    private static float[] tone(double hz, double seconds, int rate) {
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    private static float[] noise(double seconds, double rms, int rate) {
        java.util.Random random = new java.util.Random(3);
        float[] x = new float[(int) (seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (rms * random.nextGaussian());
        }
        return x;
    }

    private static ExampleRecipe recipe(List<String> files, String background, double snr, double gain,
            boolean roundTrip, double minSeconds, double offset) {
        return new ExampleRecipe("x", files, background, snr, gain, roundTrip, minSeconds, offset, 0.0, Map.of());
    }

    private static double meanSquare(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return sum / (to - from);
    }

    @Test
    void mixesTheForegroundAtTheRequestedSnr() throws Exception {
        ExampleRenderer renderer = new ExampleRenderer(dir, RATE);
        float[] background = renderer.render(recipe(List.of("noise.wav"), "", 0, 0, false, 0, 0));
        float[] mix = renderer.render(recipe(List.of("tone.wav"), "noise.wav", 6.0, 0, false, 0, 0));
        assertEquals(RATE / 4, mix.length);
        float[] foreground = new float[mix.length];
        for (int i = 0; i < mix.length; i++) {
            foreground[i] = mix[i] - background[i];
        }
        double snr = 10 * Math.log10(meanSquare(foreground, 0, mix.length) / meanSquare(background, 0, mix.length));
        assertEquals(6.0, snr, 0.05);
    }

    @Test
    void concatenatesPadsAndPlacesTheForeground() throws Exception {
        ExampleRenderer renderer = new ExampleRenderer(dir, RATE);
        float[] x = renderer.render(recipe(List.of("tone.wav", "tone8k.wav"), "", 0, 0, false, 1.0, 0.2));
        assertEquals(RATE, x.length); // 0.2 s offset + 2 x 0.25 s, padded to 1 s
        assertEquals(0.0, meanSquare(x, 0, (int) (0.2 * RATE)), 0.0);
        assertEquals(0.125, meanSquare(x, (int) (0.2 * RATE), (int) (0.45 * RATE)), 0.002); // 0.5 amplitude sine
        assertTrue(meanSquare(x, (int) (0.46 * RATE), (int) (0.69 * RATE)) > 0.1, "the 8 kHz clip, resampled, follows");
        assertEquals(0.0, meanSquare(x, (int) (0.71 * RATE), RATE), 0.0);
    }

    @Test
    void gainIsAppliedAndPeaksAreLimited() throws Exception {
        ExampleRenderer renderer = new ExampleRenderer(dir, RATE);
        float[] quieter = renderer.render(recipe(List.of("tone.wav"), "", 0, -20, false, 0, 0));
        assertEquals(0.05, peak(quieter), 1e-3);
        float[] louder = renderer.render(recipe(List.of("tone.wav"), "", 0, 12, false, 0, 0));
        assertEquals(ExampleRenderer.MAX_PEAK, peak(louder), 1e-3);
    }

    @Test
    void theRoundTripRemovesWhatAnEightKilohertzPathCannotCarry() throws Exception {
        ExampleRenderer renderer = new ExampleRenderer(dir, RATE);
        float[] high = renderer.render(recipe(List.of("high.wav"), "", 0, 0, true, 0, 0));
        float[] low = renderer.render(recipe(List.of("tone.wav"), "", 0, 0, true, 0, 0));
        int from = RATE / 20;
        int to = high.length - RATE / 20; // away from the edges the kernels smear
        assertTrue(meanSquare(high, from, to) < 1e-8, "6 kHz after the round trip: " + meanSquare(high, from, to));
        assertEquals(0.125, meanSquare(low, from, to), 0.002);
    }

    @Test
    void theOutputIsSixteenBitPcm() throws Exception {
        float[] x = new ExampleRenderer(dir, RATE).render(recipe(List.of("tone.wav"), "noise.wav", 3, -7, true, 0, 0));
        for (float v : x) {
            assertEquals(Math.rint(v * 32768.0), v * 32768.0, 0.0);
        }
    }

    private static double peak(float[] x) {
        double peak = 0;
        for (float v : x) {
            peak = Math.max(peak, Math.abs(v));
        }
        return peak;
    }
}
