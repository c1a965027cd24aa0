package io.cryflow.inference.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.episode.EpisodeEvent;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.inference.episode.EpisodeTracker;
import io.cryflow.inference.episode.WindowScore;
import io.cryflow.inference.input.MelWindow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Windows of 2 s every 0.5 s (hop 50 frames): window number n starts at frame 50 n. The "detector" here reads a
 * window's probability from a table by window number and logs which windows it ran on.
 */
class QuietStrideTest {

    private static final int HOP_FRAMES = 50;
    private static final long HOP_MICROS = 500_000;
    private static final long LENGTH_MICROS = 2_000_000;
    private static final float OFF = (float) EpisodeSettings.DEFAULT.offThreshold();

    private static MelWindow window(int number) {
        return new MelWindow((long) number * HOP_FRAMES, number * HOP_MICROS, number * HOP_MICROS + LENGTH_MICROS, new float[0]);
    }

    private static List<MelWindow> windows(int first, int count) {
        return IntStream.range(first, first + count).mapToObj(QuietStrideTest::window).toList();
    }

    private static boolean[] gated(int count) {
        boolean[] b = new boolean[count];
        Arrays.fill(b, true);
        return b;
    }

    /** A detector that knows every window's probability and records the windows it scored. */
    private static final class TableDetector implements QuietStride.Scoring {
        final float[] probabilities;
        final List<Integer> scored = new ArrayList<>();

        TableDetector(float... probabilities) {
            this.probabilities = probabilities;
        }

        @Override
        public List<WindowScore> score(List<MelWindow> windows, boolean[] toScore) {
            List<WindowScore> scores = new ArrayList<>();
            for (int i = 0; i < windows.size(); i++) {
                MelWindow w = windows.get(i);
                int number = (int) (w.startFrameIndex() / HOP_FRAMES);
                if (toScore[i]) {
                    scored.add(number);
                    scores.add(WindowScore.scored(w.startCaptureMicros(), w.endCaptureMicros(), probabilities[number]));
                } else {
                    scores.add(WindowScore.unscored(w.startCaptureMicros(), w.endCaptureMicros()));
                }
            }
            return scores;
        }
    }

    @Test
    void aQuietRoomHoldsAnOffStrideWindowAndLeavesItUnscoredWhenTheNextIsLow() {
        TableDetector detector = new TableDetector(0.1f, 0.9f, 0.2f, 0.1f);
        EpisodeTracker tracker = new EpisodeTracker(EpisodeSettings.DEFAULT);
        QuietStride stride = new QuietStride(2, HOP_FRAMES);
        List<MelWindow> held = new ArrayList<>();
        stride.scoreAndObserve(windows(0, 1), gated(1), held, tracker, detector);
        stride.scoreAndObserve(windows(1, 1), gated(1), held, tracker, detector);
        assertEquals(List.of(50L), held.stream().map(MelWindow::startFrameIndex).toList(), "window 1 waits for window 2");
        assertEquals(List.of(0), detector.scored);
        stride.scoreAndObserve(windows(2, 1), gated(1), held, tracker, detector);
        assertEquals(List.of(), held);
        assertEquals(List.of(0, 2), detector.scored, "window 2 is low: window 1 is never scored (its 0.9 is never seen)");
        assertTrue(tracker.isQuiet());
    }

    @Test
    void heldWindowsAreScoredFirstWhenTheNextReachesTheOffThresholdOrTheGateClosed() {
        TableDetector detector = new TableDetector(0.1f, 0.9f, 0.9f, 0.1f, 0.1f, 0.1f);
        EpisodeTracker tracker = new EpisodeTracker(EpisodeSettings.DEFAULT);
        QuietStride stride = new QuietStride(2, HOP_FRAMES);
        List<MelWindow> held = new ArrayList<>();
        stride.scoreAndObserve(windows(0, 3), gated(3), held, tracker, detector);
        assertEquals(List.of(0, 2, 1), detector.scored, "window 2 reached the off threshold: window 1 scored after it");
        assertTrue(!tracker.isQuiet());

        TableDetector gateCase = new TableDetector(0.1f, 0.1f, 0.1f, 0.1f);
        EpisodeTracker quiet = new EpisodeTracker(EpisodeSettings.DEFAULT);
        List<MelWindow> held2 = new ArrayList<>();
        stride.scoreAndObserve(windows(0, 3), new boolean[] {true, true, false}, held2, quiet, gateCase);
        assertEquals(List.of(0, 1), gateCase.scored, "a closed gate on window 2 tells nothing about window 1: scored");
    }

    @Test
    void aRoomThatIsNotQuietScoresEveryGatedWindowInOneBatch() {
        TableDetector detector = new TableDetector(0.9f, 0.9f, 0.9f, 0.9f, 0.9f);
        EpisodeTracker tracker = new EpisodeTracker(EpisodeSettings.DEFAULT);
        List<MelWindow> held = new ArrayList<>();
        List<EpisodeEvent> events = new QuietStride(2, HOP_FRAMES).scoreAndObserve(windows(0, 1), gated(1), held, tracker, detector);
        assertTrue(events.isEmpty());
        List<Integer> batches = new ArrayList<>();
        QuietStride.Scoring counting = (ws, toScore) -> {
            batches.add(ws.size());
            return detector.score(ws, toScore);
        };
        new QuietStride(2, HOP_FRAMES).scoreAndObserve(windows(1, 4), gated(4), held, tracker, counting);
        assertEquals(List.of(4), batches);
        assertEquals(List.of(0, 1, 2, 3, 4), detector.scored);
    }

