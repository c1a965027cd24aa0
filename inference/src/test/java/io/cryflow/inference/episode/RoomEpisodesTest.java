package io.cryflow.inference.episode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RoomEpisodesTest {

    private static final long HOP = 500_000;
    private static final long LENGTH = 2_000_000;

    @Test
    void withOneMicrophoneTheRoomsEventsAreThatMicrophones() {
        Random random = new Random(7);
        for (int trial = 0; trial < 50; trial++) {
            EpisodeTracker tracker = new EpisodeTracker(EpisodeSettings.DEFAULT);
            RoomEpisodes room = new RoomEpisodes();
            List<EpisodeEvent> fromTracker = new ArrayList<>();
            List<EpisodeEvent> fromRoom = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                List<EpisodeEvent> events = tracker.observe(window(i, crying(random, i)));
                fromTracker.addAll(events);
                fromRoom.addAll(room.accept("mic-1", events));
            }
            assertEquals(fromTracker, fromRoom);
            assertTrue(fromTracker.size() >= 2, "the random scores make episodes: " + fromTracker.size());
        }
    }

    @Test
    void twoMicrophonesMakeOneEpisodeFromTheFirstStartToTheLatestEnd() {
        RoomEpisodes room = new RoomEpisodes();
        assertEquals(List.of(started(10)), room.accept("mic-a", List.of(started(10))));
        assertTrue(room.accept("mic-b", List.of(started(9))).isEmpty(), "already open: no second start");
        List<EpisodeEvent> update = room.accept("mic-b", List.of(updated(9, 14, 0.8f)));
        assertEquals(1, update.size());
        assertEquals(10_000_000, update.get(0).episodeStartMicros(), "carries the room episode's start");
        assertEquals(14_000_000, update.get(0).eventTimeMicros());
        assertEquals(0.8f, update.get(0).confidence(), "and that microphone's figures");
        assertTrue(room.accept("mic-b", List.of(ended(9, 20))).isEmpty(), "mic-a still hears it");
        assertTrue(room.hasOpenEpisode());
        List<EpisodeEvent> end = room.accept("mic-a", List.of(ended(10, 18)));
        assertEquals(1, end.size());
        assertEquals(EpisodeEvent.Type.ENDED, end.get(0).type());
        assertEquals(10_000_000, end.get(0).episodeStartMicros());
        assertEquals(20_000_000, end.get(0).episodeEndMicros(), "the latest end among the microphones");
        assertEquals(20_000_000, end.get(0).eventTimeMicros());
        assertEquals(10_000_000, end.get(0).durationMicros());
        assertFalse(room.hasOpenEpisode());
        assertEquals(List.of(started(30)), room.accept("mic-b", List.of(started(30))), "a new episode later");
    }

    @Test
    void eventsOfAMicrophoneWithoutAReportedEpisodeAreIgnored() {
        RoomEpisodes room = new RoomEpisodes();
        assertTrue(room.accept("mic-a", List.of(updated(3, 5, 0.9f), ended(3, 6))).isEmpty());
        assertFalse(room.hasOpenEpisode());
    }

    @Test
    void aSnapshotRestoresTheOpenEpisode() {
        RoomEpisodes room = new RoomEpisodes();
        room.accept("mic-a", List.of(started(10)));
        room.accept("mic-b", List.of(started(11)));
        room.accept("mic-b", List.of(ended(11, 25)));
        byte[] snapshot = room.snapshot();
        assertTrue(RoomEpisodes.isSnapshot(snapshot));
        RoomEpisodes restored = RoomEpisodes.restore(snapshot);
        assertTrue(restored.hasOpenEpisode());
        List<EpisodeEvent> end = restored.accept("mic-a", List.of(ended(10, 18)));
        assertEquals(10_000_000, end.get(0).episodeStartMicros());
        assertEquals(25_000_000, end.get(0).episodeEndMicros());
        assertThrows(IllegalArgumentException.class, () -> RoomEpisodes.restore(new byte[] {1, 2, 3}));
    }

    @Test
    void aRoomTrackerFromBeforePerMicrophoneTrackersBecomesTheMicrophonesEpisode() {
        EpisodeTracker tracker = new EpisodeTracker(EpisodeSettings.DEFAULT);
        List<EpisodeEvent> started = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            started.addAll(tracker.observe(window(i, 0.9f)));
        }
        assertEquals(EpisodeEvent.Type.STARTED, started.get(0).type());
        assertFalse(RoomEpisodes.isSnapshot(tracker.snapshot()), "a tracker's snapshot is told apart");
        RoomEpisodes room = RoomEpisodes.continuing("mic-1", tracker);
        assertTrue(room.hasOpenEpisode());
        List<EpisodeEvent> after = new ArrayList<>();
        for (int i = 10; i < 30; i++) {
            after.addAll(room.accept("mic-1", tracker.observe(window(i, 0.0f))));
        }
        assertEquals(1, after.size());
        assertEquals(EpisodeEvent.Type.ENDED, after.get(0).type());
        assertEquals(started.get(0).episodeStartMicros(), after.get(0).episodeStartMicros());
        assertFalse(RoomEpisodes.continuing("mic-1", new EpisodeTracker(EpisodeSettings.DEFAULT)).hasOpenEpisode());
    }

    /** Cries of random length at random times, with noisy scores. */
    private static float crying(Random random, int i) {
        boolean cry = (i / 40) % 2 == 1 && (i % 40) < 10 + (i / 80) % 20;
        return (float) Math.min(1, Math.max(0, (cry ? 0.75 : 0.2) + random.nextGaussian() * 0.2));
    }

    private static WindowScore window(int index, float p) {
        return new WindowScore(index * HOP, index * HOP + LENGTH, p, Map.of());
    }

    private static EpisodeEvent started(double startSeconds) {
        long start = Math.round(startSeconds * 1e6);
        return new EpisodeEvent(EpisodeEvent.Type.STARTED, start, -1, start, 0.9f, 0.9f, 0.9f, "hungry", Map.of("hungry", 0.6f));
    }

    private static EpisodeEvent updated(double startSeconds, double atSeconds, float confidence) {
        return new EpisodeEvent(EpisodeEvent.Type.UPDATED, Math.round(startSeconds * 1e6), -1, Math.round(atSeconds * 1e6),
                confidence, 0.95f, 0.85f, "tired", Map.of("tired", 0.7f));
    }

    private static EpisodeEvent ended(double startSeconds, double endSeconds) {
        long end = Math.round(endSeconds * 1e6);
        return new EpisodeEvent(EpisodeEvent.Type.ENDED, Math.round(startSeconds * 1e6), end, end, 0.5f, 0.95f, 0.8f, "tired",
                Map.of("tired", 0.7f));
    }
}
