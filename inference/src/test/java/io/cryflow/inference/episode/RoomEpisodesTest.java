package io.cryflow.inference.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.episode.EpisodeEvent.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A room's episodes from its microphones' windows, fed directly: windows of 1 s every 0.5 s per microphone, each
 * microphone on its own time grid ({@code offset} + 0.5 i s). {@link #RULES} as in {@link EpisodeTrackerTest}: on
 * 0.5, off 0.3, 3 windows, end after 2 s, merge gap 4 s, minimum 1 s.
 */
class RoomEpisodesTest {

    private static final EpisodeSettings RULES =
            new EpisodeSettings(0.5, 0.3, 3, 2_000_000, 4_000_000, 1_000_000, 5_000_000, 0.05, 0.5);
    private static final long HOP = 500_000;
    private static final long LENGTH = 1_000_000;
    private static final String NEAR = "cot";
    private static final String FAR = "door";

    /** One microphone's windows: probabilities from window 0, on a grid shifted by {@code offsetMicros}. */
    private record Mic(String id, long offsetMicros, float[] probabilities) {
        WindowScore window(int index) {
            long start = offsetMicros + index * HOP;
            return WindowScore.scored(start, start + LENGTH, probabilities[index]);
        }
    }

    private static float[] sequence(float quiet, int before, float cry, int crying, int after) {
        float[] p = new float[before + crying + after];
        Arrays.fill(p, quiet);
        Arrays.fill(p, before, before + crying, cry);
        return p;
    }

    /** Feeds the microphones' windows in turn, {@code perTurn} windows of each at a time (interleaved arrival). */
    private static List<RoomEpisodeEvent> interleave(RoomEpisodes room, int perTurn, Mic... mics) {
        List<RoomEpisodeEvent> out = new ArrayList<>();
        int longest = Arrays.stream(mics).mapToInt(m -> m.probabilities().length).max().orElse(0);
        for (int from = 0; from < longest; from += perTurn) {
            for (Mic mic : mics) {
                List<EpisodeEvent> events = new ArrayList<>();
                EpisodeTracker tracker = room.trackerOf(mic.id());
                for (int i = from; i < Math.min(from + perTurn, mic.probabilities().length); i++) {
                    events.addAll(tracker.observe(mic.window(i)));
                }
                out.addAll(room.accept(mic.id(), events));
            }
        }
        return out;
    }

    private static List<EpisodeEvent> alone(Mic mic) {
        EpisodeTracker tracker = new EpisodeTracker(RULES);
        List<EpisodeEvent> out = new ArrayList<>();
        for (int i = 0; i < mic.probabilities().length; i++) {
            out.addAll(tracker.observe(mic.window(i)));
        }
        return out;
    }

    private static List<Type> types(List<RoomEpisodeEvent> events) {
        return events.stream().map(e -> e.event().type()).toList();
    }

    private static List<RoomEpisodeEvent> ofType(List<RoomEpisodeEvent> events, Type type) {
        return events.stream().filter(e -> e.event().type() == type).toList();
    }

    @Test
    void aRoomWithOneMicrophoneGetsExactlyItsTrackersEventsWhateverTheBatching() {
        Random random = new Random(23);
        for (int run = 0; run < 200; run++) {
            float[] p = new float[120];
            float level = 0;
            for (int i = 0; i < p.length; i++) {
                // Random walks with jumps: onsets, flicker, pauses within and beyond the merge gap.
                level = random.nextInt(8) == 0 ? random.nextFloat() : Math.min(1, Math.max(0, level + (random.nextFloat() - 0.5f) * 0.4f));
                p[i] = level;
            }
            Mic mic = new Mic(NEAR, 1_000_000L * run, p);
            List<EpisodeEvent> expected = alone(mic);

            RoomEpisodes room = new RoomEpisodes(RULES);
            List<RoomEpisodeEvent> got = new ArrayList<>();
            for (int i = 0; i < p.length; ) {
                int batch = 1 + random.nextInt(3);
                List<EpisodeEvent> events = new ArrayList<>();
                for (int j = i; j < Math.min(p.length, i + batch); j++) {
                    events.addAll(room.trackerOf(NEAR).observe(mic.window(j)));
                }
                got.addAll(room.accept(NEAR, events));
                if (random.nextBoolean()) {
                    room = RoomEpisodes.restore(RULES, room.snapshot()); // a restart between records
                }
                i += batch;
            }

            assertEquals(expected, got.stream().map(RoomEpisodeEvent::event).toList(), "run " + run);
            assertTrue(got.stream().allMatch(e -> e.microphones().equals(List.of(NEAR))), "run " + run);
        }
    }

    @Test
    void oneSharedTrackerFedTwoMicrophonesAlternatelyMissesTheCry() {
        // What the stage did before: the far microphone's low windows break the near one's onset runs.
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 10, 0.95f, 12, 20));
        Mic far = new Mic(FAR, 230_000, sequence(0.05f, 42, 0.05f, 0, 0));
        EpisodeTracker shared = new EpisodeTracker(RULES);
        List<EpisodeEvent> events = new ArrayList<>();
        for (int i = 0; i < 42; i++) {
            events.addAll(shared.observe(near.window(i)));
            events.addAll(shared.observe(far.window(i)));
        }
        assertEquals(List.of(), events, "the cry the near microphone alone reports is lost");
        assertEquals(List.of(Type.STARTED, Type.ENDED), alone(near).stream().map(EpisodeEvent::type).toList(),
                "alone, the near microphone reports it");
    }

    @Test
    void aCryOnlyTheNearMicrophoneHearsIsTheRoomsOneEpisodeWhenRecordsAlternate() {
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 10, 0.95f, 12, 20));
        Mic far = new Mic(FAR, 230_000, sequence(0.05f, 42, 0.05f, 0, 0));

        List<RoomEpisodeEvent> events = interleave(new RoomEpisodes(RULES), 1, near, far);

        List<EpisodeEvent> nearAlone = alone(near);
        assertEquals(List.of(Type.STARTED, Type.ENDED), types(events), "one episode: " + events);
        assertEquals(nearAlone.get(0), events.get(0).event(), "started as the near microphone alone starts it");
        EpisodeEvent ended = events.get(1).event();
        EpisodeEvent nearEnded = nearAlone.get(nearAlone.size() - 1);
        assertEquals(nearEnded.episodeStartMicros(), ended.episodeStartMicros());
        assertEquals(nearEnded.episodeEndMicros(), ended.episodeEndMicros());
        assertEquals(nearEnded.meanConfidence(), ended.meanConfidence());
        assertEquals(List.of(NEAR), events.get(1).microphones());
    }

    @Test
    void aCryBothMicrophonesHearIsOneEpisodeWithTheNearMicrophonesFigures() {
        // The far microphone hears the same cry weaker and a little later, on its own window grid.
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 10, 0.95f, 14, 24));
        Mic far = new Mic(FAR, 230_000, sequence(0.05f, 12, 0.6f, 10, 26));

        for (int perTurn = 1; perTurn <= 3; perTurn++) {
            List<RoomEpisodeEvent> events = interleave(new RoomEpisodes(RULES), perTurn, near, far);

            assertEquals(1, ofType(events, Type.STARTED).size(), "one start: " + types(events));
            assertEquals(1, ofType(events, Type.ENDED).size(), "one end: " + types(events));
            assertEquals(Type.ENDED, events.get(events.size() - 1).event().type());
            EpisodeEvent ended = events.get(events.size() - 1).event();
            EpisodeEvent nearEnded = alone(near).get(alone(near).size() - 1);
            assertEquals(alone(near).get(0).episodeStartMicros(), ended.episodeStartMicros(), "the first start");
            assertEquals(nearEnded.episodeEndMicros(), ended.episodeEndMicros(), "the last end");
            assertEquals(nearEnded.peakConfidence(), ended.peakConfidence(), "the near microphone's figures");
            assertEquals(nearEnded.meanConfidence(), ended.meanConfidence(), "not diluted by the far one");
            assertEquals(List.of(NEAR, FAR), events.get(events.size() - 1).microphones());
            assertTrue(events.stream().allMatch(e -> e.event().episodeStartMicros() == ended.episodeStartMicros()),
                    "every event of the one episode: " + events);
        }
    }

    @Test
    void anEpisodeOnAnotherMicrophoneWithinTheMergeGapContinuesTheRoomsEpisode() {
        // The near microphone's cry ends at 9.0 s (window 17); the far one, on a grid 2 s earlier, hears a cry
        // from 12.0 s (its window 27): within the 4 s gap, so the same episode, as one microphone hearing both
        // would have it.
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 10, 0.95f, 8, 40));
        float[] farP = sequence(0.05f, 58, 0f, 0, 0);
        Arrays.fill(farP, 27, 35, 0.9f);
        Mic far = new Mic(FAR, -2_000_000, farP);

        List<RoomEpisodeEvent> events = interleave(new RoomEpisodes(RULES), 1, near, far);

        assertEquals(List.of(Type.STARTED, Type.UPDATED, Type.ENDED), types(events), "one episode: " + events);
        assertEquals(List.of(NEAR, FAR), events.get(1).microphones(), "the update names the microphone that joined");
        long farEnd = far.window(34).centreMicros();
        assertEquals(farEnd, events.get(2).event().episodeEndMicros(), "ends at the later microphone's last cry");
    }

    @Test
    void theRoomsEndWaitsForAMicrophoneBehindInCaptureTimeButNotForAnOfflineOne() {
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 4, 0.95f, 6, 30));
        RoomEpisodes room = new RoomEpisodes(RULES);
        room.trackerOf(FAR).observe(WindowScore.scored(0, LENGTH, 0.05f)); // heard once, at the very start
        List<RoomEpisodeEvent> events = interleave(room, 40, near);

        assertEquals(List.of(Type.STARTED), types(events), "the far microphone may still hear a cry within the gap");
        List<RoomEpisodeEvent> whenOffline = room.microphoneOffline(FAR);
        assertEquals(List.of(Type.ENDED), types(whenOffline), "an offline microphone is not waited for");
        assertEquals(alone(near).get(1), whenOffline.get(0).event());
    }

    @Test
    void theRoomsEndWaitsUntilTheMicrophoneBehindHasPassedTheMergeGap() {
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 4, 0.95f, 6, 30));
        RoomEpisodes room = new RoomEpisodes(RULES);
        room.trackerOf(FAR); // heard, but no window judged yet
        List<RoomEpisodeEvent> events = new ArrayList<>(interleave(room, 40, near));
        long lastCry = alone(near).get(1).episodeEndMicros();
        int i = 0;
        while (events.size() < 2) {
            WindowScore quiet = WindowScore.scored(i * HOP, i * HOP + LENGTH, 0.05f);
            events.addAll(room.accept(FAR, room.trackerOf(FAR).observe(quiet)));
            if (events.size() < 2) {
                assertTrue(quiet.centreMicros() < lastCry + RULES.mergeGapMicros(), "ended only at " + quiet.centreMicros());
            }
            i++;
        }
        assertEquals(Type.ENDED, events.get(1).event().type());
        assertEquals(lastCry, events.get(1).event().episodeEndMicros());
    }

    @Test
    void anOpenEpisodeOfAnOfflineMicrophoneKeepsTheRoomsEpisodeOpen() {
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 4, 0.95f, 10, 0));
        Mic far = new Mic(FAR, 100_000, sequence(0.05f, 40, 0f, 0, 0));
        RoomEpisodes room = new RoomEpisodes(RULES);
        List<RoomEpisodeEvent> events = new ArrayList<>(interleave(room, 1, near, far));
        events.addAll(room.microphoneOffline(NEAR));

        assertEquals(List.of(Type.STARTED), types(events), "no CRY_ENDED without audio showing the crying stopped");
    }

    @Test
    void aSingleTrackerStateOfBeforeContinuesAsTheFirstMicrophonesTracker() {
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 10, 0.95f, 12, 24));
        List<EpisodeEvent> straight = alone(near);
        EpisodeTracker old = new EpisodeTracker(RULES);
        List<EpisodeEvent> before = new ArrayList<>();
        for (int i = 0; i < 18; i++) {
            before.addAll(old.observe(near.window(i)));
        }
        assertEquals(List.of(Type.STARTED), before.stream().map(EpisodeEvent::type).toList(), "stored mid-episode");

        RoomEpisodes room = RoomEpisodes.restore(RULES, old.snapshot());
        List<EpisodeEvent> after = new ArrayList<>();
        for (int i = 18; i < near.probabilities().length; i++) {
            room.accept(NEAR, room.trackerOf(NEAR).observe(near.window(i))).forEach(e -> after.add(e.event()));
        }

        List<EpisodeEvent> all = new ArrayList<>(before);
        all.addAll(after);
        assertEquals(straight, all, "no second CRY_STARTED, the same end");
        assertEquals(List.of(NEAR), List.copyOf(room.microphones()));
    }

    @Test
    void twoMicrophonesRestoredMidEpisodeGiveTheEventsOfAStraightRun() {
        Mic near = new Mic(NEAR, 0, sequence(0.05f, 10, 0.95f, 14, 24));
        Mic far = new Mic(FAR, 230_000, sequence(0.05f, 12, 0.6f, 10, 26));
        List<RoomEpisodeEvent> straight = interleave(new RoomEpisodes(RULES), 1, near, far);

        RoomEpisodes room = new RoomEpisodes(RULES);
        List<RoomEpisodeEvent> restarted = new ArrayList<>();
        for (int i = 0; i < 48; i++) {
            for (Mic mic : List.of(near, far)) {
                restarted.addAll(room.accept(mic.id(), room.trackerOf(mic.id()).observe(mic.window(i))));
                room = RoomEpisodes.restore(RULES, room.snapshot());
            }
        }
        assertEquals(straight, restarted);
    }

    @Test
    void unreadableStateIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> RoomEpisodes.restore(RULES, new byte[] {1, 2, 3}));
        assertThrows(IllegalArgumentException.class, () -> RoomEpisodes.restore(RULES, new byte[] {1, 2, 3, 4, 5}));
        RoomEpisodes room = new RoomEpisodes(RULES);
        interleave(room, 1, new Mic(NEAR, 0, sequence(0.05f, 4, 0.95f, 10, 0)));
        byte[] snapshot = room.snapshot();
        assertThrows(IllegalArgumentException.class, () -> RoomEpisodes.restore(RULES, Arrays.copyOf(snapshot, snapshot.length - 3)));
        assertThrows(IllegalArgumentException.class, () -> RoomEpisodes.restore(RULES, Arrays.copyOf(snapshot, snapshot.length + 1)));
    }
}
