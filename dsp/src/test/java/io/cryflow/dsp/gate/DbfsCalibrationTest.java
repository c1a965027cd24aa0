package io.cryflow.dsp.gate;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.dsp.mel.MelFilterBank;
import io.cryflow.dsp.spectral.Windows;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DbfsCalibrationTest {

    private static final FeatureConfig FEATURES = FeatureConfig.DEFAULT;
    private static final DbfsCalibration CALIBRATION = DbfsCalibration.of(FEATURES);

    /** Mean level of a sine's frames after the high-pass has settled, in dBFS. */
    private static double sineLevel(double hz, double amplitude) {
        float[] x = new float[2 * FEATURES.sampleRate()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / FEATURES.sampleRate()));
        }
        double[] sum = new double[1];
        int[] count = new int[1];
        new StreamingFeatureExtractor(FEATURES).accept(x, (frame, logMel, energy) -> {
            if (frame >= 50) {
                sum[0] += energy;
                count[0]++;
            }
        });
        return CALIBRATION.toDbfs(sum[0] / count[0]);
    }

    @Test
    void fullScaleOneKilohertzSineReadsZeroDbfsAndLevelsScaleWithAmplitude() {
        assertEquals(0.0, sineLevel(1000, 1.0), 0.02);
        assertEquals(-20.0, sineLevel(1000, 0.1), 0.02);
        assertEquals(-60.0, sineLevel(1000, 0.001), 0.05);
    }

    @Test
    void fullScaleEnergyMatchesParsevalThroughTheMelWeightsAtOneKilohertz() {
        // Independent estimate: a tone's one-sided spectral power, sum_k |X_k|^2 ~ (N/2) sum_n w_n^2 A^2/2 (Parseval),
        // lands around bin f*N/fs, where the bank weighs it by the summed weights of the bands covering that bin.
        double[] window = Windows.centredPeriodicHann(FEATURES.winLength(), FEATURES.nFft());
        double windowPower = 0;
        for (double w : window) {
            windowPower += w * w;
        }
        MelFilterBank bank = MelFilterBank.slaney(FEATURES.sampleRate(), FEATURES.nFft(), FEATURES.melCount(), FEATURES.fminHz(), FEATURES.fmaxHz());
        int bin = (int) Math.round(1000.0 * FEATURES.nFft() / FEATURES.sampleRate());
        double weight = 0;
        for (int m = 0; m < bank.melCount(); m++) {
            weight += bank.weight(m, bin);
        }
        double expected = weight * FEATURES.nFft() / 2.0 * windowPower * 0.5;
        assertEquals(0.0, 10 * Math.log10(CALIBRATION.fullScaleEnergy() / expected), 0.5);
    }

    @Test
    void silenceIsFiniteAndConversionsInvert() {
        assertEquals(DbfsCalibration.SILENCE_DBFS, CALIBRATION.toDbfs(0.0));
        assertEquals(-37.5, CALIBRATION.toDbfs(CALIBRATION.toEnergy(-37.5)), 1e-9);
        assertEquals(10.0, DbfsCalibration.ofFullScaleEnergy(2.0).toDbfs(20.0), 1e-12);
    }

    @Test
    void aToneOutsideThePassBandIsRejected() {
        FeatureConfig highPassAboveTone = new FeatureConfig(16000, 512, 400, 160, 64, 0, 8000, 2000, 10);
        assertThrows(IllegalArgumentException.class, () -> DbfsCalibration.of(highPassAboveTone));
        assertThrows(IllegalArgumentException.class, () -> DbfsCalibration.ofFullScaleEnergy(0));
    }
}
