package io.cryflow.inference.app;

import static io.cryflow.inference.app.InferenceTopologyTest.ofType;
import static io.cryflow.inference.app.InferenceTopologyTest.seconds;
import static io.cryflow.inference.app.InferenceTopologyTest.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A room with two microphones through the inference topology with the real models: one by the cot, one by the
 * door that hears the same cries 25 dB quieter (or not at all) over other noise (a running tap instead of pink noise), its capture
 * starting 0.23 s later so that the two microphones' windows are not aligned. Their records arrive interleaved, as
 * the features stage publishes them: near, far, near, far.
 */
class MultiMicrophoneRoomTest {

    static final String ROOM = "daycare-2";
    static final String NEAR = "cot";
    static final String FAR = "door";
    static final long FAR_START_MILLIS = 230;
    static final double FAR_DB = -25;

    @TempDir
    Path stateDir;

    /** The two microphones' audio of one room: the same cries at the same times, heard near and far. */
    record TwoMicrophones(float[] near, float[] far, List<double[]> cries) {
        /** @param farDb how much quieter the far microphone hears the cries; NaN: not at all */
        static TwoMicrophones make(double seconds, double farDb, String... causes) {
            float[] near = TestScenes.background(seconds);
            float[] far = TestScenes.background("bg_running_tap.wav", seconds, 0.003);
            List<double[]> cries = new ArrayList<>();
            double at = 8;
            for (String cause : causes) {
                float[] cry = TestScenes.cry(cause);
                double end = TestScenes.mixAt(near, cry, at);
                // The far microphone's capture began later: the same moment lies earlier in its audio.
                if (!Double.isNaN(farDb)) {
                    TestScenes.mixAt(far, TestScenes.louder(cry, farDb), at - FAR_START_MILLIS / 1000.0);
                }
                cries.add(new double[] {at, end});
                at = Math.ceil(end) + 15;
            }
            return new TwoMicrophones(near, far, cries);
        }

        List<FeaturesRun.Chunk> nearChunks() {
            return FeaturesRun.of(ROOM, NEAR, near, 0, FeaturesRun.T0);
        }

        /** Both microphones' chunks in the order they are produced (each once complete): interleaved. */
        List<FeaturesRun.Chunk> interleaved() {
            List<FeaturesRun.Chunk> all = new ArrayList<>(nearChunks());
            all.addAll(FeaturesRun.of(ROOM, FAR, far, 0, FeaturesRun.T0.plusMillis(FAR_START_MILLIS)));
            all.sort(Comparator.comparingLong(FeaturesRun.Chunk::wallMillis)); // stable: near first on a tie
            return all;
        }
    }

    @Test
    void alternatingRecordsOfANearAndAFarMicrophoneStillGiveTheNearMicrophonesEpisode() {
        // The far microphone hears only its own noise. One tracker for the room, fed both in arrival order, started
        // this episode a second late: only where the quiet stride happened to hand it three of the near microphone's
        // windows in one go did the far one's windows not break the onset run.
        assertTheRoomGetsTheNearMicrophonesEpisode(new Properties());
    }

    @Test
    void withEveryGatedWindowScoredAtOnceAlternatingRecordsNoLongerHideTheCry() {
        // Without the quiet stride's batches, that tracker never saw three of the near windows in a row: no episode.
        Properties strideOne = new Properties();
        strideOne.setProperty(InferenceConfig.QUIET_STRIDE, "1");
        assertTheRoomGetsTheNearMicrophonesEpisode(strideOne);
    }

