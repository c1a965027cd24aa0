package io.cryflow.dsp.spectral;

import org.jtransforms.fft.DoubleFFT_1D;

import java.util.Arrays;

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
    // The window is zero outside [windowStart, windowEnd) (a short window centred in the frame): only
    // that span is multiplied, the rest of the FFT input is zero-filled.
    private final int windowStart;
    private final int windowEnd;

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
        int start = 0;
        while (start < nFft && window[start] == 0.0) {
            start++;
        }
        int end = nFft;
        while (end > start && window[end - 1] == 0.0) {
            end--;
        }
        this.windowStart = start;
        this.windowEnd = end;
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
        Arrays.fill(work, 0, windowStart, 0.0);
        for (int n = windowStart; n < windowEnd; n++) {
            work[n] = window[n] * frame[offset + n];
        }
        Arrays.fill(work, windowEnd, nFft, 0.0);
        transform(power);
    }

    /** As {@link #compute(float[], int, double[])} for a double-precision frame. */
    public void compute(double[] frame, int offset, double[] power) {
        Arrays.fill(work, 0, windowStart, 0.0);
        for (int n = windowStart; n < windowEnd; n++) {
            work[n] = window[n] * frame[offset + n];
        }
        Arrays.fill(work, windowEnd, nFft, 0.0);
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
