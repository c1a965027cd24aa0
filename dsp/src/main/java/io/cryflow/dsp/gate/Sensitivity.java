package io.cryflow.dsp.gate;

/**
 * Per-room sensitivity presets: how far every gate threshold moves, in dB. A positive offset lowers the
 * thresholds (more sensitive, more audio passed), but never below the room's own quiet (noise floor + spread +
 * close margin): below it a steady room would hold the gate open for good. A negative offset raises them.
 * In a room whose thresholds sit on the noise floor, HIGH thus gains 1.5 dB with the default margins; where
 * the absolute minimum (-70 dBFS) sets them it gains the full 3 dB.
 */
public enum Sensitivity {
    /** Thresholds 3 dB higher: loud rooms where the classifier's budget is tight. */
    LOW(-3.0),
    /** The defaults. */
    NORMAL(0.0),
    /** Thresholds up to 3 dB lower: quiet rooms, distant microphones, or when recall matters most. */
    HIGH(3.0);

    private final double offsetDb;

    Sensitivity(double offsetDb) {
        this.offsetDb = offsetDb;
    }

    /** dB subtracted from every threshold. */
    public double offsetDb() {
        return offsetDb;
    }
}
