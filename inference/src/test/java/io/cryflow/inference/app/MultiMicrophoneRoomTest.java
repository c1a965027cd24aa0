package io.cryflow.inference.app;

import static io.cryflow.inference.app.InferenceTopologyTest.ofType;
import static io.cryflow.inference.app.InferenceTopologyTest.seconds;
import static io.cryflow.inference.app.InferenceTopologyTest.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.app.InferenceTopologyTest.OneCry;
import io.cryflow.inference.episode.EpisodeEvent;
import io.cryflow.inference.episode.EpisodeTracker;
import io.cryflow.inference.episode.RoomEpisodes;
import io.cryflow.inference.episode.WindowScore;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.EpisodeIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room with several microphones: each has its own episode tracker, and the room reports one episode while any of
 * them hears a cry (from the first one's start to the last one's end).
 */
class MultiMicrophoneRoomTest {

    static final String ROOM = InferenceTopologyTest.ROOM;

    @TempDir
    Path stateDir;

    @Test
    void aCryHeardByOneOfTwoMicrophonesIsOneEpisode() {
        OneCry near = OneCry.make();
        List<CryEvent> alone;
        try (InferenceDriver driver = new InferenceDriver(stateDir.resolve("alone"))) {
            alone = driver.feed(FeaturesRun.of(ROOM, near.audio()));
        }
        List<CryEvent> twoMicrophones;
        try (InferenceDriver driver = new InferenceDriver(stateDir.resolve("two"))) {
            // The far microphone hears only the background; its records interleave with the near one's.
            twoMicrophones = driver.feed(interleaved(
                    FeaturesRun.of(ROOM, "mic-near", near.audio(), 0, FeaturesRun.T0),
                    FeaturesRun.of(ROOM, "mic-far", TestScenes.background(30), 0, FeaturesRun.T0)));
        }
        assertEquals(1, ofType(alone, CryEventType.CRY_STARTED).size(), "one microphone: " + types(alone));
        assertEquals(ofType(alone, CryEventType.CRY_STARTED).size(), ofType(twoMicrophones, CryEventType.CRY_STARTED).size(),
                "two microphones: " + types(twoMicrophones));
        assertEquals(1, ofType(twoMicrophones, CryEventType.CRY_ENDED).size(), types(twoMicrophones).toString());
        CryEvent start = ofType(twoMicrophones, CryEventType.CRY_STARTED).get(0);
        CryEvent end = ofType(twoMicrophones, CryEventType.CRY_ENDED).get(0);
        assertEquals(ofType(alone, CryEventType.CRY_STARTED).get(0).getEpisodeStartMicros(), start.getEpisodeStartMicros(),
                "the near microphone's episode, as when it is alone");
        assertEquals(ofType(alone, CryEventType.CRY_ENDED).get(0).getEpisodeEndMicros(), end.getEpisodeEndMicros());
        assertTrue(twoMicrophones.stream().allMatch(e -> e.getEpisodeId().equals(start.getEpisodeId())), "one episode id");
    }

