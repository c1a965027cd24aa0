package io.cryflow.dsp.mel;

import io.cryflow.dsp.testdata.ReferenceVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MelFilterBankTest {

    @ParameterizedTest
    @CsvSource({"A_melfb_16k_512_64, 16000, 512, 64, 8000", "B_melfb_22k_1764_128, 22050, 1764, 128, 11025"})
    void matchesLibrosaSlaneyFilters(String reference, int sampleRate, int nFft, int mels, double fmax) {
        double[][] expected = ReferenceVectors.require().matrix(reference);
        MelFilterBank bank = MelFilterBank.slaney(sampleRate, nFft, mels, 0, fmax);
        assertEquals(expected.length, bank.melCount());
        assertEquals(expected[0].length, bank.binCount());
        double max = 0;
        for (double[] row : expected) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        for (int m = 0; m < mels; m++) {
            for (int k = 0; k < bank.binCount(); k++) {
                assertEquals(expected[m][k], bank.weight(m, k), 1e-6 * Math.abs(expected[m][k]) + 1e-7 * max, "band " + m + ", bin " + k);
            }
        }
    }

    @Test
    void sparseProjectionEqualsDenseProduct() {
        MelFilterBank bank = MelFilterBank.slaney(16000, 512, 64, 0, 8000);
        double[] power = new double[bank.binCount()];
        Random random = new Random(3);
        for (int k = 0; k < power.length; k++) {
            power[k] = random.nextDouble();
        }
        double[] mel = new double[bank.melCount()];
        bank.apply(power, mel);
        for (int m = 0; m < mel.length; m++) {
            double dense = 0;
            for (int k = 0; k < power.length; k++) {
                dense += bank.weight(m, k) * power[k];
            }
            assertEquals(dense, mel[m], 1e-12 * Math.abs(dense));
            assertTrue(mel[m] > 0, "band " + m + " is empty");
        }
    }

    @Test
    void slaneyScaleIsLinearBelowOneKilohertzAndInvertible() {
        assertEquals(15.0, SlaneyMelScale.hzToMel(1000), 1e-12);
        assertEquals(3.0, SlaneyMelScale.hzToMel(200), 1e-12);
        assertEquals(15.0 + 27.0, SlaneyMelScale.hzToMel(6400), 1e-9);
        for (double hz = 0; hz <= 11025; hz += 137.5) {
            assertEquals(hz, SlaneyMelScale.melToHz(SlaneyMelScale.hzToMel(hz)), 1e-9 * Math.max(1, hz));
        }
    }

    @Test
    void decibelsFloorAtMinus100() {
        assertEquals(-100.0, Decibels.powerToDb(0.0));
        assertEquals(-100.0, Decibels.powerToDb(1e-12));
        assertEquals(0.0, Decibels.powerToDb(1.0));
        assertEquals(30.0, Decibels.powerToDb(1000.0), 1e-12);
    }
}