    @Test
    void atMostOneWindowFewerThanAnOnsetNeedsIsHeld() {
        TableDetector detector = new TableDetector(new float[12]);
        EpisodeSettings twoWindows = new EpisodeSettings(0.5, 0.3, 2, 2_000_000, 4_000_000, 1_000_000, 5_000_000, 0.05, 0.5);
        List<MelWindow> held = new ArrayList<>();
        new QuietStride(4, HOP_FRAMES).scoreAndObserve(windows(1, 3), gated(3), held, new EpisodeTracker(twoWindows), detector);
        assertEquals(List.of(2), detector.scored, "an onset of 2 windows: window 1 held, window 2 must decide (low: 1 never scored)");
        assertEquals(List.of(150L), held.stream().map(MelWindow::startFrameIndex).toList(), "window 3 held afresh");
    }

    @Test
    void flushScoresWhatIsHeld() {
        TableDetector detector = new TableDetector(0.1f, 0.9f);
        EpisodeTracker tracker = new EpisodeTracker(EpisodeSettings.DEFAULT);
        QuietStride stride = new QuietStride(2, HOP_FRAMES);
        List<MelWindow> held = new ArrayList<>();
        stride.scoreAndObserve(windows(0, 2), gated(2), held, tracker, detector);
        assertEquals(1, held.size());
        stride.flush(held, tracker, detector);
        assertEquals(List.of(0, 1), detector.scored);
        assertEquals(List.of(), held);
    }

    @Test
    void invalidArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new QuietStride(0, HOP_FRAMES));
        assertThrows(IllegalArgumentException.class, () -> new QuietStride(2, 0));
    }

    /**
     * The promise, through the real tracker on random rooms (quiet stretches with now and then a window over the
     * off or on threshold, short and long cries, a gate that closes now and then, 1-3 windows per record): every
     * stride gives exactly the events of scoring every gated window, emitted at the same window, for onsets of 2-4
     * windows; and it scores fewer windows.
     */
    @Test
    void everyStrideGivesExactlyTheEventsOfScoringEveryWindowWithFewerDetectorRuns() {
        Random random = new Random(11);
        long scoredEvery = 0;
        long scoredStrided = 0;
        int episodes = 0;
        for (int trial = 0; trial < 400; trial++) {
            float[] p = room(random, 240);
            boolean[] gate = new boolean[p.length];
            for (int i = 0; i < gate.length; i++) {
                gate[i] = random.nextInt(8) != 0;
            }
            int[] records = new int[p.length];
            for (int i = 0; i < records.length; i++) {
                records[i] = 1 + random.nextInt(3);
            }
            EpisodeSettings settings = new EpisodeSettings(0.5, 0.3, 2 + trial % 3, 2_000_000, 4_000_000, 1_000_000,
                    5_000_000, 0.05, 0.5);
            TableDetector every = new TableDetector(p);
            List<String> expected = run(p, gate, records, settings, new QuietStride(1, HOP_FRAMES), every);
            for (int stride = 2; stride <= 3; stride++) {
                TableDetector strided = new TableDetector(p);
                assertEquals(expected, run(p, gate, records, settings, new QuietStride(stride, HOP_FRAMES), strided),
                        "trial " + trial + ", stride " + stride);
                if (stride == 2) {
                    scoredStrided += strided.scored.size();
                }
            }
            scoredEvery += every.scored.size();
            episodes += (int) expected.stream().filter(e -> e.contains("STARTED")).count();
        }
        assertTrue(episodes > 1000, "episodes: " + episodes);
        double saved = 1 - (double) scoredStrided / scoredEvery;
        // These rooms are busy (cries, near-threshold windows, gate gaps); the load test measures a realistic saving.
        assertTrue(saved > 0.1, "stride 2 left out " + saved + " of the detector runs");
    }

    /** Feeds the windows in records of the given sizes; returns each event with the record that caused it. */
    private static List<String> run(float[] p, boolean[] gate, int[] records, EpisodeSettings settings, QuietStride stride,
            TableDetector detector) {
        EpisodeTracker tracker = new EpisodeTracker(settings);
        List<MelWindow> held = new ArrayList<>();
        List<String> events = new ArrayList<>();
        int at = 0;
        for (int r = 0; at < p.length; r++) {
            int n = Math.min(records[r], p.length - at);
            boolean[] g = Arrays.copyOfRange(gate, at, at + n);
            for (EpisodeEvent event : stride.scoreAndObserve(windows(at, n), g, held, tracker, detector)) {
                events.add("record " + r + ": " + event);
            }
            at += n;
        }
        for (EpisodeEvent event : stride.flush(held, tracker, detector)) {
            events.add("flush: " + event);
        }
        for (EpisodeEvent event : tracker.endNow()) {
            events.add("end: " + event);
        }
        return events;
    }

    /** Quiet stretches (mostly low, now and then near or over the thresholds), then a rise and a cry of 1-16 windows. */
    private static float[] room(Random random, int length) {
        float[] p = new float[length];
        int i = 0;
        while (i < length) {
            int quiet = 4 + random.nextInt(40);
            for (int j = 0; j < quiet && i < length; j++) {
                int kind = random.nextInt(12);
                p[i++] = kind == 0 ? 0.5f + random.nextFloat() * 0.5f : kind == 1 ? 0.25f + random.nextFloat() * 0.25f
                        : random.nextFloat() * 0.25f;
            }
            int rise = random.nextInt(3);
            for (int j = 0; j < rise && i < length; j++) {
                p[i++] = 0.3f + random.nextFloat() * 0.2f;
            }
            int cry = 1 + random.nextInt(16);
            for (int j = 0; j < cry && i < length; j++) {
                p[i++] = 0.45f + random.nextFloat() * 0.55f;
            }
        }
        return p;
    }
}
