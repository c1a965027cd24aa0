package io.cryflow.inference.scoring;

import io.cryflow.inference.episode.EpisodeEvent;
import io.cryflow.inference.episode.EpisodeTracker;
import io.cryflow.inference.episode.WindowScore;
import io.cryflow.inference.input.MelWindow;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the detector on fewer windows of a quiet room without changing a single event. While a microphone's tracker is
 * {@linkplain EpisodeTracker#isQuiet() quiet}, a gated window whose number ({@code startFrameIndex / hopFrames}) is
 * not a multiple of {@code stride} is held back, unscored and unseen by the tracker, and the next window decides
 * about it: if that one scores below the off threshold, the held windows go to the tracker as unscored (the
 * detector never runs on them); if it reaches the off threshold, they are scored after all and go to the tracker
 * first. At most {@code onWindows - 1} windows are held, so no onset can be confirmed among them alone, and the
 * tracker ends up with exactly the events it would have had from every window scored, at the same moments.
 * {@code QuietStrideTest} checks that equivalence on random rooms.
 *
 * <p>Held windows live in memory only (their values are too large to store per record): if the processor is
 * re-created in between, they never reach the tracker, which then sees one hop without a window, as after a lost
 * chunk. Pure Java, no Kafka; immutable and thread-safe (the held windows belong to the caller).
 */
public final class QuietStride {

    /** Counter of gated windows a quiet room held back and never scored (the scorer counts them as not scored too). */
    public static final String LEFT_OUT_COUNTER = "cryflow.inference.windows.quiet.left.out";

    private static final Counter LEFT_OUT = Counter.builder(LEFT_OUT_COUNTER)
            .description("Gated windows a quiet room held back and never scored").register(Metrics.globalRegistry);

    /** The models over windows, as {@link WindowScorer#score} with its cause threshold fixed: one score per window. */
    @FunctionalInterface
    public interface Scoring {
        List<WindowScore> score(List<MelWindow> windows, boolean[] toScore);
    }

    private final int stride;
    private final int hopFrames;

    /**
     * @param stride    while a room is quiet only every {@code stride}-th window is scored up front; 1 scores every
     *                  gated window
     * @param hopFrames frames between the starts of consecutive windows
     */
    public QuietStride(int stride, int hopFrames) {
        if (stride < 1 || hopFrames < 1) {
            throw new IllegalArgumentException("need stride >= 1 and hopFrames >= 1, got " + stride + ", " + hopFrames);
        }
        this.stride = stride;
        this.hopFrames = hopFrames;
    }

    public int stride() {
        return stride;
    }

    /**
     * Scores one microphone's ready windows as far as needed and feeds them, in order, to its tracker.
     *
     * @param windows  consecutive windows, oldest first
     * @param gated    per window, whether it is worth scoring at all (the gate was open)
     * @param held     this microphone's windows held back so far, oldest first; updated in place
     * @param tracker  the microphone's tracker (see {@code RoomEpisodes}: one per microphone of a room)
     * @param scoring  the models
     * @return the tracker's events, oldest first
     */
    public List<EpisodeEvent> scoreAndObserve(List<MelWindow> windows, boolean[] gated, List<MelWindow> held,
            EpisodeTracker tracker, Scoring scoring) {
        List<EpisodeEvent> events = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            MelWindow window = windows.get(i);
            if (mayHold(window, gated[i], held, tracker)) {
                held.add(window);
            } else if (!held.isEmpty()) {
                // This window decides about the held ones. A closed gate tells nothing about them: score them.
                WindowScore decider = scoring.score(List.of(window), new boolean[] {gated[i]}).get(0);
                boolean scoreHeld = !gated[i] || decider.cryProbability() >= tracker.settings().offThreshold();
                if (!scoreHeld) {
                    LEFT_OUT.increment(held.size());
                }
                observe(scoring.score(List.copyOf(held), filled(held.size(), scoreHeld)), tracker, events);
                held.clear();
                events.addAll(tracker.observe(decider));
            } else if (stride > 1 && tracker.isQuiet()) {
                // Alone, so that the windows after it may still be held.
                observe(scoring.score(List.of(window), new boolean[] {gated[i]}), tracker, events);
            } else {
                // Not quiet: the rest in one batch, as without a stride (the room may turn quiet within it; the
                // saving is only missed then).
                List<MelWindow> rest = windows.subList(i, windows.size());
                observe(scoring.score(rest, Arrays.copyOfRange(gated, i, windows.size())), tracker, events);
                break;
            }
        }
        return events;
    }

    /**
     * Scores the held windows now and feeds them to the tracker: no window will come to decide about them (the
     * microphone went offline).
     */
    public List<EpisodeEvent> flush(List<MelWindow> held, EpisodeTracker tracker, Scoring scoring) {
        List<EpisodeEvent> events = new ArrayList<>();
        if (!held.isEmpty()) {
            observe(scoring.score(List.copyOf(held), filled(held.size(), true)), tracker, events);
            held.clear();
        }
        return events;
    }

    private boolean mayHold(MelWindow window, boolean gated, List<MelWindow> held, EpisodeTracker tracker) {
        return stride > 1 && gated && held.size() < tracker.settings().onWindows() - 1 && tracker.isQuiet()
                && Math.floorMod(window.startFrameIndex() / hopFrames, stride) != 0;
    }

    private static void observe(List<WindowScore> scores, EpisodeTracker tracker, List<EpisodeEvent> events) {
        for (WindowScore score : scores) {
            events.addAll(tracker.observe(score));
        }
    }

    private static boolean[] filled(int length, boolean value) {
        boolean[] b = new boolean[length];
        Arrays.fill(b, value);
        return b;
    }
}
