package io.cryflow.dsp.detect;

import io.cryflow.dsp.spectral.PaddingMode;

/**
 * Parameters of the reference energy pre-filter (Yao et al., ICASSP 2022, {@code preprocessing.py});
 * {@link #YAO} holds the published values.
 *
 * @param sampleRate          input sample rate in Hz (22050)
 * @param highPassHz          Butterworth high-pass cutoff (350 Hz)
 * @param highPassOrder       Butterworth order (10)
 * @param nFft                FFT size and Hann window length (1764, 80 ms)
 * @param hopLength           hop (882, 40 ms: 25 frames/s)
 * @param melCount            Slaney mel bands from 0 Hz to Nyquist (128)
 * @param padding             centred-STFT padding: {@code REFLECT} as librosa 0.8 the reference ran on
 * @param topDb               dynamic range kept below the loudest bin by power_to_db (80 dB)
 * @param noiseFloorDb        mel bins below this, in dB re the file's loudest bin, are zeroed (-78 dB)
 * @param smoothingWindow     Savitzky-Golay window in frames (121)
 * @param smoothingOrder      Savitzky-Golay polynomial order (5)
 * @param shortSmoothingOrder order used, with a window of the whole signal, when it has fewer frames than the window (3)
 * @param energyThreshold     a frame is active when its smoothed mel energy exceeds this (5)
 * @param eventSeconds        gap closed and shortest event kept, in seconds (5 s)
 */
public record ReferencePreFilterConfig(
        int sampleRate,
        double highPassHz,
        int highPassOrder,
        int nFft,
        int hopLength,
        int melCount,
        PaddingMode padding,
        double topDb,
        double noiseFloorDb,
        int smoothingWindow,
        int smoothingOrder,
        int shortSmoothingOrder,
        double energyThreshold,
        double eventSeconds) {

    public static final ReferencePreFilterConfig YAO = new ReferencePreFilterConfig(
            22050, 350.0, 10, 1764, 882, 128, PaddingMode.REFLECT, 80.0, -78.0, 121, 5, 3, 5.0, 5.0);

    public ReferencePreFilterConfig {
        if (sampleRate <= 0 || nFft < 2 || nFft % 2 != 0 || hopLength < 1 || hopLength > nFft || melCount < 1) {
            throw new IllegalArgumentException("invalid framing: sr " + sampleRate + ", n_fft " + nFft + ", hop " + hopLength + ", mels " + melCount);
        }
        if (smoothingWindow % 2 == 0 || smoothingOrder >= smoothingWindow) {
            throw new IllegalArgumentException("smoothing window must be odd and longer than its order");
        }
        if (padding == null) {
            throw new IllegalArgumentException("padding is required");
        }
    }

    /** The same parameters with another STFT padding. */
    public ReferencePreFilterConfig withPadding(PaddingMode mode) {
        return new ReferencePreFilterConfig(sampleRate, highPassHz, highPassOrder, nFft, hopLength, melCount, mode,
                topDb, noiseFloorDb, smoothingWindow, smoothingOrder, shortSmoothingOrder, energyThreshold, eventSeconds);
    }

    /** The event length in frames, computed as the reference does: {@code 5 / (hop * 1. / sr)} (125 frames). */
    public double eventFrames() {
        return eventSeconds / (hopLength * 1.0 / sampleRate);
    }
}
