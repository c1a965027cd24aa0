package io.cryflow.dsp.features;

import java.util.Locale;

/**
 * What the streaming feature extractor computes. Defaults ({@link #DEFAULT}): 16 kHz, n_fft 512
 * (32 ms), Hann window 400 (25 ms) centred in the frame, hop 160 (10 ms, 100 frames/s), 64 Slaney mels
 * 0-8000 Hz, after a 10th-order 350 Hz Butterworth high-pass.
 *
 * @param sampleRate    input sample rate in Hz (default 16000)
 * @param nFft          FFT size, even (default 512)
 * @param winLength     Hann window length, at most nFft (default 400)
 * @param hopLength     samples between frames, at most nFft (default 160)
 * @param melCount      mel bands (default 64)
 * @param fminHz        lowest mel edge in Hz (default 0)
 * @param fmaxHz        highest mel edge in Hz, at most Nyquist (default 8000)
 * @param highPassHz    high-pass cutoff in Hz (default 350)
 * @param highPassOrder high-pass Butterworth order, even (default 10)
 */
public record FeatureConfig(
        int sampleRate,
        int nFft,
        int winLength,
        int hopLength,
        int melCount,
        double fminHz,
        double fmaxHz,
        double highPassHz,
        int highPassOrder) {

    public static final FeatureConfig DEFAULT = new FeatureConfig(16000, 512, 400, 160, 64, 0.0, 8000.0, 350.0, 10);

    public FeatureConfig {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive, got " + sampleRate);
        }
        if (nFft < 2 || nFft % 2 != 0) {
            throw new IllegalArgumentException("nFft must be even and >= 2, got " + nFft);
        }
        if (winLength < 1 || winLength > nFft) {
            throw new IllegalArgumentException("winLength must lie in [1, nFft], got " + winLength);
        }
        if (hopLength < 1 || hopLength > nFft) {
            throw new IllegalArgumentException("hopLength must lie in [1, nFft], got " + hopLength);
        }
        if (melCount < 1) {
            throw new IllegalArgumentException("melCount must be positive, got " + melCount);
        }
        if (!(fminHz >= 0 && fminHz < fmaxHz && fmaxHz <= sampleRate / 2.0)) {
            throw new IllegalArgumentException("need 0 <= fmin < fmax <= Nyquist, got " + fminHz + ".." + fmaxHz);
        }
        if (!(highPassHz > 0 && highPassHz < sampleRate / 2.0)) {
            throw new IllegalArgumentException("highPassHz must lie in (0, Nyquist), got " + highPassHz);
        }
        if (highPassOrder < 2 || highPassOrder % 2 != 0) {
            throw new IllegalArgumentException("highPassOrder must be even and >= 2, got " + highPassOrder);
        }
    }

    /** Frames per second: {@code sampleRate / hopLength}. */
    public double frameRate() {
        return (double) sampleRate / hopLength;
    }

    /**
     * A stable, human-readable identifier of every parameter, e.g.
     * {@code logmel-sr16000-fft512-win400-hop160-mel64-f0-8000-hp350o10}. Features (and saved extractor
     * state) are comparable only when their ids are equal.
     */
    public String id() {
        return String.format(Locale.ROOT, "logmel-sr%d-fft%d-win%d-hop%d-mel%d-f%s-%s-hp%so%d",
                sampleRate, nFft, winLength, hopLength, melCount,
                number(fminHz), number(fmaxHz), number(highPassHz), highPassOrder);
    }

    // Whole numbers print without a fraction so ids stay short; others keep full precision.
    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
