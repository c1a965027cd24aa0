package io.cryflow.ingest.scene;

import io.cryflow.ingest.source.MonoWavStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Builds room scenes for episode-level evaluation, seeded and reproducible: a quiet bed, zero to
 * {@value #MAX_BOUTS} crying bouts and distractor sounds, with the truth of every placement.
 *
 * <ul>
 *   <li><b>Bed</b>: the bed clips chained as {@link SceneGenerator} chains backgrounds, at an RMS level drawn from
 *       {@value #MIN_BED_DBFS}..{@value #MAX_BED_DBFS} dBFS.</li>
 *   <li><b>Bout</b>: 1..{@value #MAX_CLIPS_PER_BOUT} cry clips of one group (one baby), each cut to at most
 *       {@value #MAX_CRY_CLIP_SECONDS} s and trimmed to its active frames, joined with pauses of
 *       {@value #MIN_PAUSE_SECONDS}..{@value #MAX_PAUSE_SECONDS} s; one true episode. It is mixed at an active RMS
 *       level drawn from {@value #MIN_CRY_DBFS}..{@value #MAX_CRY_DBFS} dBFS, the distractors' range shifted 2 dB down:
 *       a crying infant near the microphone is about as loud as a barking dog or a television, rarely quieter than
 *       speech (so its SNR against the bed, defined as {@link SceneGenerator}'s, is about 6..36 dB). Bouts keep
 *       {@value #BOUT_GAP_SECONDS} s apart (more than the episode rules' merge gap), start at least
 *       {@value #EDGE_SECONDS} s into the scene and end at least {@value #END_MARGIN_SECONDS} s before its end.</li>
 *   <li><b>Distractors</b>: on average one every {@value #SECONDS_PER_DISTRACTOR} s (Poisson), each of a class drawn
 *       uniformly, then a clip of that class; clips shorter than {@value #SHORT_CLIP_SECONDS} s (spoken digits or
 *       words) are chained with others of the same group (else class) into an utterance of about 2..6 s (at least 2 s, and
 *       no word past the drawn length once that is reached), clips longer than
 *       {@value #LONG_CLIP_SECONDS} s cut to a 3..15 s excerpt; trimmed to active frames and mixed at an active RMS
 *       level drawn from {@value #MIN_DISTRACTOR_DBFS}..{@value #MAX_DISTRACTOR_DBFS} dBFS. A share of
 *       {@value #OVERLAP_SHARE} of them (when the scene has bouts) is placed overlapping a bout, as in a real room;
 *       the others keep {@value #DISTRACTOR_DISTANCE_SECONDS} s from every bout, so a false alarm can be attributed
 *       to one class. Distractors do not overlap each other. One that cannot be placed is left out.</li>
 * </ul>
 * If the mix would clip, it is scaled down as a whole; the truth's levels are the levels as mixed.
 */
public final class BoutSceneBuilder {

    public static final double MIN_BED_DBFS = -50;
    public static final double MAX_BED_DBFS = -38;
    public static final int MAX_BOUTS = 2;
    public static final int MAX_CLIPS_PER_BOUT = 3;
    public static final double MAX_CRY_CLIP_SECONDS = 12;
    public static final double MIN_PAUSE_SECONDS = 1;
    public static final double MAX_PAUSE_SECONDS = 4;
    public static final double MIN_CRY_DBFS = -32;
    public static final double MAX_CRY_DBFS = -14;
    public static final double BOUT_GAP_SECONDS = 12;
    public static final double EDGE_SECONDS = 2;
    public static final double END_MARGIN_SECONDS = 6;
    public static final double SECONDS_PER_DISTRACTOR = 15;
    public static final double SHORT_CLIP_SECONDS = 2;
    public static final double LONG_CLIP_SECONDS = 15;
    public static final double MIN_DISTRACTOR_DBFS = -30;
    public static final double MAX_DISTRACTOR_DBFS = -12;
    public static final double OVERLAP_SHARE = 0.2;
    public static final double DISTRACTOR_DISTANCE_SECONDS = 4;
    private static final double MIN_UTTERANCE_SECONDS = 2;
    private static final double MAX_UTTERANCE_SECONDS = 6;
    private static final double MIN_EXCERPT_SECONDS = 3;
    private static final double MAX_EXCERPT_SECONDS = 15;
    private static final double WORD_GAP_SECONDS = 0.25;
    private static final double DISTRACTOR_SPACING_SECONDS = 0.5;
    private static final int PLACEMENT_ATTEMPTS = 200;

    private final int sampleRate;
    private final int frame;
    private final Map<String, SceneClip> beds = new LinkedHashMap<>();
    private final Map<String, List<SceneClip>> criesByGroup = new TreeMap<>();
    private final Map<String, List<SceneClip>> distractorsByClass = new TreeMap<>();
    private final Map<String, float[]> loaded = new HashMap<>();

    /**
     * @param beds        room-noise clips the bed is chained from (at least one)
     * @param cries       cry clips, grouped into bouts by {@link SceneClip#group()}
     * @param distractors non-cry clips, drawn by {@link SceneClip#soundClass()}
     * @param sampleRate  the scenes' rate
     */
    public BoutSceneBuilder(List<SceneClip> beds, List<SceneClip> cries, List<SceneClip> distractors, int sampleRate) {
        if (beds.isEmpty()) {
            throw new IllegalArgumentException("no bed clips to build scenes on");
        }
        for (SceneClip bed : beds) {
            if (this.beds.put(bed.id(), bed) != null) {
                throw new IllegalArgumentException("two bed clips named " + bed.id());
            }
        }
        cries.forEach(c -> criesByGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        distractors.forEach(d -> distractorsByClass.computeIfAbsent(d.soundClass(), g -> new ArrayList<>()).add(d));
        this.sampleRate = sampleRate;
        this.frame = Math.max(1, (int) Math.round(SceneGenerator.ACTIVITY_FRAME_SECONDS * sampleRate));
    }

    /** A scene of {@code durationSeconds}; the same seed gives the same scene. */
    public BoutScene build(long seed, double durationSeconds) throws IOException {
        Random random = new Random(seed);
        int length = (int) Math.round(durationSeconds * sampleRate);
        double bedDbfs = uniform(random, MIN_BED_DBFS, MAX_BED_DBFS);
        List<String> bedIds = new ArrayList<>();
        float[] bed = SceneGenerator.renderBackground(bedLibrary(), sampleRate, bedDbfs, random, length, frame, bedIds);
        float[] mix = bed.clone();

        List<CryBout> bouts = new ArrayList<>();
        int boutCount = criesByGroup.isEmpty() ? 0 : random.nextInt(MAX_BOUTS + 1);
        for (int b = 0; b < boutCount; b++) {
            List<String> ids = new ArrayList<>();
            String group = pick(random, new ArrayList<>(criesByGroup.keySet()));
            float[] bout = boutAudio(criesByGroup.get(group), random, ids);
            double levelDbfs = uniform(random, MIN_CRY_DBFS, MAX_CRY_DBFS);
            int start = placeBout(bout.length, length, bouts, bed, random);
            if (bout.length == 0 || start < 0) {
                continue;
            }
            double cryPower = ClipActivity.of(bout, 0, bout.length, frame, SceneGenerator.ACTIVITY_THRESHOLD_DB).activePower();
            add(mix, bout, start, Math.pow(10.0, levelDbfs / 20.0) / Math.sqrt(cryPower));
            double snrDb = levelDbfs - 10 * Math.log10(SceneGenerator.meanSquare(bed, start, start + bout.length));
            bouts.add(new CryBout(start, start + bout.length, sampleRate, levelDbfs, snrDb, group, ids));
        }

        List<DistractorEvent> placed = new ArrayList<>();
        List<String> classes = new ArrayList<>(distractorsByClass.keySet());
        int distractorCount = classes.isEmpty() ? 0 : poisson(random, durationSeconds / SECONDS_PER_DISTRACTOR);
        for (int d = 0; d < distractorCount; d++) {
            String soundClass = pick(random, classes);
            List<String> ids = new ArrayList<>();
            float[] sound = distractorAudio(distractorsByClass.get(soundClass), random, ids);
            double levelDbfs = uniform(random, MIN_DISTRACTOR_DBFS, MAX_DISTRACTOR_DBFS);
            boolean overlapBout = !bouts.isEmpty() && random.nextDouble() < OVERLAP_SHARE;
            int start = placeDistractor(sound.length, length, overlapBout, bouts, placed, random);
            if (sound.length == 0 || start < 0) {
                continue;
            }
            double power = ClipActivity.of(sound, 0, sound.length, frame, SceneGenerator.ACTIVITY_THRESHOLD_DB).activePower();
            add(mix, sound, start, Math.pow(10.0, levelDbfs / 20.0) / Math.sqrt(power));
            placed.add(new DistractorEvent(start, start + sound.length, sampleRate, soundClass, levelDbfs, ids));
        }

        double scaleDb = 20 * Math.log10(SceneGenerator.limitPeak(mix, bed));
        List<DistractorEvent> distractors = placed.stream()
                .map(e -> new DistractorEvent(e.startSample(), e.endSample(), sampleRate, e.soundClass(),
                        e.levelDbfs() + scaleDb, e.clips()))
                .sorted(Comparator.comparingLong(DistractorEvent::startSample)).toList();
        List<CryBout> scaledBouts = bouts.stream()
                .map(b -> new CryBout(b.startSample(), b.endSample(), sampleRate, b.levelDbfs() + scaleDb, b.snrDb(), b.group(),
                        b.clips()))
                .sorted(Comparator.comparingLong(CryBout::startSample)).toList();
        return new BoutScene(mix, sampleRate, bedIds, bedDbfs + scaleDb, scaledBouts, distractors);
    }

    /** One to three clips of the group, each cut and trimmed, joined with pauses. */
    private float[] boutAudio(List<SceneClip> group, Random random, List<String> ids) throws IOException {
        List<SceneClip> clips = new ArrayList<>(group);
        int count = Math.min(clips.size(), 1 + random.nextInt(MAX_CLIPS_PER_BOUT));
        List<float[]> pieces = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SceneClip clip = clips.remove(random.nextInt(clips.size()));
            float[] cry = active(excerpt(load(clip), MAX_CRY_CLIP_SECONDS, random));
            if (cry.length == 0) {
                continue;
            }
            if (!pieces.isEmpty()) {
                pieces.add(new float[seconds(uniform(random, MIN_PAUSE_SECONDS, MAX_PAUSE_SECONDS))]);
            }
            pieces.add(cry);
            ids.add(clip.id());
        }
        return concat(pieces);
    }

    /** A whole clip, an excerpt of a long one, or short ones chained into an utterance; trimmed to its active frames. */
    private float[] distractorAudio(List<SceneClip> pool, Random random, List<String> ids) throws IOException {
        SceneClip first = pick(random, pool);
        float[] audio = load(first);
        ids.add(first.id());
        if (audio.length < seconds(SHORT_CLIP_SECONDS)) {
            List<SceneClip> sameGroup = pool.stream().filter(c -> c.group().equals(first.group())).toList();
            List<SceneClip> words = sameGroup.size() > 1 ? sameGroup : pool;
            int target = seconds(uniform(random, MIN_UTTERANCE_SECONDS, MAX_UTTERANCE_SECONDS));
            List<float[]> pieces = new ArrayList<>(List.of(active(audio)));
            int total = pieces.get(0).length;
            int minimum = seconds(MIN_UTTERANCE_SECONDS);
            while (total < target && ids.size() < 50) {
                SceneClip next = pick(random, words);
                float[] word = active(load(next));
                float[] gap = new float[seconds(WORD_GAP_SECONDS * (0.5 + random.nextDouble()))];
                if (total >= minimum && total + gap.length + word.length > target) {
                    break; // long enough, and the next word would run past the target
                }
                pieces.add(gap);
                pieces.add(word);
                ids.add(next.id());
                total += gap.length + word.length;
            }
            return active(concat(pieces));
        }
        if (audio.length > seconds(LONG_CLIP_SECONDS)) {
            return active(excerpt(audio, uniform(random, MIN_EXCERPT_SECONDS, MAX_EXCERPT_SECONDS), random));
        }
        return active(audio);
    }

    private int placeBout(int boutLength, int sceneLength, List<CryBout> bouts, float[] bed, Random random) {
        int lowest = seconds(EDGE_SECONDS);
        int highest = sceneLength - seconds(END_MARGIN_SECONDS) - boutLength;
        if (highest < lowest) {
            return -1;
        }
        int gap = seconds(BOUT_GAP_SECONDS);
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            int start = lowest + random.nextInt(highest - lowest + 1);
            boolean free = bouts.stream().noneMatch(b -> overlaps(b.startSample() - gap, b.endSample() + gap, start,
                    start + boutLength));
            if (free && SceneGenerator.meanSquare(bed, start, start + boutLength) > 1e-12) {
                return start;
            }
        }
        return -1;
    }

    private int placeDistractor(int soundLength, int sceneLength, boolean overlapBout, List<CryBout> bouts,
            List<DistractorEvent> placed, Random random) {
        if (soundLength == 0 || soundLength > sceneLength) {
            return -1;
        }
        int distance = seconds(DISTRACTOR_DISTANCE_SECONDS);
        int spacing = seconds(DISTRACTOR_SPACING_SECONDS);
        CryBout target = overlapBout ? pick(random, bouts) : null;
        int lowest = target == null ? 0 : (int) Math.max(0, target.startSample() - soundLength + 1);
        int highest = target == null ? sceneLength - soundLength
                : (int) Math.min(sceneLength - soundLength, target.endSample() - 1);
        if (highest < lowest) {
            return -1;
        }
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            int start = lowest + random.nextInt(highest - lowest + 1);
            int end = start + soundLength;
            boolean clear = placed.stream().noneMatch(e -> overlaps(e.startSample() - spacing, e.endSample() + spacing, start, end))
                    && (target != null || bouts.stream().noneMatch(b -> overlaps(b.startSample() - distance,
                            b.endSample() + distance, start, end)));
            if (clear) {
                return start;
            }
        }
        return -1;
    }

    private ClipLibrary bedLibrary() {
        List<ClipEntry> entries = beds.keySet().stream().map(id -> new ClipEntry(id, "")).toList();
        return new ClipLibrary() {
            @Override
            public String name() {
                return "bed clips";
            }

            @Override
            public List<ClipEntry> cries() {
                return List.of();
            }

            @Override
            public List<ClipEntry> backgrounds() {
                return entries;
            }

            @Override
            public float[] load(ClipEntry clip, int rate) throws IOException {
                return BoutSceneBuilder.this.load(beds.get(clip.id()));
            }
        };
    }

    /** The clip at the scene rate, loaded once. */
    private float[] load(SceneClip clip) throws IOException {
        float[] audio = loaded.get(clip.file().toString());
        if (audio == null) {
            audio = MonoWavStream.readAll(clip.file(), sampleRate);
            loaded.put(clip.file().toString(), audio);
        }
        return audio;
    }

    private float[] excerpt(float[] audio, double maxSeconds, Random random) {
        int max = seconds(maxSeconds);
        if (audio.length <= max) {
            return audio;
        }
        int offset = random.nextInt(audio.length - max + 1);
        return Arrays.copyOfRange(audio, offset, offset + max);
    }

    /** The clip from its first to its last active frame, or empty if it has none. */
    private float[] active(float[] audio) {
        ClipActivity activity = ClipActivity.of(audio, 0, audio.length, frame, SceneGenerator.ACTIVITY_THRESHOLD_DB);
        return activity.hasActivity()
                ? Arrays.copyOfRange(audio, activity.activeStart(), activity.activeEnd(audio.length)) : new float[0];
    }

    private int seconds(double seconds) {
        return (int) Math.round(seconds * sampleRate);
    }

    private static float[] concat(List<float[]> pieces) {
        float[] out = new float[pieces.stream().mapToInt(p -> p.length).sum()];
        int at = 0;
        for (float[] piece : pieces) {
            System.arraycopy(piece, 0, out, at, piece.length);
            at += piece.length;
        }
        return out;
    }

    private static void add(float[] mix, float[] sound, int start, double gain) {
        for (int i = 0; i < sound.length; i++) {
            mix[start + i] += (float) (gain * sound[i]);
        }
    }

    private static boolean overlaps(long from, long to, long start, long end) {
        return start < to && from < end;
    }

    private static double uniform(Random random, double low, double high) {
        return low + random.nextDouble() * (high - low);
    }

    private static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /** A Poisson draw of the given mean (Knuth's method; means of a few tens at most). */
    private static int poisson(Random random, double mean) {
        double limit = Math.exp(-mean);
        int k = 0;
        for (double p = random.nextDouble(); p > limit; p *= random.nextDouble()) {
            k++;
        }
        return k;
    }
}
