package io.cryflow.dsp.detect;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryflow.dsp.spectral.PaddingMode;
import io.cryflow.dsp.testdata.Pcm16Wav;
import io.cryflow.dsp.testdata.ReferenceVectors;
import io.cryflow.dsp.testdata.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** End to end against the reference pre-filter outputs: energy and smoothing within float tolerance, masks and seconds exact. */
class ReferenceCryPreFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"cry", "tap", "laugh"})
    void fiveSecondClipsMatchTheReference(String name) {
        ReferenceVectors ref = ReferenceVectors.require();
        double[] input = ref.vector("B_" + name + "_input_22k");
        assertMatches(ref, name, new ReferenceCryPreFilter(ReferencePreFilterConfig.YAO).run(input));
    }

    @Test
    void roomSceneMatchesTheReferenceWithReflectPadding() throws IOException {
        ReferenceVectors ref = ReferenceVectors.require();
        Pcm16Wav wav = Pcm16Wav.read(ref.path("scene120_22k.wav"));
        assertEquals(22050, wav.sampleRate);
        PreFilterResult result = new ReferenceCryPreFilter(ReferencePreFilterConfig.YAO).run(wav.samples);
        assertMatches(ref, "scene120", result);
        // The cries at about 20 s, 50 s and 95 s are flagged; the 2 s laugh at 75 s also passes the energy gate.
        assertEquals(List.of(new SecondRun(17, 30), new SecondRun(47, 67), new SecondRun(73, 80), new SecondRun(93, 105)), result.runs());
    }

    @Test
    void roomSceneMatchesTheReferenceWithConstantPadding() throws IOException {
        ReferenceVectors ref = ReferenceVectors.require();
        Pcm16Wav wav = Pcm16Wav.read(ref.path("scene120_22k.wav"));
        ReferencePreFilterConfig config = ReferencePreFilterConfig.YAO.withPadding(PaddingMode.CONSTANT);
        assertMatches(ref, "scene120_constantpad", new ReferenceCryPreFilter(config).run(wav.samples));
    }

    @Test
    void melPowerMatchesLibrosaWithReflectPadding() {
        ReferenceVectors ref = ReferenceVectors.require();
        double[][] mel = new ReferenceCryPreFilter(ReferencePreFilterConfig.YAO).melPower(ref.vector("B_cry_input_22k"));
        Tolerances.assertPowerClose("cry mel", ReferenceVectors.transpose(ref.matrix("B_cry_mel")), mel, 1e-3, 1e-6);
    }

    @Test
    void shortSignalsUseTheWholeSignalCubicFallback() {
        // 100 frames (< 121) of a loud tone: the fallback smoother still runs, and 4 s is too short to be an event.
        double[] tone = new double[882 * 99];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = 0.5 * Math.sin(2 * Math.PI * 1000 * i / 22050.0);
        }
        PreFilterResult result = new ReferenceCryPreFilter(ReferencePreFilterConfig.YAO).run(tone);
        assertEquals(100, result.smoothed().length);
        for (boolean b : result.thresholdMask()) {
            assertEquals(true, b);
        }
        for (boolean b : result.finalMask()) {
            assertEquals(false, b);
        }
        assertThrows(IllegalArgumentException.class, () -> new ReferenceCryPreFilter(ReferencePreFilterConfig.YAO).run(new double[882 * 2]));
    }

    private static void assertMatches(ReferenceVectors ref, String name, PreFilterResult result) {
        String prefix = "B_" + name + "_";
        Tolerances.assertPowerClose(name + " energy", ref.vector(prefix + "energy"), result.energy(), 1e-3, 1e-6);
        Tolerances.assertPowerClose(name + " smoothed", ref.vector(prefix + "smoothed"), result.smoothed(), 1e-3, 1e-6);
        assertArrayEquals(ref.mask(prefix + "mask_threshold"), result.thresholdMask(), name + " threshold mask");
        assertArrayEquals(ref.mask(prefix + "mask_combined"), result.combinedMask(), name + " combined mask");
        assertArrayEquals(ref.mask(prefix + "mask_final"), result.finalMask(), name + " final mask");

        JsonNode seconds = ref.manifest().path("files").path(prefix + "seconds");
        JsonNode perSecond = seconds.path("per_second");
        boolean[] expected = new boolean[perSecond.size()];
        for (int k = 0; k < expected.length; k++) {
            expected[k] = perSecond.get(k).asInt() == 1;
        }
        assertArrayEquals(expected, result.perSecond(), name + " per-second output");
        List<SecondRun> runs = new ArrayList<>();
        for (JsonNode run : seconds.path("runs")) {
            runs.add(new SecondRun(run.get(0).asInt(), run.get(1).asInt()));
        }
        assertEquals(runs, result.runs(), name + " runs");
    }
}