    private void assertTheRoomGetsTheNearMicrophonesEpisode(Properties settings) {
        TwoMicrophones room = TwoMicrophones.make(30, Double.NaN, "hungry");
        List<CryEvent> nearAlone;
        try (InferenceDriver inference = new InferenceDriver(settings, stateDir.resolve("near"), FeaturesRun.T0)) {
            nearAlone = inference.feed(room.nearChunks());
        }
        assertEquals(List.of(CryEventType.CRY_STARTED, CryEventType.CRY_ENDED), types(nearAlone),
                "the near microphone alone reports the cry");

        List<CryEvent> both;
        try (InferenceDriver inference = new InferenceDriver(settings, stateDir.resolve("both"), FeaturesRun.T0)) {
            both = inference.feed(room.interleaved());
        }

        assertEquals(List.of(CryEventType.CRY_STARTED, CryEventType.CRY_ENDED), types(both),
                "one episode for the room: " + both);
        assertEquals(seconds(nearAlone.get(0).getEpisodeStartMicros()), seconds(both.get(0).getEpisodeStartMicros()),
                "started as the near microphone alone starts it");
        assertEquals(nearAlone.get(0).getEpisodeId(), both.get(0).getEpisodeId());
        assertEquals(nearAlone.get(1).getEpisodeEndMicros(), both.get(1).getEpisodeEndMicros());
        assertEquals(nearAlone.get(1).getMeanConfidence(), both.get(1).getMeanConfidence(), "the near microphone's figures");
        assertEquals(List.of(NEAR), both.get(1).getMicrophoneIds(), "heard by the near microphone only");
    }

    @Test
    void everyCryTheNearMicrophoneDetectsAloneIsOneEpisodeOfTheRoom() {
        TwoMicrophones room = TwoMicrophones.make(80, FAR_DB, "hungry", "tired", "burping");
        List<CryEvent> nearAlone;
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("near"))) {
            nearAlone = inference.feed(room.nearChunks());
        }
        List<CryEvent> nearStarts = ofType(nearAlone, CryEventType.CRY_STARTED);
        assertFalse(nearStarts.isEmpty(), "the near microphone alone reports cries: " + types(nearAlone));

        List<CryEvent> both;
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("both"))) {
            both = inference.feed(room.interleaved());
        }

        List<CryEvent> starts = ofType(both, CryEventType.CRY_STARTED);
        List<CryEvent> ends = ofType(both, CryEventType.CRY_ENDED);
        assertEquals(nearStarts.size(), starts.size(), "one room episode per near episode, no duplicate: " + types(both));
        assertEquals(starts.size(), ends.size(), "every episode ends: " + types(both));
        List<CryEvent> nearEnds = ofType(nearAlone, CryEventType.CRY_ENDED);
        for (int i = 0; i < nearStarts.size(); i++) {
            double nearStart = seconds(nearStarts.get(i).getEpisodeStartMicros());
            double nearEnd = seconds(nearEnds.get(i).getEpisodeEndMicros());
            double start = seconds(starts.get(i).getEpisodeStartMicros());
            double end = seconds(ends.get(i).getEpisodeEndMicros());
            assertTrue(start <= nearStart && end >= nearEnd,
                    String.format("room episode %.2f-%.2f s covers the near one %.2f-%.2f s", start, end, nearStart, nearEnd));
            assertTrue(ends.get(i).getMicrophoneIds().contains(NEAR), "heard by " + ends.get(i).getMicrophoneIds());
        }
        Map<String, List<CryEvent>> byEpisode = new java.util.TreeMap<>();
        both.forEach(e -> byEpisode.computeIfAbsent(e.getEpisodeId(), id -> new ArrayList<>()).add(e));
        byEpisode.values().forEach(events -> assertEquals(1, ofType(events, CryEventType.CRY_STARTED).size(),
                "one CRY_STARTED per episode id: " + types(events)));
        System.out.printf("two microphones, %d cries: near alone %d episodes, the room %d (%s)%n", room.cries().size(),
                nearStarts.size(), starts.size(), ends.stream().map(e -> String.format("%.1f-%.1f s %s",
                        seconds(e.getEpisodeStartMicros()), seconds(e.getEpisodeEndMicros()), e.getMicrophoneIds())).toList());
    }

    @Test
    void aRoomWithOneMicrophoneNamesItOnEveryEvent() {
        TwoMicrophones room = TwoMicrophones.make(30, FAR_DB, "hungry");
        try (InferenceDriver inference = new InferenceDriver(stateDir)) {
            List<CryEvent> events = inference.feed(room.nearChunks());
            assertFalse(events.isEmpty());
            assertTrue(events.stream().allMatch(e -> e.getMicrophoneIds().equals(List.of(NEAR))), events.toString());
        }
    }
}
