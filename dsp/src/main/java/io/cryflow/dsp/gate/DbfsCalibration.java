package io.cryflow.dsp.gate;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;

/**
 * The absolute level scale of the gate. <b>0 dBFS</b> is the mean frame energy (sum of linear mel power,
 * as {@link StreamingFeatureExtractor} reports it) of a full-scale (peak amplitude 1.0) 1 kHz sine passed
 * through the same high-pass, window, FFT and mel chain; a frame's level is
 * {@code 10 log10(energy / fullScaleEnergy)}. A 1 kHz sine of peak amplitude {@code a} therefore reads
 * {@code 20 log10(a)} dBFS. Other frequencies read differently, since Slaney-normalised mel bands widen
 * above 1 kHz (a tone's level falls by roughly 3 dB per octave there): the scale is a calibrated energy,
 * not a loudness model.
 * <p>The calibration is computed from the {@link FeatureConfig}, never hard-coded, so it follows any change
 * of FFT size, window, mel layout or filter.
 */
public final class DbfsCalibration {

    /** Calibration tone frequency in Hz. */
    public static final double TONE_HZ = 1000.0;
    /** Level reported for a frame of zero energy, so silence stays a finite number. */
    public static final double SILENCE_DBFS = -150.0;

    // Tone length and the settling time skipped before averaging (high-pass transient).
    private static final double TONE_SECONDS = 1.5;
    private static final double SETTLE_SECONDS = 0.5;

    private final double fullScaleEnergy;

    private DbfsCalibration(double fullScaleEnergy) {
        this.fullScaleEnergy = fullScaleEnergy;
    }

    /**
     * Measures the calibration for {@code features} by running a full-scale {@value #TONE_HZ} Hz sine
     * through a fresh extractor and averaging the energy of the frames after the high-pass has settled.
     *
     * @throws IllegalArgumentException if the tone lies outside the configuration's pass band
     */
    public static DbfsCalibration of(FeatureConfig features) {
        if (!(TONE_HZ > features.highPassHz() && TONE_HZ > features.fminHz() && TONE_HZ < features.fmaxHz())) {
            throw new IllegalArgumentException("the " + TONE_HZ + " Hz calibration tone lies outside the pass band of " + features.id());
        }
        int n = (int) Math.round(TONE_SECONDS * features.sampleRate()) + features.nFft();
        float[] tone = new float[n];
        double step = 2 * Math.PI * TONE_HZ / features.sampleRate();
        for (int i = 0; i < n; i++) {
            tone[i] = (float) Math.sin(step * i);
        }
        long firstSettled = (long) Math.ceil(SETTLE_SECONDS * features.frameRate());
        double[] sum = new double[1];
        long[] count = new long[1];
        new StreamingFeatureExtractor(features).accept(tone, (frame, logMel, energy) -> {
            if (frame >= firstSettled) {
                sum[0] += energy;
                count[0]++;
            }
        });
        return new DbfsCalibration(sum[0] / count[0]);
    }

    /** A calibration with a known full-scale energy (for a restored gate, or a measured microphone chain). */
    public static DbfsCalibration ofFullScaleEnergy(double fullScaleEnergy) {
        if (!(fullScaleEnergy > 0 && Double.isFinite(fullScaleEnergy))) {
            throw new IllegalArgumentException("full-scale energy must be positive and finite, got " + fullScaleEnergy);
        }
        return new DbfsCalibration(fullScaleEnergy);
    }

    /** Frame energy of a full-scale 1 kHz sine: the 0 dBFS point. */
    public double fullScaleEnergy() {
        return fullScaleEnergy;
    }

    /** Level of a frame energy in dBFS, {@value #SILENCE_DBFS} for zero or less. */
    public double toDbfs(double energy) {
        if (!(energy > 0)) {
            return SILENCE_DBFS;
        }
        return Math.max(SILENCE_DBFS, 10.0 * Math.log10(energy / fullScaleEnergy));
    }

    /** Frame energy at {@code dbfs}. */
    public double toEnergy(double dbfs) {
        return fullScaleEnergy * Math.pow(10.0, dbfs / 10.0);
    }
}
