package io.cryflow.inference.evaluation;

import java.util.List;
import java.util.Map;

/**
 * The class of a non-cry recording, from its manifest path: what a false alarm is attributed to. The shared data
 * set's folders are mapped by name ({@code baby_cry_detection/noise/<class>/} is that class; music, read speech,
 * other sounds, spoken digits, spoken words; the home laughter recording is laughter); its room-noise recordings
 * ({@code wids_tutorial/background_noise/} and the other home recordings, the low hum) are {@value #BED}: the
 * background scenes are built on, not a distractor event. In any other folder (e.g. a cache of extra sounds) the
 * class is the path's first component ({@code animal/…} is {@code animal}).
 */
public final class SoundClass {

    /** The room-noise bed: background, not a distractor. False alarms over no distractor are attributed to it. */
    public static final String BED = "bed";

    /** Path prefixes of the shared data set and their class, most specific first. */
    private static final List<Map.Entry<String, String>> KNOWN = List.of(
            Map.entry("baby_cry_detection/recordings/baby_laugh", "laughter"),
            Map.entry("baby_cry_detection/recordings/", BED),
            Map.entry("wids_tutorial/background_noise/", BED),
            Map.entry("wids_tutorial/speech_sc09/", "spoken_words"),
            Map.entry("free-spoken-digit-dataset/", "spoken_digits"),
            Map.entry("librosa-data/music/", "music"),
            Map.entry("librosa-data/speech/", "speech"),
            Map.entry("librosa-data/other/", "other"));
    private static final String NOISE = "baby_cry_detection/noise/";

    private SoundClass() {
    }

    /**
     * The class of the non-cry file at {@code manifestPath} (relative to its manifest's folder, {@code /}-separated).
     *
     * @throws IllegalArgumentException for a path with no class (under the shared noise folder without a class
     *                                  folder, or an unknown folder of the shared data set, or a bare file name)
     */
    public static String of(String manifestPath) {
        for (Map.Entry<String, String> known : KNOWN) {
            if (manifestPath.startsWith(known.getKey())) {
                return known.getValue();
            }
        }
        if (manifestPath.startsWith(NOISE)) {
            int slash = manifestPath.indexOf('/', NOISE.length());
            if (slash > NOISE.length()) {
                return manifestPath.substring(NOISE.length(), slash);
            }
        } else {
            int slash = manifestPath.indexOf('/');
            String top = slash > 0 ? manifestPath.substring(0, slash) : "";
            boolean sharedFolder = KNOWN.stream().anyMatch(k -> k.getKey().startsWith(top + "/"));
            if (slash > 0 && !sharedFolder) {
                return top;
            }
        }
        throw new IllegalArgumentException("no sound class for " + manifestPath
                + " (expected <class>/… or a folder of the shared data set)");
    }
}
