package io.cryflow.ingest.scene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mixes cry clips over background audio at random (seeded) offsets and SNRs.
 *
 * <p>Definitions, which the ground truth follows exactly:
 * <ul>
 *   <li><b>Active samples</b> of a clip: its 20 ms frames whose mean square is within
 *       {@value #ACTIVITY_THRESHOLD_DB} dB of its loudest frame ({@link ClipActivity}). A cry clip is
 *       trimmed to its first..last active frame; that span is the episode [start, end).</li>
 *   <li><b>SNR</b> of an episode: {@code 10 log10(P_cry / P_bg)}, where {@code P_cry} is the mean
 *       square of the cry as mixed over its active samples and {@code P_bg} the mean square of the
 *       background over the episode's whole span [start, end).</li>
 * </ul>
 * The background is a chain of background clips (each trimmed of leading/trailing silence, brought
 * to a common RMS, started at a random point, joined with 20 ms cross-fades), then set to the
 * spec's RMS level. If the mix would clip, mix and background are scaled down together, which
 * leaves every SNR unchanged.
 */
public final class SceneGenerator {

    private static final Logger LOG = LoggerFactory.getLogger(SceneGenerator.class);

    /** Activity threshold below a clip's loudest frame, in dB. */
    public static final double ACTIVITY_THRESHOLD_DB = 30.0;
    /** Activity frame length in seconds. */
    public static final double ACTIVITY_FRAME_SECONDS = 0.020;
    /** Peak the mix is limited to, leaving headroom for 16-bit rounding. */
    static final double MAX_PEAK = 0.98;
    private static final double CROSSFADE_SECONDS = 0.020;
    /** Background clip edges quieter than this (dB below their loudest frame) are trimmed. */
    private static final double BACKGROUND_TRIM_DB = 50.0;
    private static final int PLACEMENT_ATTEMPTS = 500;
    private static final int LAYOUT_ATTEMPTS = 50;

    private final ClipLibrary library;

    public SceneGenerator(ClipLibrary library) {
        this.library = library;
    }

    /** Generates a scene in memory. */
    public Scene generate(SceneSpec spec) throws IOException {
        if (library.cries().isEmpty() && spec.cryCount() > 0) {
            throw new IOException("clip library " + library.name() + " has no cry clips");
        }
        if (library.backgrounds().isEmpty()) {
            throw new IOException("clip library " + library.name() + " has no background clips");
        }
        Random random = new Random(spec.seed());
        int rate = spec.sampleRate();
        int length = (int) Math.round(spec.durationSeconds() * rate);
        int frame = Math.max(1, (int) Math.round(ACTIVITY_FRAME_SECONDS * rate));

        List<String> backgroundIds = new ArrayList<>();
        float[] background = renderBackground(library, rate, spec.backgroundDbfs(), random, length, frame, backgroundIds);
        float[] mix = background.clone();

        List<CryEpisode> episodes = new ArrayList<>();
        int gap = (int) Math.round(spec.minGapSeconds() * rate);
        int silentDraws = 0;
        int layouts = 0;
        while (episodes.size() < spec.cryCount()) {
            ClipEntry entry = library.cries().get(random.nextInt(library.cries().size()));
            float[] cry = trimmedCry(entry, spec, random, frame);
            if (cry.length == 0) {
                if (++silentDraws > 100) {
                    throw new IOException("clip library " + library.name() + " yields only silent cry clips");
                }
                continue; // a silent clip (or excerpt): draw another
            }
            double snrDb = spec.minSnrDb() + random.nextDouble() * (spec.maxSnrDb() - spec.minSnrDb());
            int start = place(cry.length, length, gap, episodes, background, random);
            if (start < 0) {
                // Earlier cries placed one by one can leave no room for this one although a layout exists: start
                // the cries over (the same random stream goes on, so the scene stays reproducible; a scene that
                // fitted at the first try is unchanged).
                if (++layouts >= LAYOUT_ATTEMPTS) {
                    throw new IOException("scene of " + spec.durationSeconds() + " s cannot fit " + spec.cryCount()
                            + " cries with " + spec.minGapSeconds() + " s gaps (placed " + episodes.size() + " in "
                            + LAYOUT_ATTEMPTS + " layouts)");
                }
                episodes.clear();
                System.arraycopy(background, 0, mix, 0, mix.length);
                continue;
            }
            double cryPower = ClipActivity.of(cry, 0, cry.length, frame, ACTIVITY_THRESHOLD_DB).activePower();
            double backgroundPower = meanSquare(background, start, start + cry.length);
            double gain = Math.sqrt(backgroundPower * Math.pow(10.0, snrDb / 10.0) / cryPower);
            for (int j = 0; j < cry.length; j++) {
                mix[start + j] += (float) (gain * cry[j]);
            }
            episodes.add(new CryEpisode(start, start + cry.length, rate, snrDb, entry.id(), entry.cause()));
        }
        episodes.sort(Comparator.comparingLong(CryEpisode::startSample));
        limitPeak(mix, background);
        LOG.debug("Scene from {}: {} s, {} cries, seed {}", library.name(), spec.durationSeconds(),
                episodes.size(), spec.seed());
        return new Scene(mix, background, rate, episodes, backgroundIds, spec);
    }

    /**
     * A background of {@code length} samples chained from the library's background clips as the class Javadoc
     * describes, at {@code backgroundDbfs} RMS; the ids of the clips used are added to {@code ids}.
     */
    static float[] renderBackground(ClipLibrary library, int rate, double backgroundDbfs, Random random, int length,
            int frame, List<String> ids) throws IOException {
        int fade = Math.max(1, (int) Math.round(CROSSFADE_SECONDS * rate));
        float[] out = new float[length];
        int filled = 0;
        int unusable = 0;
        while (filled < length) {
            ClipEntry entry = library.backgrounds().get(random.nextInt(library.backgrounds().size()));
            float[] clip = library.load(entry, rate);
            ClipActivity activity = ClipActivity.of(clip, 0, clip.length, frame, BACKGROUND_TRIM_DB);
            int from = activity.hasActivity() ? activity.activeStart() : 0;
            int to = activity.hasActivity() ? activity.activeEnd(clip.length) : 0;
            if (to - from < 4 * fade) {
                if (++unusable > 100) {
                    throw new IOException("clip library " + library.name() + ": background clips are silent or too short");
                }
                continue;
            }
            double rms = Math.sqrt(meanSquare(clip, from, to));
            int offset = from + random.nextInt(Math.max(1, (to - from) - 2 * fade));
            int overlap = filled == 0 ? 0 : fade;
            int take = Math.min(to - offset, length - filled + overlap);
            int at = filled - overlap;
            for (int i = 0; i < take; i++) {
                float v = (float) (clip[offset + i] / rms);
                if (i < overlap) {
                    double w = (i + 0.5) / overlap;
                    out[at + i] = (float) (out[at + i] * (1.0 - w) + v * w);
                } else {
                    out[at + i] = v;
                }
            }
            filled = at + take;
            ids.add(entry.id());
        }
        double scale = Math.pow(10.0, backgroundDbfs / 20.0) / Math.sqrt(meanSquare(out, 0, length));
        for (int i = 0; i < length; i++) {
            out[i] = (float) (out[i] * scale);
        }
        return out;
    }

    private float[] trimmedCry(ClipEntry entry, SceneSpec spec, Random random, int frame) throws IOException {
        float[] clip = library.load(entry, spec.sampleRate());
        int max = (int) Math.round(spec.maxCrySeconds() * spec.sampleRate());
        if (clip.length > max) {
            int offset = random.nextInt(clip.length - max + 1);
            clip = Arrays.copyOfRange(clip, offset, offset + max);
        }
        ClipActivity activity = ClipActivity.of(clip, 0, clip.length, frame, ACTIVITY_THRESHOLD_DB);
        if (!activity.hasActivity()) {
            return new float[0];
        }
        return Arrays.copyOfRange(clip, activity.activeStart(), activity.activeEnd(clip.length));
    }

    /** A random start keeping {@code gap} from the edges and from other episodes; -1 if none found. */
    private static int place(int cryLength, int sceneLength, int gap, List<CryEpisode> placed, float[] background,
            Random random) {
        int lowest = gap;
        int highest = sceneLength - gap - cryLength;
        if (highest < lowest) {
            return -1;
        }
        for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
            int start = lowest + random.nextInt(highest - lowest + 1);
            boolean free = true;
            for (CryEpisode e : placed) {
                if (e.overlaps(start - gap, start + cryLength + gap)) {
                    free = false;
                    break;
                }
            }
            // A span of digital silence in the background would make the SNR meaningless.
            if (free && meanSquare(background, start, start + cryLength) > 1e-12) {
                return start;
            }
        }
        return -1;
    }

    /** Scales mix and background down together if the mix peaks above {@link #MAX_PEAK}; returns the scale (1 if none). */
    static double limitPeak(float[] mix, float[] background) {
        float peak = 0f;
        for (float v : mix) {
            peak = Math.max(peak, Math.abs(v));
        }
        if (peak <= MAX_PEAK) {
            return 1.0;
        }
        double scale = MAX_PEAK / peak;
        for (int i = 0; i < mix.length; i++) {
            mix[i] = (float) (mix[i] * scale);
            background[i] = (float) (background[i] * scale);
        }
        return scale;
    }

    static double meanSquare(float[] x, int from, int to) {
        double sum = 0.0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return to > from ? sum / (to - from) : 0.0;
    }
}
