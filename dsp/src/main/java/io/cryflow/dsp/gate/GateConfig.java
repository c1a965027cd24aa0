package io.cryflow.dsp.gate;

import io.cryflow.dsp.features.FeatureConfig;

/**
 * Settings of a {@link CryGate}. Times are in seconds and rounded to whole frames of the feature stream;
 * levels are in dBFS as defined by {@link DbfsCalibration}. Defaults ({@link #DEFAULT}) favour recall.
 *
 * @param lookAheadSeconds    half-width of the centred moving average of frame energy; the gate decides
 *                            about a frame this long after it arrives (default 0.25 s, a 0.51 s window)
 * @param openMarginDb        opens when the smoothed level exceeds the noise floor plus spread by this much (default 2 dB)
 * @param closeMarginDb       counts as quiet once the smoothed level falls to floor + spread + this (default 0.5 dB);
 *                            at most {@code openMarginDb} (hysteresis)
 * @param minimumOpenDbfs     the open threshold never drops below this absolute level, so a near-silent
 *                            room does not open on its own hiss (default -70 dBFS); the close threshold
 *                            keeps the same distance below it as the margins give
 * @param sensitivityDb       room sensitivity, subtracted from every threshold (default 0, {@link Sensitivity#NORMAL});
 *                            a positive one lowers no threshold below floor + spread + close margin, the room's
 *                            own quiet, so the gate still closes in a steady room
 * @param hangoverSeconds     the gate closes only after the level has stayed quiet this long, bridging a
 *                            cry's breathing pauses (default 2 s; the reference fills gaps up to 5 s)
 * @param minOpenSeconds      an opened gate stays open at least this long (default 1 s; 0 disables)
 * @param floorBlockSeconds   the noise floor is estimated from mean energies of blocks this long (default 0.1 s)
 * @param floorWindowSeconds  ... over the most recent this many seconds (default 15 s)
 * @param floorPercentile     ... as this low percentile of the block levels, in [0, 1) (default 0.05). A
 *                            steady sound becomes floor after about {@code (1 - p) * window}; a sound with
 *                            quiet gaps covering more than {@code p} of the window (a cry's breaths) never does
 * @param spreadPercentile    the background's excess over the floor is tracked as this percentile of the
 *                            smoothed level's rise above the floor (default 0.9) and added to both thresholds,
 *                            so a fluctuating background (rain, a cat, a running tap) does not hold the gate
 *                            open; it is learnt only while the gate is closed (and during the warm-up), so a
 *                            cry cannot raise its own threshold
 * @param spreadRateDbPerSecond how fast that percentile tracker moves (default 3 dB/s: up by at most
 *                            {@code rate * p}, down by {@code rate * (1 - p)})
 * @param spreadLearnDelaySeconds the spread learns from a frame only this long after deciding it, and only if
 *                            the gate stayed closed meanwhile, so the rising edge of a cry just before an
 *                            opening never teaches the background (default 2 s)
 * @param warmUpSeconds       for this long after the stream starts the spread is learnt even while the gate is
 *                            open, since nothing is known of the room yet (default 3 s)
 */
