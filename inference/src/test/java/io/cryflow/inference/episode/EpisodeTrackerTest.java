package io.cryflow.inference.episode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.episode.EpisodeEvent.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tracker fed probability sequences directly: windows of 1 s every 0.5 s, so window i is centred at
 * {@code 0.5 + 0.5 i} s. {@link #RULES}: on 0.5, off 0.3, 3 windows, end after 2 s, merge gap 4 s, minimum 1 s (the
 * mechanism's tests pin their rules; the shipped defaults are {@link EpisodeSettings#DEFAULT}'s).
 */
class EpisodeTrackerTest {

    private static final EpisodeSettings RULES =
            new EpisodeSettings(0.5, 0.3, 3, 2_000_000, 4_000_000, 1_000_000, 5_000_000, 0.05, 0.5);

    private static final long HOP = 500_000;
    private static final long LENGTH = 1_000_000;

    private static WindowScore window(int index, float p) {
        return WindowScore.scored(index * HOP, index * HOP + LENGTH, p);
    }

    private static long centre(int index) {
        return index * HOP + LENGTH / 2;
    }

    /** Feeds probabilities as windows 0, 1, 2, ...; returns every event with the index of the window that caused it. */
    private static List<Indexed> feed(EpisodeTracker tracker, float... probabilities) {
        return feedFrom(tracker, 0, probabilities);
    }

