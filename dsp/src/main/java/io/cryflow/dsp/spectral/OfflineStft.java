package io.cryflow.dsp.spectral;

/**
 * Whole-signal power STFT, as {@code librosa.stft} followed by {@code |.|^2}, either without centring
 * (frame {@code t} starts at sample {@code t * hop}; what a causal stream produces) or centred (frame
 * {@code t} is centred on sample {@code t * hop}, the signal padded by {@code nFft / 2} each side).
 * Output is frame-major: {@code [frame][bin]}.
 */
public final class OfflineStft {

    private final int hopLength;
    private final PowerSpectrum spectrum;

    public OfflineStft(int nFft, int winLength, int hopLength) {
        if (hopLength < 1) {
            throw new IllegalArgumentException("hop must be >= 1, got " + hopLength);
        }
        this.hopLength = hopLength;
        this.spectrum = new PowerSpectrum(nFft, winLength);
    }

    public int binCount() {
        return spectrum.binCount();
    }

    /** Frames of the uncentred STFT: {@code 1 + (n - nFft) / hop}, or none if the signal is shorter than a frame. */
    public double[][] uncentred(double[] signal) {
        int nFft = spectrum.nFft();
        int frames = signal.length < nFft ? 0 : 1 + (signal.length - nFft) / hopLength;
        double[][] out = new double[frames][spectrum.binCount()];
        for (int t = 0; t < frames; t++) {
            spectrum.compute(signal, t * hopLength, out[t]);
        }
        return out;
    }

    /** Frames of the centred STFT: {@code 1 + n / hop}. */
    public double[][] centred(double[] signal, PaddingMode padding) {
        return uncentred(pad(signal, spectrum.nFft() / 2, padding));
    }

    static double[] pad(double[] signal, int pad, PaddingMode padding) {
        int n = signal.length;
        double[] padded = new double[n + 2 * pad];
        System.arraycopy(signal, 0, padded, pad, n);
        if (padding == PaddingMode.REFLECT) {
            if (n < 2) {
                throw new IllegalArgumentException("reflect padding needs at least 2 samples, got " + n);
            }
            for (int i = 0; i < pad; i++) {
                padded[pad - 1 - i] = signal[reflect(-1 - i, n)];
                padded[pad + n + i] = signal[reflect(n + i, n)];
            }
        }
        return padded;
    }

    /** Index into a signal of length n mirrored about its end samples (period 2(n - 1)), as numpy repeats reflections. */
    private static int reflect(int index, int n) {
        int period = 2 * (n - 1);
        int i = Math.floorMod(index, period);
        return i < n ? i : period - i;
    }
}
