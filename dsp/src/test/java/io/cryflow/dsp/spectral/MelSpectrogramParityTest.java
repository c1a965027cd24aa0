package io.cryflow.dsp.spectral;

import io.cryflow.dsp.mel.Decibels;
import io.cryflow.dsp.mel.MelFilterBank;
import io.cryflow.dsp.testdata.ReferenceVectors;
import io.cryflow.dsp.testdata.Tolerances;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/** Offline STFT + mel against librosa.feature.melspectrogram, from the reference high-passed signals. */
class MelSpectrogramParityTest {

    private static final double RTOL = 1e-3;
    private static final double ATOL_OF_MAX = 1e-6;

    @ParameterizedTest
    @ValueSource(strings = {"sweep", "noise", "cry", "tap", "laugh"})
    void streamingConfigurationMatchesUncentredAndCentredMel(String name) {
        ReferenceVectors ref = ReferenceVectors.require();
        double[] hp = ref.vector("A_" + name + "_hp_16k");
        OfflineStft stft = new OfflineStft(512, 400, 160);
        MelFilterBank bank = MelFilterBank.slaney(16000, 512, 64, 0, 8000);

        double[][] uncentred = mel(bank, stft.uncentred(hp));
        Tolerances.assertPowerClose(name + " nocenter", ReferenceVectors.transpose(ref.matrix("A_" + name + "_mel_nocenter")), uncentred, RTOL, ATOL_OF_MAX);
        Tolerances.assertPowerClose(name + " center", ReferenceVectors.transpose(ref.matrix("A_" + name + "_mel_center")),
                mel(bank, stft.centred(hp, PaddingMode.CONSTANT)), RTOL, ATOL_OF_MAX);
        assertLogMelClose(name, ReferenceVectors.transpose(ref.matrix("A_" + name + "_logmel_nocenter")), uncentred);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cry", "tap", "laugh"})
    void referencePreFilterMelUsesReflectPadding(String name) {
        ReferenceVectors ref = ReferenceVectors.require();
        double[] hp = ref.vector("B_" + name + "_hp");
        double[][] mel = mel(MelFilterBank.slaney(22050, 1764, 128, 0, 11025), new OfflineStft(1764, 1764, 882).centred(hp, PaddingMode.REFLECT));
        Tolerances.assertPowerClose(name, ReferenceVectors.transpose(ref.matrix("B_" + name + "_mel")), mel, RTOL, ATOL_OF_MAX);
    }

    /** Log-mel within 0.05 dB wherever the reference power lies within 60 dB of its maximum. */
    static void assertLogMelClose(String what, double[][] expectedDb, double[][] power) {
        assertEquals(expectedDb.length, power.length);
        double maxDb = Double.NEGATIVE_INFINITY;
        for (double[] row : expectedDb) {
            for (double v : row) {
                maxDb = Math.max(maxDb, v);
            }
        }
        for (int t = 0; t < power.length; t++) {
            for (int m = 0; m < power[t].length; m++) {
                if (expectedDb[t][m] < maxDb - 60) {
                    continue;
                }
                double db = Decibels.powerToDb(power[t][m]);
                if (Math.abs(db - expectedDb[t][m]) > 0.05) {
                    fail(what + " log-mel at frame " + t + ", band " + m + ": expected " + expectedDb[t][m] + " dB, got " + db);
                }
            }
        }
    }

    private static double[][] mel(MelFilterBank bank, double[][] power) {
        double[][] out = new double[power.length][bank.melCount()];
        for (int t = 0; t < power.length; t++) {
            bank.apply(power[t], out[t]);
        }
        return out;
    }
}
