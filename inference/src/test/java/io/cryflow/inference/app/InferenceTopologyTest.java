package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.EpisodeIds;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference topology with the real bundled models, fed what the real features stage makes of real audio
 * (bundled Donate-a-cry cries over a quiet pink-noise background at known offsets).
 *
 * <p>Onset tolerance: an episode's start must lie within {@value #ONSET_EARLY_S} s before to
 * {@value #ONSET_LATE_S} s after the cry's first active sample; its end within {@value #OFFSET_TOLERANCE_S} s of
 * the last. Windows are judged at their centre, so a 2 s window shifts the estimate by up to a second.
 */
class InferenceTopologyTest {

    static final String ROOM = "nicu-3";
    static final double ONSET_EARLY_S = 1.0;
    static final double ONSET_LATE_S = 1.5;
    static final double OFFSET_TOLERANCE_S = 2.0;

    @TempDir
    Path stateDir;

    /** 10 s of background, the hungry cry, background up to 30 s. */
    record OneCry(float[] audio, double cryStart, double cryEnd) {
        static OneCry make() {
            float[] audio = TestScenes.background(30);
            double end = TestScenes.mixAt(audio, TestScenes.cry("hungry"), 10.0);
            return new OneCry(audio, 10.0, end);
        }
    }

    static double seconds(Instant captureTime) {
        return ChronoUnit.MICROS.between(FeaturesRun.T0, captureTime) / 1e6;
    }

    static List<CryEventType> types(List<CryEvent> events) {
        return events.stream().map(CryEvent::getEventType).toList();
    }

    static List<CryEvent> ofType(List<CryEvent> events, CryEventType type) {
        return events.stream().filter(e -> e.getEventType() == type).toList();
    }

    @Test
    void aRealCryIsOneEpisodeFromOnsetToOffset() {
        OneCry scene = OneCry.make();
        List<CryEvent> events;
        try (InferenceDriver inference = new InferenceDriver(stateDir)) {
            events = inference.feed(FeaturesRun.of(ROOM, scene.audio()));
        }
        assertEquals(1, ofType(events, CryEventType.CRY_STARTED).size(), "one start: " + types(events));
        assertEquals(1, ofType(events, CryEventType.CRY_ENDED).size(), "one end: " + types(events));
        assertEquals(CryEventType.CRY_STARTED, events.get(0).getEventType());
        assertEquals(CryEventType.CRY_ENDED, events.get(events.size() - 1).getEventType());

        CryEvent started = events.get(0);
        double start = seconds(started.getEpisodeStartMicros());
        assertTrue(start >= scene.cryStart() - ONSET_EARLY_S && start <= scene.cryStart() + ONSET_LATE_S,
                "episode start " + start + " s, cry onset " + scene.cryStart() + " s");
        assertEquals(EpisodeIds.of(ROOM, started.getEpisodeStartMicros()), started.getEpisodeId());
        assertEquals(started.getEpisodeStartMicros(), started.getEventTimeMicros());
        assertNull(started.getEpisodeEndMicros());
        assertEquals(InferenceDriver.SCORER.modelVersion(), started.getModelVersion());
        // Detection delay: wall clock of emission (the driver's clock runs with the chunks) minus the onset.
        assertTrue(started.getDetectionDelayMillis() > 0 && started.getDetectionDelayMillis() < 6000,
                "detection delay " + started.getDetectionDelayMillis() + " ms");

        CryEvent ended = events.get(events.size() - 1);
        double end = seconds(ended.getEpisodeEndMicros());
        assertEquals(started.getEpisodeId(), ended.getEpisodeId());
        assertTrue(Math.abs(end - scene.cryEnd()) <= OFFSET_TOLERANCE_S, "episode end " + end + " s, cry end " + scene.cryEnd() + " s");
        assertEquals(ended.getEpisodeEndMicros(), ended.getEventTimeMicros());
        assertEquals(Math.round((end - start) * 1000), ended.getDurationMillis(), 1.0);
        assertTrue(ended.getPeakConfidence() >= ended.getMeanConfidence() && ended.getMeanConfidence() > 0);
        assertEquals(5, ended.getCauseProbabilities().size(), "cause probabilities of every cause: " + ended.getCauseProbabilities());
        double total = ended.getCauseProbabilities().values().stream().mapToDouble(Float::doubleValue).sum();
        assertEquals(1.0, total, 1e-3);
        System.out.printf("one cry: onset %.2f s -> start %.2f s (delay %d ms); end %.2f s -> %.2f s; peak %.2f mean %.2f; cause %s %s%n",
                scene.cryStart(), start, started.getDetectionDelayMillis(), scene.cryEnd(), end, ended.getPeakConfidence(),
                ended.getMeanConfidence(), ended.getCause(), ended.getCauseProbabilities());
    }

    @Test
    void backgroundAloneGivesNoEpisode() {
        try (InferenceDriver inference = new InferenceDriver(stateDir)) {
            assertEquals(List.of(), inference.feed(FeaturesRun.of(ROOM, TestScenes.background(30))));
        }
    }

    @Test
    void windowsDuringWhichTheGateWasClosedAreNotScoredUnlessScoringAlways() {
        OneCry scene = OneCry.make();
        List<FeaturesRun.Chunk> withoutCandidates = FeaturesRun.of(ROOM, scene.audio()).stream()
                .map(chunk -> new FeaturesRun.Chunk(chunk.wallMillis(), chunk.mel(), List.of()))
                .toList();
        try (InferenceDriver gated = new InferenceDriver(stateDir.resolve("gated"))) {
            assertEquals(List.of(), gated.feed(withoutCandidates), "the gate never opened: nothing scored, no episode");
        }
        Properties always = new Properties();
        always.setProperty(InferenceConfig.SCORE_ALWAYS, "true");
        try (InferenceDriver scoringAll = new InferenceDriver(always, stateDir.resolve("always"), FeaturesRun.T0)) {
            List<CryEvent> events = scoringAll.feed(withoutCandidates);
            assertEquals(List.of(CryEventType.CRY_STARTED, CryEventType.CRY_ENDED),
                    types(events).stream().filter(t -> t != CryEventType.CRY_UPDATED).toList());
        }
    }

    @Test
    void candidatesConsumedAfterLaterFramesStillGateTheirWindows() {
        OneCry scene = OneCry.make();
        List<List<CryEvent>> runs = inOrderAndCandidatesLate(stateDir, FeaturesRun.of(ROOM, scene.audio()));
        assertEquals(withoutDelays(runs.get(0)), withoutDelays(runs.get(1)));
        assertFalse(runs.get(0).isEmpty());
    }

    /**
     * The events of two fresh instances fed the same chunks: in order, and with each chunk's candidates after the
     * next chunk's frames (0.5 s late, within the 1 s settle).
     */
    static List<List<CryEvent>> inOrderAndCandidatesLate(Path stateDir, List<FeaturesRun.Chunk> chunks) {
        List<CryEvent> inOrder;
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("a"))) {
            inOrder = inference.feed(chunks, 0);
        }
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("b"))) {
            return List.of(inOrder, inference.feed(chunks, 1));
        }
    }

    @Test
    void aCryResumingWithinTheMergeGapIsOneEpisodeAndAfterItTwo() {
        float[] close = TestScenes.background(40);
        double firstEnd = TestScenes.mixAt(close, TestScenes.cry("hungry"), 8.0);
        TestScenes.mixAt(close, TestScenes.cry("tired"), firstEnd + 1.5);
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("close"))) {
            List<CryEvent> events = inference.feed(FeaturesRun.of(ROOM, close));
            assertEquals(1, ofType(events, CryEventType.CRY_STARTED).size(), "1.5 s apart: one episode " + types(events));
            assertEquals(1, ofType(events, CryEventType.CRY_ENDED).size());
        }
        float[] apart = TestScenes.background(45);
        double end = TestScenes.mixAt(apart, TestScenes.cry("hungry"), 8.0);
        TestScenes.mixAt(apart, TestScenes.cry("tired"), end + 12.0);
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("apart"))) {
            List<CryEvent> events = inference.feed(FeaturesRun.of(ROOM, apart));
            List<CryEvent> starts = ofType(events, CryEventType.CRY_STARTED);
            assertEquals(2, starts.size(), "12 s apart: two episodes " + types(events));
            assertEquals(2, ofType(events, CryEventType.CRY_ENDED).size());
            assertFalse(starts.get(0).getEpisodeId().equals(starts.get(1).getEpisodeId()));
        }
    }

    @Test
    void anEpisodeShorterThanTheMinimumDurationIsNeverReported() {
        OneCry scene = OneCry.make();
        double cryLength = scene.cryEnd() - scene.cryStart();
        Properties longMinimum = new Properties();
        longMinimum.setProperty(InferenceConfig.MIN_DURATION_MS, Long.toString(Math.round((cryLength + 3) * 1000)));
        try (InferenceDriver inference = new InferenceDriver(longMinimum, stateDir, FeaturesRun.T0)) {
            assertEquals(List.of(), inference.feed(FeaturesRun.of(ROOM, scene.audio())),
                    "a " + cryLength + " s cry under a " + (cryLength + 3) + " s minimum");
        }
    }

    @Test
    void aSilentMicrophoneGoesOfflineWithoutEndingTheOpenEpisodeAndComesBack() {
        // The cry runs to the end of the first stretch: the microphone drops out mid-episode.
        float[] first = TestScenes.background(16);
        TestScenes.mixAt(first, TestScenes.cry("hungry"), 9.0);
        List<FeaturesRun.Chunk> before = FeaturesRun.of(ROOM, "mic-1", first, 0, FeaturesRun.T0);
        Instant resume = FeaturesRun.T0.plusSeconds(60);
        List<FeaturesRun.Chunk> after = FeaturesRun.of(ROOM, "mic-1", TestScenes.background(15), 1000, resume);
        try (InferenceDriver inference = new InferenceDriver(stateDir)) {
            List<CryEvent> events = new ArrayList<>(inference.feed(before));
            assertEquals(List.of(CryEventType.CRY_STARTED), types(events).stream().filter(t -> t != CryEventType.CRY_UPDATED).toList());
            List<MicrophoneStatus> statuses = inference.statusChanges();
            assertEquals(List.of(), statuses, "no status while audio flows");

            inference.advanceWallClock(Duration.ofSeconds(9));
            assertTrue(inference.statusChanges().isEmpty(), "not offline after 9 s");
            inference.advanceWallClock(Duration.ofSeconds(2));
            statuses = inference.statusChanges();
            assertEquals(1, statuses.size());
            assertEquals(MicrophoneState.MICROPHONE_OFFLINE, statuses.get(0).getStatus());
            assertEquals("mic-1", statuses.get(0).getMicrophoneId());
            assertEquals(16.0, seconds(statuses.get(0).getSinceMicros()), 0.05, "offline since the end of its last audio");
            assertEquals(List.of(), ofType(inference.events.readValuesToList(), CryEventType.CRY_ENDED),
                    "going offline does not end the episode: silence from a dead microphone is not 'no crying'");
            inference.advanceWallClock(Duration.ofSeconds(30));
            assertTrue(inference.statusChanges().isEmpty(), "OFFLINE once");

            List<CryEvent> later = inference.feed(after);
            statuses = inference.statusChanges();
            assertEquals(MicrophoneState.MICROPHONE_ONLINE, statuses.get(0).getStatus());
            assertEquals(60.0, seconds(statuses.get(0).getSinceMicros()), 0.05);
            List<CryEvent> ended = ofType(later, CryEventType.CRY_ENDED);
            assertEquals(1, ended.size(), "the quiet audio after the return ends the episode: " + types(later));
            assertEquals(events.get(0).getEpisodeId(), ended.get(0).getEpisodeId());
            assertTrue(seconds(ended.get(0).getEpisodeEndMicros()) <= 16.5, "it ends at the last cry heard, before the outage");
        }
    }

    @Test
    void aRestartFromTheStateStoresContinuesTheEpisodeWithoutASecondStart() {
        OneCry scene = OneCry.make();
        List<FeaturesRun.Chunk> chunks = FeaturesRun.of(ROOM, scene.audio());
        List<CryEvent> straight;
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("straight"))) {
            straight = inference.feed(chunks);
        }
        // Stop in the middle of the cry (after its start was published); a new instance restores the stores (as
        // from their changelogs) and goes on.
        int cut = (int) Math.round((scene.cryStart() + 4) * 2);
        List<CryEvent> resumed = new ArrayList<>();
        Map<String, Map<String, byte[]>> stores;
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("before"))) {
            resumed.addAll(inference.feed(chunks.subList(0, cut)));
            stores = inference.storeContents();
        }
        assertEquals(1, ofType(resumed, CryEventType.CRY_STARTED).size(), "started before the restart");
        try (InferenceDriver inference = new InferenceDriver(new Properties(), stateDir.resolve("after"),
                Instant.ofEpochMilli(chunks.get(cut).wallMillis()))) {
            inference.restore(stores);
            resumed.addAll(inference.feed(chunks.subList(cut, chunks.size())));
        }
        assertEquals(withoutDelays(straight), withoutDelays(resumed));
        assertEquals(1, ofType(resumed, CryEventType.CRY_STARTED).size());
    }

    @Test
    void restartsAtAnyPointOfTheStreamGiveExactlyTheEventsOfAStraightRun() {
        // Two cries and a stream restart (a sequence gap) in between, so restarts land while frames settle, while
        // the assembler holds part of a window, mid-episode and right after a DISCONTINUITY.
        float[] first = TestScenes.background(20);
        TestScenes.mixAt(first, TestScenes.cry("hungry"), 6.0);
        float[] second = TestScenes.background(16);
        TestScenes.mixAt(second, TestScenes.cry("tired"), 4.0);
        List<FeaturesRun.Chunk> chunks = new ArrayList<>(FeaturesRun.of(ROOM, "mic-1", first, 0, FeaturesRun.T0));
        chunks.addAll(FeaturesRun.of(ROOM, "mic-1", second, 500, FeaturesRun.T0.plusSeconds(21)));
        List<CryEvent> straight;
        try (InferenceDriver inference = new InferenceDriver(stateDir.resolve("straight"))) {
            straight = inference.feed(chunks);
        }
        assertEquals(2, ofType(straight, CryEventType.CRY_STARTED).size(), types(straight).toString());

        // A new instance every 7 chunks (3.5 s: not a multiple of the 0.5 s window hop or the 1 s settle), each
        // restoring only what the previous one left in the stores, as from their changelogs.
        List<CryEvent> restarted = new ArrayList<>();
        Map<String, Map<String, byte[]>> stores = Map.of();
        int largestFrameStore = 0;
        for (int from = 0; from < chunks.size(); from += 7) {
            List<FeaturesRun.Chunk> part = chunks.subList(from, Math.min(chunks.size(), from + 7));
            try (InferenceDriver inference = new InferenceDriver(new Properties(), stateDir.resolve("part-" + from),
                    Instant.ofEpochMilli(part.get(0).wallMillis()))) {
                inference.restore(stores);
                restarted.addAll(inference.feed(part));
                stores = inference.storeContents();
            }
            largestFrameStore = Math.max(largestFrameStore, stores.get(RoomInferenceProcessor.FRAMES_STORE).size());
        }
        assertEquals(withoutDelays(straight), withoutDelays(restarted));
        // Blocks no longer needed are deleted, across restarts too: a window (2 s) and the settle (1 s) in 0.5 s
        // records, plus one partly needed at either end.
        assertTrue(largestFrameStore <= 8, largestFrameStore + " frame blocks stored");
    }

    @Test
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheRoomGoesOn() {
        OneCry scene = OneCry.make();
        List<FeaturesRun.Chunk> chunks = FeaturesRun.of(ROOM, scene.audio());
        MelFrames good = chunks.get(0).mel().get(0);
        try (InferenceDriver inference = new InferenceDriver(stateDir)) {
            inference.mel.pipeInput(ROOM, MelFrames.newBuilder(good).setDspConfigId("logmel-sr8000-other").build());
            inference.mel.pipeInput("another-room", good);
            inference.mel.pipeInput(ROOM, MelFrames.newBuilder(good).setFrameCount(good.getFrameCount() + 1).build());
            // Undecodable: skipped by the deserialization handler (whose dead letter only a broker run shows).
            inference.rawMel.pipeInput(ROOM, new byte[] {(byte) 0xC3, 0x01, 0x55});
            List<DeadLetter> dead = inference.deadLetters.readValuesToList();
            assertEquals(List.of(InferenceRejections.WRONG_DSP_CONFIG, InferenceRejections.KEY_MISMATCH,
                    InferenceRejections.MALFORMED_FRAMES), dead.stream().map(DeadLetter::getReasonCode).toList());
            assertTrue(dead.get(0).getMessage().contains("logmel-sr8000-other"), dead.get(0).getMessage());
            assertEquals(InferenceConfig.APPLICATION_ID, dead.get(0).getStage());
            // Nothing of them reached the state: the real stream afterwards gives the usual episode.
            List<CryEvent> events = inference.feed(chunks);
            assertEquals(1, ofType(events, CryEventType.CRY_STARTED).size());
        }
    }

    @Test
    void aMicrophonesWindowStateStaysSmall() {
        OneCry scene = OneCry.make();
        try (InferenceDriver inference = new InferenceDriver(stateDir)) {
            inference.feed(FeaturesRun.of(ROOM, scene.audio()).subList(0, 30));
            Map<String, Map<String, byte[]>> stores = inference.storeContents();
            int windows = stores.get(RoomInferenceProcessor.WINDOWS_STORE).values().iterator().next().length;
            Map<String, byte[]> blocks = stores.get(RoomInferenceProcessor.FRAMES_STORE);
            int frameBytes = blocks.values().stream().mapToInt(value -> value.length).sum();
            int liveness = stores.get(RoomInferenceProcessor.LIVENESS_STORE).values().iterator().next().length;
            int episodes = stores.get(RoomInferenceProcessor.EPISODES_STORE).values().iterator().next().length;
            System.out.printf("state per microphone: metadata %d B, frames %d B in %d blocks, liveness %d B; per room: episodes %d B%n",
                    windows, frameBytes, blocks.size(), liveness, episodes);
            // The metadata is positions and gate intervals only; the frames are kept once, in the blocks of the
            // records still needed: the assembler's (a window minus a hop) and the settling ones (1 s + a chunk),
            // plus the parts of the blocks at either end, 256 B a frame.
            assertTrue(windows < 1_000, windows + " bytes of metadata");
            int framesNeeded = InferenceDriver.SCORER.inputSpec().windowFrames() + 150;
            assertTrue(frameBytes <= (framesNeeded + 2 * 50) * 256, frameBytes + " bytes of frames");
            assertTrue(episodes < 400 && liveness < 64);
        }
    }

    /** Events with the wall-clock-dependent detection delay zeroed, for comparing runs. */
    static List<CryEvent> withoutDelays(List<CryEvent> events) {
        return events.stream().map(e -> CryEvent.newBuilder(e).setDetectionDelayMillis(0).build()).toList();
    }
}