    @Test
    void aCryHeardByBothMicrophonesIsOneEpisodeFromTheFirstStartToTheLastEnd() {
        OneCry near = OneCry.make();
        float[] farther = TestScenes.background(30);
        // The other microphone hears the same cry half a second later and a little longer.
        double end = TestScenes.mixAt(farther, TestScenes.cry("hungry"), near.cryStart() + 0.5);
        TestScenes.mixAt(farther, TestScenes.cry("hungry"), end);
        List<CryEvent> events;
        List<CryEvent> nearAlone;
        List<CryEvent> fartherAlone;
        try (InferenceDriver driver = new InferenceDriver(stateDir.resolve("both"))) {
            events = driver.feed(interleaved(
                    FeaturesRun.of(ROOM, "mic-1", near.audio(), 0, FeaturesRun.T0),
                    FeaturesRun.of(ROOM, "mic-2", farther, 0, FeaturesRun.T0)));
        }
        try (InferenceDriver driver = new InferenceDriver(stateDir.resolve("near"))) {
            nearAlone = driver.feed(FeaturesRun.of(ROOM, near.audio()));
        }
        try (InferenceDriver driver = new InferenceDriver(stateDir.resolve("farther"))) {
            fartherAlone = driver.feed(FeaturesRun.of(ROOM, farther));
        }
        assertEquals(1, ofType(events, CryEventType.CRY_STARTED).size(), types(events).toString());
        assertEquals(1, ofType(events, CryEventType.CRY_ENDED).size(), types(events).toString());
        double start = seconds(ofType(events, CryEventType.CRY_STARTED).get(0).getEpisodeStartMicros());
        double stop = seconds(ofType(events, CryEventType.CRY_ENDED).get(0).getEpisodeEndMicros());
        double nearStart = seconds(ofType(nearAlone, CryEventType.CRY_STARTED).get(0).getEpisodeStartMicros());
        double fartherStart = seconds(ofType(fartherAlone, CryEventType.CRY_STARTED).get(0).getEpisodeStartMicros());
        double nearEnd = seconds(ofType(nearAlone, CryEventType.CRY_ENDED).get(0).getEpisodeEndMicros());
        double fartherEnd = seconds(ofType(fartherAlone, CryEventType.CRY_ENDED).get(0).getEpisodeEndMicros());
        assertEquals(Math.min(nearStart, fartherStart), start, 1e-6, "from the first microphone's start");
        assertEquals(Math.max(nearEnd, fartherEnd), stop, 1e-6, "to the last one's end");
        assertTrue(fartherEnd > nearEnd, "the scene makes the second microphone's episode end later");
    }

    @Test
    void aRoomTrackerStoredBeforePerMicrophoneTrackersEndsItsOpenEpisode() {
        // The state an earlier version left: the room's tracker under the room's key, with a reported open episode.
        EpisodeTracker before = new EpisodeTracker(InferenceConfig.defaults().episodeSettings(InferenceDriver.DETECTOR.threshold(), 0.5));
        long t0 = FeaturesRun.t0Micros();
        List<EpisodeEvent> earlier = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long start = t0 - 12_000_000 + i * 500_000L;
            earlier.addAll(before.observe(WindowScore.scored(start, start + 2_000_000, 0.95f)));
        }
        assertEquals(EpisodeEvent.Type.STARTED, earlier.get(0).type());
        long episodeStart = earlier.get(0).episodeStartMicros();
        List<CryEvent> events;
        try (InferenceDriver driver = new InferenceDriver(stateDir.resolve("upgraded"))) {
            driver.restore(Map.of(RoomInferenceProcessor.EPISODES_STORE, Map.of(ROOM, before.snapshot())));
            events = driver.feed(FeaturesRun.of(ROOM, TestScenes.background(20)));
            Map<String, byte[]> episodes = driver.storeContents().get(RoomInferenceProcessor.EPISODES_STORE);
            assertTrue(RoomEpisodes.isSnapshot(episodes.get(ROOM)), "the room's key now holds the room's episodes");
            assertTrue(episodes.containsKey(RoomInferenceProcessor.microphoneKey(ROOM, "mic-1")), "and the tracker its microphone's");
        }
        assertEquals(List.of(CryEventType.CRY_ENDED), types(events), "the open episode ends once the quiet audio says so");
        CryEvent ended = events.get(0);
        assertEquals(episodeStart, FeaturesRun.t0Micros() + Math.round(seconds(ended.getEpisodeStartMicros()) * 1e6));
        assertEquals(EpisodeIds.of(ROOM, ended.getEpisodeStartMicros()), ended.getEpisodeId());
    }

    /** Two microphones' chunks as a consumer would get them: in production (wall-clock) order, first first on ties. */
    static List<FeaturesRun.Chunk> interleaved(List<FeaturesRun.Chunk> first, List<FeaturesRun.Chunk> second) {
        List<FeaturesRun.Chunk> merged = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < first.size() || j < second.size()) {
            boolean takeFirst = j >= second.size() || (i < first.size() && first.get(i).wallMillis() <= second.get(j).wallMillis());
            merged.add(takeFirst ? first.get(i++) : second.get(j++));
        }
        return merged;
    }
}
