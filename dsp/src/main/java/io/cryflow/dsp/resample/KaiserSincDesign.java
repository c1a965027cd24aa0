package io.cryflow.dsp.resample;

/**
 * Anti-aliasing filter specification for {@link PolyphaseSincResampler}, relative to the lower of
 * the two Nyquist frequencies.
 *
 * <p>The stopband starts exactly at the lower Nyquist frequency, so nothing that would alias into
 * the output band survives with more than {@code stopbandAttenuationDb}; the band between
 * {@code passbandEdge} and 1 is the transition band (partly attenuated, never aliased).
 *
 * @param passbandEdge          end of the flat passband as a fraction of the lower Nyquist
 *                              frequency, in (0, 1)
 * @param stopbandAttenuationDb minimum stopband attenuation in dB (sets the Kaiser beta and,
 *                              together with the transition width, the filter length)
 */
public record KaiserSincDesign(double passbandEdge, double stopbandAttenuationDb) {

    /**
     * Default: flat to 85% of the lower Nyquist (6.8 kHz when converting to 16 kHz), at least 90 dB
     * down from the lower Nyquist on: far beyond 16-bit audio's needs and the detector's 60 dB.
     */
    public static final KaiserSincDesign DEFAULT = new KaiserSincDesign(0.85, 90.0);

    public KaiserSincDesign {
        if (!(passbandEdge > 0.0 && passbandEdge < 1.0)) {
            throw new IllegalArgumentException("passbandEdge must be in (0, 1), got " + passbandEdge);
        }
        if (!(stopbandAttenuationDb >= 20.0 && stopbandAttenuationDb <= 200.0)) {
            throw new IllegalArgumentException(
                    "stopbandAttenuationDb must be in [20, 200], got " + stopbandAttenuationDb);
        }
    }

    /** Kaiser window shape parameter for the attenuation (Kaiser's empirical formula). */
    double kaiserBeta() {
        double a = stopbandAttenuationDb;
        if (a > 50.0) {
            return 0.1102 * (a - 8.7);
        }
        if (a >= 21.0) {
            return 0.5842 * Math.pow(a - 21.0, 0.4) + 0.07886 * (a - 21.0);
        }
        return 0.0;
    }

    /**
     * Half-length of the interpolation kernel in input samples, for a lower Nyquist frequency of
     * {@code nyquistFraction} cycles per input sample (0.5 when upsampling).
     */
    int halfLengthInInputSamples(double nyquistFraction) {
        double transition = (1.0 - passbandEdge) * nyquistFraction; // cycles per input sample
        double taps = (stopbandAttenuationDb - 7.95) / (2.285 * 2.0 * Math.PI * transition);
        return Math.max(2, (int) Math.ceil(taps / 2.0));
    }
}
