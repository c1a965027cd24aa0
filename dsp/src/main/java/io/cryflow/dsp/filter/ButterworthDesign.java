package io.cryflow.dsp.filter;

/**
 * Digital Butterworth filters designed the way scipy's
 * {@code signal.butter(N, Wn, btype, fs=fs, output='sos')} designs them: analogue prototype poles,
 * frequency pre-warping, low-pass to high-pass transform, bilinear transform, then sections ordered as
 * {@code zpk2sos} orders them (the section whose poles lie farthest from the unit circle first, the
 * overall gain in the first section's numerator).
 */
public final class ButterworthDesign {

    private ButterworthDesign() {
    }

    /**
     * A high-pass Butterworth filter as second-order sections.
     *
     * @param order      filter order; even, because every section holds one conjugate pole pair
     * @param cutoffHz   -3 dB frequency in Hz, strictly between 0 and Nyquist
     * @param sampleRate sample rate in Hz
     */
    public static SosCoefficients highPass(int order, double cutoffHz, double sampleRate) {
        if (order < 2 || order % 2 != 0) {
            throw new IllegalArgumentException("order must be even and >= 2, got " + order);
        }
        if (!(sampleRate > 0)) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        if (!(cutoffHz > 0 && cutoffHz < sampleRate / 2)) {
            throw new IllegalArgumentException("cutoff must lie in (0, " + sampleRate / 2 + ") Hz, got " + cutoffHz);
        }
        // scipy works with fs = 2 after normalising Wn to Nyquist: warped = 2 fs tan(pi Wn / fs).
        double normalised = 2.0 * cutoffHz / sampleRate;
        double fs2 = 4.0;
        double warped = fs2 * Math.tan(Math.PI * normalised / 2.0);

        int pairs = order / 2;
        double[] poleRe = new double[pairs];
        double[] poleIm = new double[pairs];
        // Overall gain k = fs2^N / prod(fs2 - p_hp) / prod(-p_analog); conjugate pairs make each factor real.
        double gain = 1.0;
        for (int i = 0; i < pairs; i++) {
            // Prototype pole with positive imaginary part: -exp(j pi m / 2N) for m = -N+1, -N+3, ..., < 0.
            int m = -order + 1 + 2 * i;
            double theta = Math.PI * m / (2.0 * order);
            double protoRe = -Math.cos(theta);
            double protoIm = -Math.sin(theta);
            // Low-pass to high-pass: p_hp = warped / p.
            double denom = protoRe * protoRe + protoIm * protoIm;
            double hpRe = warped * protoRe / denom;
            double hpIm = -warped * protoIm / denom;
            // Bilinear: z = (fs2 + p) / (fs2 - p).
            double nRe = fs2 + hpRe;
            double nIm = hpIm;
            double dRe = fs2 - hpRe;
            double dIm = -hpIm;
            double dd = dRe * dRe + dIm * dIm;
            poleRe[i] = (nRe * dRe + nIm * dIm) / dd;
            poleIm[i] = (nIm * dRe - nRe * dIm) / dd;
            // A pole and its conjugate contribute |fs2|^2 / |fs2 - p_hp|^2 and 1 / |p_proto|^2.
            gain *= (fs2 * fs2) / dd / denom;
        }

        // zpk2sos: repeatedly take the pole closest to the unit circle; the list is then reversed.
        double[][] sections = new double[pairs][];
        boolean[] used = new boolean[pairs];
        for (int slot = pairs - 1; slot >= 0; slot--) {
            int worst = -1;
            double worstDistance = Double.POSITIVE_INFINITY;
            for (int i = 0; i < pairs; i++) {
                if (used[i]) {
                    continue;
                }
                double distance = Math.abs(1.0 - Math.hypot(poleRe[i], poleIm[i]));
                if (distance < worstDistance) {
                    worstDistance = distance;
                    worst = i;
                }
            }
            used[worst] = true;
            double re = poleRe[worst];
            double im = poleIm[worst];
            // Zeros of a high-pass Butterworth all sit at z = 1: numerator (z - 1)^2.
            sections[slot] = new double[] {1.0, -2.0, 1.0, 1.0, -2.0 * re, re * re + im * im};
        }
        for (int c = 0; c < 3; c++) {
            sections[0][c] *= gain;
        }
        return new SosCoefficients(sections);
    }
}
