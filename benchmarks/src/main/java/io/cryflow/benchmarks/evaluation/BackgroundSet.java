package io.cryflow.benchmarks.evaluation;

import java.util.List;

/**
 * Which non-cry material a scene's background is made of: manifest path prefixes under {@code shared/data}
 * (every row labelled {@code non_cry} under one of them).
 */
public enum BackgroundSet {

    /** Stationary noise: a running tap, pink and white noise. */
    STEADY("steady", List.of(
            "wids_tutorial/background_noise/running_tap.wav",
            "wids_tutorial/background_noise/pink_noise.wav",
            "wids_tutorial/background_noise/white_noise.wav")),

    /**
     * A quiet room's tone (the home recording "silence", mostly a hum below the 350 Hz high-pass): brought to
     * the scene's level, what passes the high-pass sits about 25-30 dB lower and drifts by several dB.
     */
    QUIET_ROOM("quiet room", List.of("baby_cry_detection/recordings/silence__silence.wav.wav")),

    /** Sound events an energy gate cannot tell from cries: a miaowing cat, ESC-50 environmental sounds, music, speech. */
    EVENTFUL("eventful", List.of(
            "wids_tutorial/background_noise/dude_miaowing.wav",
            "baby_cry_detection/noise/",
            "librosa-data/music/",
            "librosa-data/speech/"));

    private final String label;
    private final List<String> manifestPrefixes;

    BackgroundSet(String label, List<String> manifestPrefixes) {
        this.label = label;
        this.manifestPrefixes = manifestPrefixes;
    }

    public String label() {
        return label;
    }

    public List<String> manifestPrefixes() {
        return manifestPrefixes;
    }
}
