package io.cryflow.inference.episode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns one microphone's stream of window cry probabilities, in capture-time order, into cry episodes. Pure Java,
 * no Kafka: the stream app keeps one per microphone, merged into the room's episodes by {@link RoomEpisodes} in a
 * changelogged store ({@link #snapshot()}, {@link #restore(EpisodeSettings, byte[])}), the offline {@code detect}
 * command one per file.
 *
 * <p>Rules, with the {@link EpisodeSettings} names (a window's time is its {@linkplain WindowScore#centreMicros()
 * centre}; an unscored window counts as no cry):
 * <ul>
 *   <li><b>Onset</b>: {@code onWindows} consecutive windows at or above {@code onThreshold} confirm an episode.
 *       It starts at the first of them, or earlier, at the first of the unbroken windows at or above
 *       {@code offThreshold} leading into them, but at most {@code endAfter} earlier: the same hysteresis as the
 *       offset, since the probability rises over a few windows as a cry fills them.</li>
 *   <li><b>Minimum duration</b>: CRY_STARTED is published once the episode has lasted {@code minDuration}
 *       (start to its latest window at or above {@code offThreshold}); an episode that ends sooner is dropped
 *       without any event, so there is never a CRY_STARTED without its CRY_ENDED.</li>
 *   <li><b>Offset</b>: the episode goes quiet once its windows have stayed below {@code offThreshold} for
 *       {@code endAfter}; it ends at its last window at or above {@code offThreshold}.</li>
 *   <li><b>Gap merging</b>: a new onset whose first window lies within {@code mergeGap} of that end continues
 *       the episode (no second CRY_STARTED). CRY_ENDED is published when {@code max(endAfter, mergeGap)} has
 *       passed with no such onset.</li>
 *   <li><b>Updates</b>: CRY_UPDATED at most every {@code updateInterval}, only when the cause changed or the mean
 *       or peak confidence moved by {@code confidenceStep}.</li>
 *   <li><b>Statistics</b> over the episode's cry windows (at or above {@code offThreshold}): latest, peak and
 *       mean probability; the cause distribution is the mean of the classifier's probabilities over the windows
 *       it ran on, and the cause is its largest entry, or {@value #UNCERTAIN} below {@code causeMinProbability}.</li>
 *   <li><b>Missing audio</b> (a microphone offline) produces no windows and so never ends an episode: no
 *       CRY_ENDED without audio showing that the crying stopped. When audio returns the rules above decide on
 *       it; a gap longer than {@code max(endAfter, mergeGap)} ends the old episode at its last cry first.</li>
 * </ul>
 * Not thread-safe.
 */
public final class EpisodeTracker {

    /** The cause of an episode whose cause distribution has no probable enough entry. */
    public static final String UNCERTAIN = "uncertain";

    private static final int MAGIC = 0x43455054; // "CEPT"
    private static final byte VERSION = 1;

    private enum Phase { IDLE, ACTIVE, ENDING }

    private final EpisodeSettings settings;

    private Phase phase = Phase.IDLE;
    /** The run of consecutive windows at or above the on threshold, not yet part of an episode. */
    private final Stats run = new Stats();
    private long runStartMicros;
    private long runEndMicros;
    /** First window of the current unbroken stretch at or above the off threshold, or -1. */
    private long leadInStartMicros = -1;
    private long lastWindowMicros = Long.MIN_VALUE / 2;
    /** The current episode (ACTIVE or ENDING). */
    private final Stats episode = new Stats();
    private long startMicros;
    private long lastCryMicros;
    private boolean reported;
    private long publishedAtMicros;
    private String publishedCause = UNCERTAIN;
    private float publishedMean;
    private float publishedPeak;

    public EpisodeTracker(EpisodeSettings settings) {
        this.settings = settings;
    }

    public EpisodeSettings settings() {
        return settings;
    }

    /** Whether an episode has been reported (CRY_STARTED) and not yet ended. */
    public boolean hasOpenEpisode() {
        return phase != Phase.IDLE && reported;
    }

    /**
     * Whether nothing is going on: no episode (reported or not), no onset run, and the latest window was below the
     * off threshold or unscored. An unscored window then leaves the tracker exactly as a low-scoring one would.
     */
    public boolean isQuiet() {
        return phase == Phase.IDLE && run.count == 0 && leadInStartMicros < 0;
    }

    /** Start of the reported open episode, or -1. */
    public long openEpisodeStartMicros() {
        return hasOpenEpisode() ? startMicros : -1;
    }

    /**
     * A lower bound on the start of any episode this tracker has not reported yet: an unreported episode's start,
     * else the first window of the current stretch at or above the off threshold (an onset run can only start an
     * episode within it), else just after the latest window. {@link RoomEpisodes} waits on it to know that a
     * microphone can no longer continue the room's episode.
     */
    public long earliestUnreportedStartMicros() {
        if (phase != Phase.IDLE) {
            return startMicros;
        }
        return leadInStartMicros >= 0 ? leadInStartMicros : lastWindowMicros + 1;
    }

    /** Feeds the next window (in capture-time order) and returns the events it causes, oldest first. */
    public List<EpisodeEvent> observe(WindowScore window) {
        List<EpisodeEvent> events = new ArrayList<>(2);
        // An unscored window is no cry at any threshold, even an off threshold of 0.
        float p = window.isScored() ? window.cryProbability() : Float.NEGATIVE_INFINITY;
        long t = window.centreMicros();

        if (phase != Phase.IDLE && t - lastCryMicros >= settings.endDecisionMicros()) {
            // Long enough since the last cry (quiet windows, or audio missing) that the episode is over, unless
            // an onset run that began within the merge gap is still going on; a run that began later carries on
            // towards a new episode.
            boolean runMayMerge = phase == Phase.ENDING && p >= settings.onThreshold() && run.count > 0
                    && runStartMicros - lastCryMicros < settings.mergeGapMicros();
            if (!runMayMerge) {
                finish(events);
            }
        }
        if (p >= settings.offThreshold() && t - lastWindowMicros <= settings.endAfterMicros()) {
            if (leadInStartMicros < 0) {
                leadInStartMicros = t;
            }
        } else {
            // Below the off threshold, or after missing audio: a new stretch starts here (or later).
            leadInStartMicros = p >= settings.offThreshold() ? t : -1;
        }
        lastWindowMicros = t;
        switch (phase) {
            case IDLE -> {
                if (extendRun(window, p, t)) {
                    beginEpisode();
                    maybeStart(window, events);
                }
            }
            case ACTIVE -> {
                if (p >= settings.offThreshold()) {
                    lastCryMicros = t;
                    episode.add(p, window.causeProbabilities());
                    if (reported) {
                        maybeUpdate(window, events);
                    } else {
                        maybeStart(window, events);
                    }
                } else if (t - lastCryMicros >= settings.endAfterMicros()) {
                    if (!reported) {
                        phase = Phase.IDLE; // too short to report
                    } else {
                        phase = Phase.ENDING;
                    }
                }
            }
            case ENDING -> {
                if (extendRun(window, p, t)) {
                    // A new onset within the merge gap: the same episode continues.
                    episode.addAll(run);
                    lastCryMicros = t;
                    run.clear();
                    phase = Phase.ACTIVE;
                    maybeUpdate(window, events);
                }
            }
        }
        return events;
    }

    /**
     * Ends the open episode now at its last cry (end of a file; shutting a room down), or drops an unreported
     * one. Returns CRY_ENDED when an episode had been reported.
     */
    public List<EpisodeEvent> endNow() {
        List<EpisodeEvent> events = new ArrayList<>(1);
        if (phase != Phase.IDLE) {
            finish(events);
        }
        run.clear();
        return events;
    }

    /** Adds the window to the onset run, or resets the run; true when the run now confirms an onset. */
    private boolean extendRun(WindowScore window, float p, long t) {
        if (p < settings.onThreshold()) {
            run.clear();
            return false;
        }
        if (run.count == 0) {
            runStartMicros = t;
        }
        runEndMicros = t;
        run.add(p, window.causeProbabilities());
        return run.count >= settings.onWindows();
    }

    private void beginEpisode() {
        episode.clear();
        episode.addAll(run);
        startMicros = leadInStartMicros >= 0
                ? Math.max(Math.min(leadInStartMicros, runStartMicros), runStartMicros - settings.endAfterMicros())
                : runStartMicros;
        lastCryMicros = runEndMicros;
        run.clear();
        reported = false;
        phase = Phase.ACTIVE;
    }

    private void maybeStart(WindowScore window, List<EpisodeEvent> events) {
        if (lastCryMicros - startMicros >= settings.minDurationMicros()) {
            reported = true;
            events.add(event(EpisodeEvent.Type.STARTED, -1, startMicros));
            markPublished(window.endMicros());
        }
    }

    private void maybeUpdate(WindowScore window, List<EpisodeEvent> events) {
        if (window.endMicros() - publishedAtMicros < settings.updateIntervalMicros()) {
            return;
        }
        String cause = episode.cause(settings.causeMinProbability());
        boolean refined = !cause.equals(publishedCause)
                || Math.abs(episode.mean() - publishedMean) >= settings.confidenceStep()
                || Math.abs(episode.peak - publishedPeak) >= settings.confidenceStep();
        if (refined) {
            events.add(event(EpisodeEvent.Type.UPDATED, -1, window.endMicros()));
            markPublished(window.endMicros());
        }
    }

    private void finish(List<EpisodeEvent> events) {
        if (reported) {
            events.add(event(EpisodeEvent.Type.ENDED, lastCryMicros, lastCryMicros));
        }
        phase = Phase.IDLE;
        reported = false;
        episode.clear();
    }

    private void markPublished(long atMicros) {
        publishedAtMicros = atMicros;
        publishedCause = episode.cause(settings.causeMinProbability());
        publishedMean = episode.mean();
        publishedPeak = episode.peak;
    }

    private EpisodeEvent event(EpisodeEvent.Type type, long endMicros, long eventTimeMicros) {
        return new EpisodeEvent(type, startMicros, endMicros, eventTimeMicros, episode.latest, episode.peak,
                episode.mean(), episode.cause(settings.causeMinProbability()), episode.causeDistribution());
    }

    /** The tracker's whole state, for a changelogged store; restorable with {@link #restore}. */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(phase.ordinal());
            run.write(out);
            out.writeLong(runStartMicros);
            out.writeLong(runEndMicros);
            out.writeLong(leadInStartMicros);
            out.writeLong(lastWindowMicros);
            episode.write(out);
            out.writeLong(startMicros);
            out.writeLong(lastCryMicros);
            out.writeBoolean(reported);
            out.writeLong(publishedAtMicros);
            out.writeUTF(publishedCause);
            out.writeFloat(publishedMean);
            out.writeFloat(publishedPeak);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * A tracker continuing from {@link #snapshot()}, under the given (possibly changed) settings.
     *
     * @throws IllegalArgumentException if the bytes are not a tracker snapshot of this version
     */
    public static EpisodeTracker restore(EpisodeSettings settings, byte[] snapshot) {
        EpisodeTracker tracker = new EpisodeTracker(settings);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readInt() != MAGIC || in.readByte() != VERSION) {
                throw new IllegalArgumentException("not an episode tracker snapshot of version " + VERSION);
            }
            tracker.phase = Phase.values()[in.readByte()];
            tracker.run.read(in);
            tracker.runStartMicros = in.readLong();
            tracker.runEndMicros = in.readLong();
            tracker.leadInStartMicros = in.readLong();
            tracker.lastWindowMicros = in.readLong();
            tracker.episode.read(in);
            tracker.startMicros = in.readLong();
            tracker.lastCryMicros = in.readLong();
            tracker.reported = in.readBoolean();
            tracker.publishedAtMicros = in.readLong();
            tracker.publishedCause = in.readUTF();
            tracker.publishedMean = in.readFloat();
            tracker.publishedPeak = in.readFloat();
            if (in.available() != 0) {
                throw new IllegalArgumentException("episode tracker snapshot has " + in.available() + " trailing bytes");
            }
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("corrupt episode tracker snapshot: " + e.getMessage(), e);
        }
        return tracker;
    }

    /** Running statistics of a set of cry windows. */
    private static final class Stats {
        int count;
        double sum;
        float peak;
        float latest;
        int causeCount;
        final Map<String, Double> causeSums = new TreeMap<>();

        void add(float p, Map<String, Float> causes) {
            count++;
            sum += p;
            peak = Math.max(peak, p);
            latest = p;
            if (!causes.isEmpty()) {
                causeCount++;
                causes.forEach((name, value) -> causeSums.merge(name, (double) value, Double::sum));
            }
        }

        void addAll(Stats other) {
            if (other.count == 0) {
                return;
            }
            count += other.count;
            sum += other.sum;
            peak = Math.max(peak, other.peak);
            latest = other.latest;
            causeCount += other.causeCount;
            other.causeSums.forEach((name, value) -> causeSums.merge(name, value, Double::sum));
        }

        void clear() {
            count = 0;
            sum = 0;
            peak = 0;
            latest = 0;
            causeCount = 0;
            causeSums.clear();
        }

        float mean() {
            return count == 0 ? 0f : (float) (sum / count);
        }

        Map<String, Float> causeDistribution() {
            Map<String, Float> distribution = new TreeMap<>();
            if (causeCount > 0) {
                causeSums.forEach((name, value) -> distribution.put(name, (float) (value / causeCount)));
            }
            return distribution;
        }

        String cause(double minProbability) {
            String best = UNCERTAIN;
            double bestMean = -1;
            for (Map.Entry<String, Double> entry : causeSums.entrySet()) {
                double mean = entry.getValue() / causeCount;
                if (mean > bestMean) {
                    bestMean = mean;
                    best = entry.getKey();
                }
            }
            return causeCount > 0 && bestMean >= minProbability ? best : UNCERTAIN;
        }

        void write(DataOutputStream out) throws IOException {
            out.writeInt(count);
            out.writeDouble(sum);
            out.writeFloat(peak);
            out.writeFloat(latest);
            out.writeInt(causeCount);
            out.writeShort(causeSums.size());
            for (Map.Entry<String, Double> entry : causeSums.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeDouble(entry.getValue());
            }
        }

        void read(DataInputStream in) throws IOException {
            clear();
            count = in.readInt();
            sum = in.readDouble();
            peak = in.readFloat();
            latest = in.readFloat();
            causeCount = in.readInt();
            int causes = in.readShort();
            for (int i = 0; i < causes; i++) {
                causeSums.put(in.readUTF(), in.readDouble());
            }
        }
    }
}
