package io.cryflow.dsp.filter;

import io.cryflow.dsp.testdata.ReferenceVectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ButterworthDesignTest {

    @ParameterizedTest
    @CsvSource({"A_sos_16k, 16000", "B_sos_22k, 22050"})
    void matchesScipyButterSos(String reference, int sampleRate) {
        double[][] expected = ReferenceVectors.require().matrix(reference);
        SosCoefficients sos = ButterworthDesign.highPass(10, 350, sampleRate);
        assertEquals(expected.length, sos.sectionCount());
        for (int s = 0; s < expected.length; s++) {
            for (int c = 0; c < 6; c++) {
                double ref = expected[s][c];
                // The reference is float32: allow its rounding, relative to the coefficient.
                assertEquals(ref, sos.coefficient(s, c), 2e-7 * Math.abs(ref) + 1e-12, "section " + s + " coefficient " + c);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"10, 350, 16000", "10, 350, 22050", "4, 1000, 44100", "8, 350, 48000", "2, 100, 8000"})
    void isButterworthAtAnyRate(int order, double cutoff, double sampleRate) {
        SosCoefficients sos = ButterworthDesign.highPass(order, cutoff, sampleRate);
        assertEquals(order / 2, sos.sectionCount());
        assertEquals(1.0, magnitude(sos, sampleRate / 2, sampleRate), 1e-9, "unity gain at Nyquist");
        assertEquals(Math.sqrt(0.5), magnitude(sos, cutoff, sampleRate), 1e-9, "-3 dB at the cutoff");
        // Maximally flat: an order-N high-pass falls 6N dB per octave well below the cutoff.
        double octaveBelow = magnitude(sos, cutoff / 8, sampleRate) / magnitude(sos, cutoff / 16, sampleRate);
        assertEquals(Math.pow(2, order), octaveBelow, 0.05 * Math.pow(2, order));
    }

    @Test
    void rejectsOddOrderAndCutoffOutsideBand() {
        assertThrows(IllegalArgumentException.class, () -> ButterworthDesign.highPass(5, 350, 16000));
        assertThrows(IllegalArgumentException.class, () -> ButterworthDesign.highPass(10, 8000, 16000));
        assertThrows(IllegalArgumentException.class, () -> ButterworthDesign.highPass(10, 0, 16000));
    }

    /** |H(e^{jw})| of the cascade. */
    private static double magnitude(SosCoefficients sos, double hz, double sampleRate) {
        double w = 2 * Math.PI * hz / sampleRate;
        double gain = 1.0;
        for (int s = 0; s < sos.sectionCount(); s++) {
            gain *= Math.hypot(re(sos, s, 0, w), im(sos, s, 0, w)) / Math.hypot(re(sos, s, 3, w), im(sos, s, 3, w));
        }
        return gain;
    }

    private static double re(SosCoefficients sos, int s, int first, double w) {
        return sos.coefficient(s, first) + sos.coefficient(s, first + 1) * Math.cos(w) + sos.coefficient(s, first + 2) * Math.cos(2 * w);
    }

    private static double im(SosCoefficients sos, int s, int first, double w) {
        return -sos.coefficient(s, first + 1) * Math.sin(w) - sos.coefficient(s, first + 2) * Math.sin(2 * w);
    }
}
