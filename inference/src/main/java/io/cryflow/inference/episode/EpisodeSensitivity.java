package io.cryflow.inference.episode;

/** A room's detection sensitivity; see {@link EpisodeSettings#withSensitivity}. */
public enum EpisodeSensitivity {
    /** Fewer false alarms, later and fewer detections. */
    LOW(-1),
    /** The defaults. */
    NORMAL(0),
    /** Earlier detection of quieter or shorter cries, more false alarms (e.g. a neonatal unit). */
    HIGH(1);

    private final int steps;

    EpisodeSensitivity(int steps) {
        this.steps = steps;
    }

    int steps() {
        return steps;
    }
}
