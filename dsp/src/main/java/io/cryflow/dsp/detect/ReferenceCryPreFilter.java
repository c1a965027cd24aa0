package io.cryflow.dsp.detect;

import io.cryflow.dsp.filter.ButterworthDesign;
import io.cryflow.dsp.filter.SosFilter;
import io.cryflow.dsp.mel.Decibels;
import io.cryflow.dsp.mel.MelFilterBank;
import io.cryflow.dsp.smooth.SavitzkyGolayFilter;
import io.cryflow.dsp.spectral.OfflineStft;

/**
 * The offline energy-threshold cry pre-filter of Yao et al. (ICASSP 2022), reproducing the reference
 * {@code preprocessing.py}: causal high-pass, centred mel power spectrogram, bins more than 78 dB below
 * the whole file's loudest bin zeroed, per-frame energy, centred Savitzky-Golay smoothing, a fixed
 * threshold, then gap filling and short-event removal, and per-second output.
 * <p>Offline by nature: the dB reference is the whole file's maximum and the smoother looks 60 frames
 * (2.4 s) ahead, so it needs the whole signal. It serves as the parity reference for streaming detectors.
 */
public final class ReferenceCryPreFilter {

    private final ReferencePreFilterConfig config;
    private final MelFilterBank melBank;

    public ReferenceCryPreFilter(ReferencePreFilterConfig config) {
        this.config = config;
        this.melBank = MelFilterBank.slaney(config.sampleRate(), config.nFft(), config.melCount(), 0.0, config.sampleRate() / 2.0);
    }

    public ReferencePreFilterConfig config() {
        return config;
    }

    /**
     * Runs the whole pre-filter.
     *
     * @param signal samples at {@code config.sampleRate()}, full scale ±1
     * @throws IllegalArgumentException if the signal yields fewer frames than a cubic fit needs (the reference fails there too)
     */
    public PreFilterResult run(double[] signal) {
        double[][] mel = melPower(signal);
        double[] energy = gatedEnergy(mel);
        double[] smoothed = smoothingFor(energy.length).apply(energy);

        boolean[] threshold = new boolean[smoothed.length];
        for (int t = 0; t < smoothed.length; t++) {
            threshold[t] = smoothed[t] > config.energyThreshold();
        }
        boolean[] combined = threshold.clone();
        EventMasks.fillGaps(combined, config.eventFrames());
        boolean[] fin = combined.clone();
        EventMasks.removeShortEvents(fin, config.eventFrames());

        boolean[] perSecond = PerSecondAggregation.perSecond(fin, config.hopLength(), config.sampleRate(), signal.length);
        return new PreFilterResult(energy, smoothed, threshold, combined, fin, perSecond, PerSecondAggregation.runs(perSecond));
    }

    /** High-passed, centred mel power spectrogram, {@code [frame][mel]}. */
    public double[][] melPower(double[] signal) {
        SosFilter highPass = new SosFilter(ButterworthDesign.highPass(config.highPassOrder(), config.highPassHz(), config.sampleRate()));
        double[] filtered = highPass.process(signal);
        double[][] power = new OfflineStft(config.nFft(), config.nFft(), config.hopLength()).centred(filtered, config.padding());
        double[][] mel = new double[power.length][config.melCount()];
        for (int t = 0; t < power.length; t++) {
            melBank.apply(power[t], mel[t]);
        }
        return mel;
    }

    /**
     * Per-frame sum of mel power, leaving out bins whose {@code power_to_db(S, ref=max, top_db)} lies
     * below the noise floor. The dB values are formed as librosa forms them, so borderline bins fall on
     * the same side.
     */
    double[] gatedEnergy(double[][] mel) {
        double max = 0.0;
        for (double[] frame : mel) {
            for (double v : frame) {
                max = Math.max(max, v);
            }
        }
        double refDb = Decibels.powerToDb(max);
        // power_to_db clips at its own maximum minus top_db; with ref = max that maximum is 0 dB.
        double clipDb = -config.topDb();
        double[] energy = new double[mel.length];
        for (int t = 0; t < mel.length; t++) {
            double sum = 0.0;
            for (double v : mel[t]) {
                double db = Math.max(Decibels.powerToDb(v) - refDb, clipDb);
                if (!(db < config.noiseFloorDb())) {
                    sum += v;
                }
            }
            energy[t] = sum;
        }
        return energy;
    }

    private SavitzkyGolayFilter smoothingFor(int frames) {
        if (frames >= config.smoothingWindow()) {
            return new SavitzkyGolayFilter(config.smoothingWindow(), config.smoothingOrder());
        }
        if (frames <= config.shortSmoothingOrder()) {
            throw new IllegalArgumentException("signal gives " + frames + " frames; the reference smoother needs more than "
                    + config.shortSmoothingOrder());
        }
        return new SavitzkyGolayFilter(frames, config.shortSmoothingOrder());
    }
}
