package io.cryflow.dsp.spectral;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Windowed power spectrum {@code |FFT(w * frame)|^2} of one frame, bins {@code 0 .. nFft/2}.
 * Buffers are allocated once; {@link #compute} allocates nothing.
 * <p>Not thread-safe: one instance per stream.
 */
public final class PowerSpectrum {

    private final int nFft;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final double[] work;

    /**
     * @param nFft      FFT size, even
     * @param winLength periodic Hann window length, centred in the frame
     */
    public PowerSpectrum(int nFft, int winLength) {
        if (nFft < 2 || nFft % 2 != 0) {
            throw new IllegalArgumentException("n_fft must be even and >= 2, got " + nFft);
        }
        this.nFft = nFft;
        this.window = Windows.centredPeriodicHann(winLength, nFft);
        this.fft = new DoubleFFT_1D(nFft);
        this.work = new double[nFft];
    }

    public int nFft() {
        return nFft;
    }

    /** Number of output bins, {@code nFft / 2 + 1}. */
    public int binCount() {
        return nFft / 2 + 1;
    }

    /**
     * @param frame  {@code nFft} samples from {@code offset}
     * @param power  receives {@link #binCount()} power values
     */
    public void compute(float[] frame, int offset, double[] power) {
        for (int n = 0; n < nFft; n++) {
            work[n] = window[n] * frame[offset + n];
        }
        transform(power);
    }

    /** As {@link #compute(float[], int, double[])} for a double-precision frame. */
    public void compute(double[] frame, int offset, double[] power) {
        for (int n = 0; n < nFft; n++) {
            work[n] = window[n] * frame[offset + n];
        }
        transform(power);
    }

    private void transform(double[] power) {
        fft.realForward(work);
        // realForward packs Re[0], Re[n/2], then Re[k], Im[k] pairs for k = 1 .. n/2 - 1.
        int half = nFft / 2;
        power[0] = work[0] * work[0];
        power[half] = work[1] * work[1];
        for (int k = 1; k < half; k++) {
            double re = work[2 * k];
            double im = work[2 * k + 1];
            power[k] = re * re + im * im;
        }
    }
}
