package io.cryflow.dsp.mel;

/**
 * The Slaney (Auditory Toolbox) mel scale librosa uses when {@code htk=False}: linear below 1 kHz
 * (200/3 Hz per mel), logarithmic above (27 mels per factor 6.4).
 */
public final class SlaneyMelScale {

    private static final double HZ_PER_MEL = 200.0 / 3.0;
    private static final double BREAK_HZ = 1000.0;
    private static final double BREAK_MEL = BREAK_HZ / HZ_PER_MEL;
    private static final double LOG_STEP = Math.log(6.4) / 27.0;

    private SlaneyMelScale() {
    }

    public static double hzToMel(double hz) {
        return hz >= BREAK_HZ ? BREAK_MEL + Math.log(hz / BREAK_HZ) / LOG_STEP : hz / HZ_PER_MEL;
    }

    public static double melToHz(double mel) {
        return mel >= BREAK_MEL ? BREAK_HZ * Math.exp(LOG_STEP * (mel - BREAK_MEL)) : HZ_PER_MEL * mel;
    }
}
