package io.cryflow.dsp.filter;

import io.cryflow.dsp.testdata.ReferenceVectors;
import io.cryflow.dsp.testdata.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SosFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"sweep", "noise", "cry", "tap", "laugh"})
    void matchesSosfiltAt16k(String name) {
        ReferenceVectors ref = ReferenceVectors.require();
        float[] input = ref.floats("A_" + name + "_input_16k");
        double[] expected = ref.vector("A_" + name + "_hp_16k");
        SosFilter filter = new SosFilter(ButterworthDesign.highPass(10, 350, 16000));
        float[] out = new float[input.length];
        filter.process(input, 0, out, 0, input.length);
        double worst = Tolerances.maxAbsDiff(expected, widen(out));
        assertTrue(worst < 1e-5, "max abs difference " + worst);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cry", "tap", "laugh"})
    void matchesSosfiltAt22k(String name) {
        ReferenceVectors ref = ReferenceVectors.require();
        double[] input = ref.vector("B_" + name + "_input_22k");
        double[] expected = ref.vector("B_" + name + "_hp");
        double[] out = new SosFilter(ButterworthDesign.highPass(10, 350, 22050)).process(input);
        double worst = Tolerances.maxAbsDiff(expected, out);
        assertTrue(worst < 1e-5, "max abs difference " + worst);
    }

    @Test
    void chunksAndSavedStateContinueTheSignalExactly() {
        SosCoefficients sos = ButterworthDesign.highPass(10, 350, 16000);
        float[] signal = new float[20000];
        Random random = new Random(7);
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) (random.nextGaussian() * 0.1 + 0.3 * Math.sin(i * 0.05));
        }
        float[] whole = new float[signal.length];
        new SosFilter(sos).process(signal, 0, whole, 0, signal.length);

        float[] chunked = new float[signal.length];
        SosFilter filter = new SosFilter(sos);
        int pos = 0;
        while (pos < signal.length) {
            int length = Math.min(1 + random.nextInt(700), signal.length - pos);
            filter.process(signal, pos, chunked, pos, length);
            pos += length;
            if (random.nextInt(4) == 0) {
                // Move the stream to a fresh instance through its serialised state.
                ByteBuffer state = ByteBuffer.allocate(filter.stateBytes());
                filter.writeState(state);
                filter = new SosFilter(sos);
                filter.readState(state.flip());
            }
        }
        assertArrayEquals(whole, chunked);
    }

    private static double[] widen(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
