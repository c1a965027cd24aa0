package io.cryflow.dsp.gate;

/**
 * Per-room sensitivity presets: how far every gate threshold moves, in dB. A positive offset lowers the
 * thresholds (more sensitive, more audio passed), a negative one raises them.
 */
public enum Sensitivity {
    /** Thresholds 3 dB higher: loud rooms where the classifier's budget is tight. */
    LOW(-3.0),
    /** The defaults. */
    NORMAL(0.0),
    /** Thresholds 3 dB lower: quiet rooms, distant microphones, or when recall matters most. */
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
