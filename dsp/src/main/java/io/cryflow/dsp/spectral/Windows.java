package io.cryflow.dsp.spectral;

/** Analysis windows as librosa builds them. */
public final class Windows {

    private Windows() {
    }

    /**
     * A periodic Hann window of {@code winLength} ({@code scipy.signal.get_window('hann', winLength,
     * fftbins=True)}) centred in {@code nFft} zeros, as librosa's {@code pad_center} does: the left pad
     * is {@code (nFft - winLength) / 2}.
     */
    public static double[] centredPeriodicHann(int winLength, int nFft) {
        if (winLength < 1 || winLength > nFft) {
            throw new IllegalArgumentException("window length must lie in [1, " + nFft + "], got " + winLength);
        }
        double[] window = new double[nFft];
        int offset = (nFft - winLength) / 2;
        for (int n = 0; n < winLength; n++) {
            window[offset + n] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * n / winLength);
        }
        return window;
    }
}
