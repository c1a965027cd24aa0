package io.cryflow.dsp.mel;

import java.util.Arrays;

/**
 * Triangular mel filters with Slaney area normalisation, equal to
 * {@code librosa.filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm='slaney')}, stored sparse:
 * each band keeps only its first non-zero FFT bin and the run of weights from there.
 */
public final class MelFilterBank {

    private final int binCount;
    private final int[] firstBin;
    private final double[][] weights;

    private MelFilterBank(int binCount, int[] firstBin, double[][] weights) {
        this.binCount = binCount;
        this.firstBin = firstBin;
        this.weights = weights;
    }

    /**
     * @param sampleRate sample rate in Hz
     * @param nFft       FFT size; the bank spans bins {@code 0 .. nFft/2}
     * @param melCount   number of bands
     * @param fminHz     lower edge of the first band
     * @param fmaxHz     upper edge of the last band, at most Nyquist
     */
    public static MelFilterBank slaney(double sampleRate, int nFft, int melCount, double fminHz, double fmaxHz) {
        if (melCount < 1 || nFft < 2) {
            throw new IllegalArgumentException("need at least one band and n_fft >= 2");
        }
        if (!(fminHz >= 0 && fminHz < fmaxHz && fmaxHz <= sampleRate / 2)) {
            throw new IllegalArgumentException("need 0 <= fmin < fmax <= Nyquist, got " + fminHz + ".." + fmaxHz);
        }
        int bins = nFft / 2 + 1;
        double[] edges = bandEdgesHz(melCount, fminHz, fmaxHz);
        int[] first = new int[melCount];
        double[][] w = new double[melCount][];
        double[] dense = new double[bins];
        for (int m = 0; m < melCount; m++) {
            double lower = edges[m];
            double centre = edges[m + 1];
            double upper = edges[m + 2];
            double norm = 2.0 / (upper - lower);
            int start = -1;
            int stop = -1;
            for (int k = 0; k < bins; k++) {
                double f = k * sampleRate / nFft;
                // Same expressions as librosa: rising edge -(lower - f)/(centre - lower), falling (upper - f)/(upper - centre).
                double rising = -(lower - f) / (centre - lower);
                double falling = (upper - f) / (upper - centre);
                double weight = Math.max(0.0, Math.min(rising, falling)) * norm;
                dense[k] = weight;
                if (weight > 0) {
                    if (start < 0) {
                        start = k;
                    }
                    stop = k + 1;
                }
            }
            if (start < 0) {
                // An empty band (too narrow for the FFT resolution) stays empty, as in librosa.
                first[m] = 0;
                w[m] = new double[0];
            } else {
                first[m] = start;
                w[m] = Arrays.copyOfRange(dense, start, stop);
            }
        }
        return new MelFilterBank(bins, first, w);
    }

    /** The {@code melCount + 2} band edges: equally spaced in Slaney mels from fmin to fmax (numpy.linspace). */
    static double[] bandEdgesHz(int melCount, double fminHz, double fmaxHz) {
        double minMel = SlaneyMelScale.hzToMel(fminHz);
        double maxMel = SlaneyMelScale.hzToMel(fmaxHz);
        int count = melCount + 2;
        double step = (maxMel - minMel) / (count - 1);
        double[] edges = new double[count];
        for (int i = 0; i < count; i++) {
            edges[i] = SlaneyMelScale.melToHz(i == count - 1 ? maxMel : minMel + i * step);
        }
        return edges;
    }

    public int melCount() {
        return weights.length;
    }

    /** FFT bins the bank expects, {@code nFft / 2 + 1}. */
    public int binCount() {
        return binCount;
    }

    /** Weight of FFT bin {@code bin} in band {@code mel} (zero outside the band's support). */
    public double weight(int mel, int bin) {
        int i = bin - firstBin[mel];
        return i >= 0 && i < weights[mel].length ? weights[mel][i] : 0.0;
    }

    /** Projects a power spectrum onto the bands: {@code mel[m] = sum_k W[m][k] power[k]}. Allocates nothing. */
    public void apply(double[] power, double[] mel) {
        for (int m = 0; m < weights.length; m++) {
            double[] w = weights[m];
            int k0 = firstBin[m];
            double sum = 0.0;
            for (int i = 0; i < w.length; i++) {
                sum += w[i] * power[k0 + i];
            }
            mel[m] = sum;
        }
    }
}