    private static List<Indexed> feedFrom(EpisodeTracker tracker, int firstIndex, float... probabilities) {
        List<Indexed> events = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            for (EpisodeEvent event : tracker.observe(window(firstIndex + i, probabilities[i]))) {
                events.add(new Indexed(firstIndex + i, event));
            }
        }
        return events;
    }

    private record Indexed(int window, EpisodeEvent event) {}

    private static float[] repeat(float p, int n) {
        float[] values = new float[n];
        Arrays.fill(values, p);
        return values;
    }

    private static float[] concat(float[]... parts) {
        int length = Arrays.stream(parts).mapToInt(a -> a.length).sum();
        float[] all = new float[length];
        int at = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    @Test
    void anOnsetIsConfirmedByTheThirdConsecutiveWindowAboveTheOnThreshold() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        List<Indexed> events = feed(tracker, concat(repeat(0.1f, 6), new float[] {0.6f, 0.7f, 0.9f}));
        assertEquals(1, events.size());
        Indexed started = events.get(0);
        assertEquals(8, started.window(), "confirmed by the third window at or above 0.5");
        assertEquals(Type.STARTED, started.event().type());
        assertEquals(centre(6), started.event().episodeStartMicros(), "the episode starts at the first of them");
        assertEquals(centre(6), started.event().eventTimeMicros());
        assertEquals(0.9f, started.event().confidence());
        assertEquals(0.9f, started.event().peakConfidence());
        assertEquals((0.6f + 0.7f + 0.9f) / 3, started.event().meanConfidence(), 1e-6);
        assertTrue(tracker.hasOpenEpisode());
    }

    @Test
    void anOnsetReachesBackOverTheRisingWindowsAboveTheOffThresholdButAtMostTheEndTime() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        // 0.35 and 0.4 are at or above off (0.3), below on (0.5): the cry was rising from window 4.
        List<Indexed> events = feed(tracker, 0.1f, 0.1f, 0.1f, 0.1f, 0.35f, 0.4f, 0.8f, 0.9f, 0.9f);
        assertEquals(centre(4), events.get(0).event().episodeStartMicros());
        // A long lead-in reaches back at most end-after (2 s) before the run.
        EpisodeTracker longLeadIn = new EpisodeTracker(RULES);
        List<Indexed> late = feed(longLeadIn, concat(repeat(0.1f, 2), repeat(0.4f, 12), repeat(0.9f, 3)));
        assertEquals(centre(14) - 2_000_000, late.get(0).event().episodeStartMicros());
    }

    @Test
    void twoWindowsAboveTheThresholdOrAnInterruptedRunConfirmNothing() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        assertEquals(List.of(), feed(tracker, 0.1f, 0.9f, 0.9f, 0.4f, 0.9f, 0.9f, 0.2f, 0.9f, 0.9f, 0.1f, 0.1f));
        assertTrue(!tracker.hasOpenEpisode());
    }

    @Test
    void anEpisodeEndsAtItsLastCryWindowOnceTheGapHasPassedWithoutCrying() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        // Cry in windows 2..11, then quiet.
        List<Indexed> events = feed(tracker, concat(repeat(0.1f, 2), repeat(0.8f, 10), repeat(0.05f, 20)));
        assertEquals(List.of(Type.STARTED, Type.ENDED), events.stream().map(e -> e.event().type()).toList());
        EpisodeEvent ended = events.get(1).event();
        assertEquals(centre(2), ended.episodeStartMicros());
        assertEquals(centre(11), ended.episodeEndMicros(), "ends at the last window at or above the off threshold");
        assertEquals(centre(11), ended.eventTimeMicros());
        assertEquals(centre(11) - centre(2), ended.durationMicros());
        // The end is decided max(end after 2 s, merge gap 4 s) after the last cry: window 11 + 8 hops.
        assertEquals(19, events.get(1).window());
        assertTrue(!tracker.hasOpenEpisode());
    }

    @Test
    void windowsBetweenTheOffAndOnThresholdsKeepAnEpisodeGoing() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        // 0.35 is below on (0.5) but above off (0.3): 20 such windows (10 s) keep the episode alive.
        List<Indexed> events = feed(tracker, concat(repeat(0.8f, 4), repeat(0.35f, 20), repeat(0.1f, 12)));
        List<Type> types = events.stream().map(e -> e.event().type()).toList();
        assertEquals(Type.STARTED, types.get(0));
        assertEquals(List.of(Type.ENDED), types.stream().filter(t -> t != Type.UPDATED && t != Type.STARTED).toList());
        assertTrue(types.contains(Type.UPDATED), "the mean confidence falls as the cry quietens: " + types);
        EpisodeEvent ended = events.get(events.size() - 1).event();
        assertEquals(Type.ENDED, ended.type());
        assertEquals(centre(23), ended.episodeEndMicros());
        // The mean over cry windows reflects the quieter stretch: (4 * 0.8 + 20 * 0.35) / 24.
        assertEquals((4 * 0.8 + 20 * 0.35) / 24, ended.meanConfidence(), 1e-5);
        assertEquals(0.8f, ended.peakConfidence());
    }

    @Test
    void aCryResumingWithinTheMergeGapContinuesTheSameEpisode() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        // Cry windows 0..5, 3 s pause (6 windows: longer than end-after 2 s, shorter than the 4 s gap), cry 12..17.
        List<Indexed> events = feed(tracker, concat(repeat(0.9f, 6), repeat(0.05f, 6), repeat(0.9f, 6), repeat(0.05f, 12)));
        List<Type> types = events.stream().map(e -> e.event().type()).toList();
        assertEquals(1, types.stream().filter(t -> t == Type.STARTED).count(), "one episode: " + types);
        assertEquals(1, types.stream().filter(t -> t == Type.ENDED).count());
        EpisodeEvent ended = events.get(events.size() - 1).event();
        assertEquals(centre(0), ended.episodeStartMicros());
        assertEquals(centre(17), ended.episodeEndMicros());
    }

    @Test
    void aCryResumingAfterTheMergeGapIsANewEpisode() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        // A 5 s pause (10 windows) exceeds the 4 s gap.
        List<Indexed> events = feed(tracker, concat(repeat(0.9f, 6), repeat(0.05f, 10), repeat(0.9f, 6), repeat(0.05f, 12)));
        assertEquals(List.of(Type.STARTED, Type.ENDED, Type.STARTED, Type.ENDED), events.stream().map(e -> e.event().type()).toList());
        assertEquals(centre(5), events.get(1).event().episodeEndMicros());
        assertEquals(centre(16), events.get(2).event().episodeStartMicros());
        assertNotEquals(events.get(0).event().episodeStartMicros(), events.get(2).event().episodeStartMicros());
    }

    @Test
    void aPauseThatOnlyReachesTheOffThresholdDoesNotBridgeTheGapByItself() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        // After end-after (2 s quiet) only a confirmed onset (3 windows >= 0.5) merges; two 0.4 windows do not.
        List<Indexed> events = feed(tracker, concat(repeat(0.9f, 6), repeat(0.05f, 5), repeat(0.4f, 2), repeat(0.05f, 10)));
        assertEquals(List.of(Type.STARTED, Type.ENDED), events.stream().map(e -> e.event().type()).toList());
        assertEquals(centre(5), events.get(1).event().episodeEndMicros());
    }

    @Test
    void episodesShorterThanTheMinimumDurationAreNeverReported() {
        EpisodeSettings settings = new EpisodeSettings(0.5, 0.3, 3, 2_000_000, 4_000_000, 3_000_000, 5_000_000, 0.05, 0.5);
        EpisodeTracker tracker = new EpisodeTracker(settings);
        // 6 cry windows span 2.5 s from first to last centre: below the 3 s minimum.
        assertEquals(List.of(), feed(tracker, concat(repeat(0.9f, 6), repeat(0.05f, 20))));
        // 8 windows span 3.5 s: reported once it has lasted 3 s, i.e. at the 7th window (index 6 from 0).
        List<Indexed> events = feedFrom(tracker, 26, concat(repeat(0.9f, 8), repeat(0.05f, 20)));
        assertEquals(List.of(Type.STARTED, Type.ENDED), events.stream().map(e -> e.event().type()).toList());
        assertEquals(26 + 6, events.get(0).window());
        assertEquals(centre(26), events.get(0).event().episodeStartMicros());
    }

    @Test
    void updatesComeAtMostEveryIntervalAndOnlyWhenSomethingRefined() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        // A steady cry: the statistics never move after the start, so no update at all.
        List<Indexed> steady = feed(tracker, concat(repeat(0.8f, 40), repeat(0.05f, 10)));
        assertEquals(List.of(Type.STARTED, Type.ENDED), steady.stream().map(e -> e.event().type()).toList());

        // A cry whose confidence climbs every window: updates, but never two within 5 s of capture time.
        EpisodeTracker climbing = new EpisodeTracker(RULES);
        float[] ramp = new float[40];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 0.5f + 0.5f * i / ramp.length;
        }
        List<Indexed> events = feedFrom(climbing, 100, concat(ramp, repeat(0.05f, 10)));
        List<Indexed> updates = events.stream().filter(e -> e.event().type() == Type.UPDATED).toList();
        assertTrue(updates.size() >= 2, "a climbing confidence is refined: " + updates.size());
        long previous = events.get(0).event().episodeStartMicros();
        for (Indexed update : updates) {
            assertTrue(update.event().eventTimeMicros() - previous >= 5_000_000 - LENGTH, "updates 5 s apart");
            previous = update.event().eventTimeMicros();
            assertEquals(update.window() * HOP + LENGTH, update.event().eventTimeMicros(), "the end of the latest window");
        }
    }

    @Test
    void theCauseIsTheLargestMeanProbabilityOrUncertain() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        List<EpisodeEvent> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Float> causes = i % 2 == 0
                    ? Map.of("hungry", 0.7f, "tired", 0.3f)
                    : Map.of("hungry", 0.5f, "tired", 0.5f);
            events.addAll(tracker.observe(new WindowScore(i * HOP, i * HOP + LENGTH, 0.9f, causes)));
        }
        events.addAll(tracker.endNow());
        EpisodeEvent ended = events.get(events.size() - 1);
        assertEquals(Type.ENDED, ended.type());
        assertEquals(0.6f, ended.causeProbabilities().get("hungry"), 1e-6);
        assertEquals(0.4f, ended.causeProbabilities().get("tired"), 1e-6);
        assertEquals("hungry", ended.cause());

        EpisodeTracker unsure = new EpisodeTracker(RULES);
        List<EpisodeEvent> unsureEvents = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            unsureEvents.addAll(unsure.observe(new WindowScore(i * HOP, i * HOP + LENGTH, 0.9f,
                    Map.of("hungry", 0.4f, "tired", 0.35f, "burping", 0.25f))));
        }
        unsureEvents.addAll(unsure.endNow());
        assertEquals(EpisodeTracker.UNCERTAIN, unsureEvents.get(unsureEvents.size() - 1).cause(), "0.4 < 0.5");
        assertEquals(0.4f, unsureEvents.get(unsureEvents.size() - 1).causeProbabilities().get("hungry"), 1e-6);
    }

    @Test
    void unscoredWindowsCountAsNoCry() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        List<EpisodeEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.addAll(tracker.observe(window(i, 0.9f)));
        }
        for (int i = 6; i < 30; i++) {
            events.addAll(tracker.observe(WindowScore.unscored(i * HOP, i * HOP + LENGTH)));
        }
        assertEquals(List.of(Type.STARTED, Type.ENDED), events.stream().map(EpisodeEvent::type).toList());
        assertEquals(centre(5), events.get(1).episodeEndMicros());
    }

    @Test
    void anUnscoredWindowIsNoCryEvenUnderAnOffThresholdOfZero() {
        EpisodeSettings zeroOff = new EpisodeSettings(0.2, 0.0, 3, 2_000_000, 4_000_000, 1_000_000, 5_000_000, 0.05, 0.5);
        EpisodeTracker tracker = new EpisodeTracker(zeroOff);
        List<EpisodeEvent> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            events.addAll(tracker.observe(window(i, 0.9f)));
        }
        for (int i = 6; i < 30; i++) {
            events.addAll(tracker.observe(WindowScore.unscored(i * HOP, i * HOP + LENGTH)));
        }
        assertEquals(List.of(Type.STARTED, Type.ENDED), events.stream().map(EpisodeEvent::type).toList());
    }

    @Test
    void missingAudioNeverEndsAnEpisodeButTheAudioAfterItDecides() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        assertEquals(1, feed(tracker, repeat(0.9f, 6)).size());
        // No windows for a minute (microphone offline): nothing can happen, the episode stays open.
        assertTrue(tracker.hasOpenEpisode());
        // Audio returns, still crying: the old episode ends at its last cry first, then a new one starts.
        List<Indexed> events = feedFrom(tracker, 120, repeat(0.9f, 4));
        assertEquals(List.of(Type.ENDED, Type.STARTED), events.stream().map(e -> e.event().type()).toList());
        assertEquals(centre(5), events.get(0).event().episodeEndMicros());
        assertEquals(centre(120), events.get(1).event().episodeStartMicros());
    }

    @Test
    void endNowEndsAReportedEpisodeAndDropsAnUnreportedOne() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        feed(tracker, repeat(0.9f, 5));
        List<EpisodeEvent> ended = tracker.endNow();
        assertEquals(1, ended.size());
        assertEquals(Type.ENDED, ended.get(0).type());
        assertEquals(centre(4), ended.get(0).episodeEndMicros());
        assertEquals(List.of(), tracker.endNow(), "nothing left to end");

        EpisodeSettings longMinimum = new EpisodeSettings(0.5, 0.3, 3, 2_000_000, 4_000_000, 10_000_000, 5_000_000, 0.05, 0.5);
        EpisodeTracker unreported = new EpisodeTracker(longMinimum);
        assertEquals(List.of(), feed(unreported, repeat(0.9f, 5)));
        assertEquals(List.of(), unreported.endNow());
    }

    @Test
    void aHighSensitivityRoomConfirmsQuieterAndShorterRuns() {
        float[] faint = concat(repeat(0.45f, 3), repeat(0.05f, 12));
        assertEquals(List.of(), feed(new EpisodeTracker(RULES), faint));
        EpisodeSettings high = RULES.withSensitivity(EpisodeSensitivity.HIGH);
        assertEquals(0.35, high.onThreshold(), 1e-9);
        assertEquals(0.21, high.offThreshold(), 1e-9);
        assertEquals(2, high.onWindows());
        List<Indexed> events = feed(new EpisodeTracker(high), faint);
        assertEquals(List.of(Type.STARTED, Type.ENDED), events.stream().map(e -> e.event().type()).toList());
        EpisodeSettings low = RULES.withSensitivity(EpisodeSensitivity.LOW);
        assertEquals(0.65, low.onThreshold(), 1e-9);
        assertEquals(4, low.onWindows());
    }

    @Test
    void snapshotAndRestoreAtAnyPointGiveTheUninterruptedEvents() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            float[] probabilities = randomCrying(random, 120);
            List<Map<String, Float>> causes = new ArrayList<>();
            for (int i = 0; i < probabilities.length; i++) {
                float hungry = random.nextFloat();
                causes.add(probabilities[i] >= 0.3f ? Map.of("hungry", hungry, "tired", 1 - hungry) : Map.of());
            }
            List<EpisodeEvent> straight = new ArrayList<>();
            EpisodeTracker whole = new EpisodeTracker(RULES);
            for (int i = 0; i < probabilities.length; i++) {
                straight.addAll(whole.observe(new WindowScore(i * HOP, i * HOP + LENGTH, probabilities[i], causes.get(i))));
            }
            straight.addAll(whole.endNow());

            List<EpisodeEvent> resumed = new ArrayList<>();
            EpisodeTracker tracker = new EpisodeTracker(RULES);
            for (int i = 0; i < probabilities.length; i++) {
                if (random.nextInt(4) == 0) {
                    tracker = EpisodeTracker.restore(RULES, tracker.snapshot());
                }
                resumed.addAll(tracker.observe(new WindowScore(i * HOP, i * HOP + LENGTH, probabilities[i], causes.get(i))));
            }
            resumed.addAll(tracker.endNow());
            assertEquals(straight, resumed, "trial " + trial);
            assertEpisodesWellFormed(straight);
        }
    }

    @Test
    void quietMeansNothingGoingOnAndTheLatestWindowBelowTheOffThreshold() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        assertTrue(tracker.isQuiet());
        feed(tracker, 0.2f);
        assertTrue(tracker.isQuiet());
        feedFrom(tracker, 1, 0.35f); // between off and on: a lead-in
        assertFalse(tracker.isQuiet());
        feedFrom(tracker, 2, 0.2f);
        assertTrue(tracker.isQuiet());
        feedFrom(tracker, 3, 0.9f, 0.9f, 0.9f); // an episode
        assertFalse(tracker.isQuiet());
        feedFrom(tracker, 6, repeat(0.1f, 3)); // ending, not yet over
        assertFalse(tracker.isQuiet());
        feedFrom(tracker, 9, repeat(0.1f, 10)); // ended
        assertTrue(tracker.isQuiet());
    }

    /** What lets a quiet room's windows go unscored ({@code QuietStride}): it changes nothing a low window would not. */
    @Test
    void inAQuietTrackerAnUnscoredWindowLeavesTheSameStateAsALowOne() {
        Random random = new Random(7);
        int quietSteps = 0;
        for (int trial = 0; trial < 200; trial++) {
            float[] probabilities = randomCrying(random, 120);
            EpisodeTracker scored = new EpisodeTracker(RULES);
            for (int i = 0; i < probabilities.length; i++) {
                if (scored.isQuiet() && probabilities[i] < RULES.offThreshold()) {
                    quietSteps++;
                    EpisodeTracker skipped = EpisodeTracker.restore(RULES, scored.snapshot());
                    assertEquals(List.of(), skipped.observe(WindowScore.unscored(i * HOP, i * HOP + LENGTH)));
                    assertEquals(List.of(), scored.observe(window(i, probabilities[i])));
                    assertArrayEquals(scored.snapshot(), skipped.snapshot(), "trial " + trial + ", window " + i);
                } else {
                    scored.observe(window(i, probabilities[i]));
                }
            }
        }
        assertTrue(quietSteps > 1000, "the sequences have quiet stretches: " + quietSteps);
    }

    @Test
    void aSnapshotIsSmall() {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        for (int i = 0; i < 10; i++) {
            tracker.observe(new WindowScore(i * HOP, i * HOP + LENGTH, 0.9f,
                    Map.of("hungry", 0.2f, "tired", 0.2f, "burping", 0.2f, "belly_pain", 0.2f, "discomfort", 0.2f)));
        }
        int size = tracker.snapshot().length;
        assertTrue(size < 400, "snapshot of " + size + " bytes");
    }

    @Test
    void aCorruptSnapshotIsRefused() {
        byte[] snapshot = new EpisodeTracker(RULES).snapshot();
        assertThrows(IllegalArgumentException.class, () -> EpisodeTracker.restore(RULES, new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class,
                () -> EpisodeTracker.restore(RULES, Arrays.copyOf(snapshot, snapshot.length - 3)));
        assertThrows(IllegalArgumentException.class,
                () -> EpisodeTracker.restore(RULES, Arrays.copyOf(snapshot, snapshot.length + 1)));
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new EpisodeSettings(0.5, 0.6, 3, 1, 1, 0, 1, 0.05, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeSettings(0.5, 0.3, 0, 1, 1, 0, 1, 0.05, 0.5));
        assertThrows(IllegalArgumentException.class, () -> new EpisodeSettings(0.5, 0.3, 3, 0, 1, 0, 1, 0.05, 0.5));
    }

    /** Bursts of crying of random lengths and levels between random pauses. */
    private static float[] randomCrying(Random random, int length) {
        float[] p = new float[length];
        int i = 0;
        while (i < length) {
            int quiet = random.nextInt(14);
            for (int j = 0; j < quiet && i < length; j++) {
                p[i++] = random.nextFloat() * 0.35f;
            }
            int cry = random.nextInt(16);
            for (int j = 0; j < cry && i < length; j++) {
                p[i++] = 0.25f + random.nextFloat() * 0.75f;
            }
        }
        return p;
    }

    /** Every STARTED is followed by exactly one ENDED of the same episode before anything else starts. */
    private static void assertEpisodesWellFormed(List<EpisodeEvent> events) {
        long open = -1;
        for (EpisodeEvent event : events) {
            switch (event.type()) {
                case STARTED -> {
                    assertEquals(-1, open, "STARTED while an episode is open");
                    open = event.episodeStartMicros();
                }
                case UPDATED -> assertEquals(open, event.episodeStartMicros());
                case ENDED -> {
                    assertEquals(open, event.episodeStartMicros());
                    assertTrue(event.episodeEndMicros() >= event.episodeStartMicros());
                    open = -1;
                }
            }
        }
        assertEquals(-1, open, "an episode left open after endNow");
    }
}