public record GateConfig(
        double lookAheadSeconds,
        double openMarginDb,
        double closeMarginDb,
        double minimumOpenDbfs,
        double sensitivityDb,
        double hangoverSeconds,
        double minOpenSeconds,
        double floorBlockSeconds,
        double floorWindowSeconds,
        double floorPercentile,
        double spreadPercentile,
        double spreadRateDbPerSecond,
        double spreadLearnDelaySeconds,
        double warmUpSeconds) {

    public static final GateConfig DEFAULT = new GateConfig(0.25, 2.0, 0.5, -70.0, 0.0, 2.0, 1.0, 0.1, 15.0, 0.05, 0.9, 3.0, 2.0, 3.0);

    /** Longest look-ahead accepted: the gate's decisions may lag the audio by at most about a second. */
    public static final double MAX_LOOK_AHEAD_SECONDS = 1.0;

    public GateConfig {
        if (!(lookAheadSeconds >= 0 && lookAheadSeconds <= MAX_LOOK_AHEAD_SECONDS)) {
            throw new IllegalArgumentException("lookAheadSeconds must lie in [0, " + MAX_LOOK_AHEAD_SECONDS + "], got " + lookAheadSeconds);
        }
        if (!(closeMarginDb <= openMarginDb) || !Double.isFinite(openMarginDb) || !Double.isFinite(closeMarginDb)) {
            throw new IllegalArgumentException("need finite margins with close <= open, got open " + openMarginDb + ", close " + closeMarginDb);
        }
        if (!Double.isFinite(minimumOpenDbfs) || !Double.isFinite(sensitivityDb)) {
            throw new IllegalArgumentException("minimumOpenDbfs and sensitivityDb must be finite");
        }
        if (!(hangoverSeconds >= 0) || !(minOpenSeconds >= 0) || Double.isInfinite(hangoverSeconds) || Double.isInfinite(minOpenSeconds)) {
            throw new IllegalArgumentException("hangoverSeconds and minOpenSeconds must be finite and >= 0");
        }
        if (!(floorBlockSeconds > 0 && floorWindowSeconds >= floorBlockSeconds && Double.isFinite(floorWindowSeconds))) {
            throw new IllegalArgumentException("need 0 < floorBlockSeconds <= floorWindowSeconds, got " + floorBlockSeconds + ", " + floorWindowSeconds);
        }
        if (!(spreadPercentile > 0 && spreadPercentile < 1)) {
            throw new IllegalArgumentException("spreadPercentile must lie in (0, 1), got " + spreadPercentile);
        }
        if (!(spreadRateDbPerSecond > 0 && Double.isFinite(spreadRateDbPerSecond)) || !(warmUpSeconds >= 0 && Double.isFinite(warmUpSeconds))
                || !(spreadLearnDelaySeconds >= 0 && spreadLearnDelaySeconds <= 10)) {
            throw new IllegalArgumentException("need spreadRateDbPerSecond > 0, warmUpSeconds >= 0 and spreadLearnDelaySeconds in [0, 10], all finite");
        }
        if (!(floorPercentile >= 0 && floorPercentile < 1)) {
            throw new IllegalArgumentException("floorPercentile must lie in [0, 1), got " + floorPercentile);
        }
    }

    /** This configuration with a preset's sensitivity. */
    public GateConfig withSensitivity(Sensitivity sensitivity) {
        return withSensitivityDb(sensitivity.offsetDb());
    }

    /** This configuration with a sensitivity offset in dB (positive: more sensitive). */
    public GateConfig withSensitivityDb(double offsetDb) {
        return new GateConfig(lookAheadSeconds, openMarginDb, closeMarginDb, minimumOpenDbfs, offsetDb,
                hangoverSeconds, minOpenSeconds, floorBlockSeconds, floorWindowSeconds, floorPercentile, spreadPercentile, spreadRateDbPerSecond, spreadLearnDelaySeconds, warmUpSeconds);
    }

    /** This configuration with another hang-over. */
    public GateConfig withHangoverSeconds(double seconds) {
        return new GateConfig(lookAheadSeconds, openMarginDb, closeMarginDb, minimumOpenDbfs, sensitivityDb,
                seconds, minOpenSeconds, floorBlockSeconds, floorWindowSeconds, floorPercentile, spreadPercentile, spreadRateDbPerSecond, spreadLearnDelaySeconds, warmUpSeconds);
    }

    /** Decision delay in frames of {@code features}: the look-ahead, rounded. */
    public int lookAheadFrames(FeatureConfig features) {
        return frames(lookAheadSeconds, features);
    }

    int hangoverFrames(FeatureConfig features) {
        return frames(hangoverSeconds, features);
    }

    int minOpenFrames(FeatureConfig features) {
        return frames(minOpenSeconds, features);
    }

    int spreadLearnDelayFrames(FeatureConfig features) {
        return frames(spreadLearnDelaySeconds, features);
    }

    int warmUpFrames(FeatureConfig features) {
        return frames(warmUpSeconds, features);
    }

    int floorBlockFrames(FeatureConfig features) {
        return Math.max(1, frames(floorBlockSeconds, features));
    }

    int floorWindowBlocks(FeatureConfig features) {
        return Math.max(1, (int) Math.round(floorWindowSeconds * features.frameRate() / floorBlockFrames(features)));
    }

    private static int frames(double seconds, FeatureConfig features) {
        long frames = Math.round(seconds * features.frameRate());
        if (frames > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(seconds + " s is too long");
        }
        return (int) frames;
    }
}
