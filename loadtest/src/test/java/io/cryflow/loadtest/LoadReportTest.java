package io.cryflow.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.RoomReport;
import io.cryflow.ingest.scene.CryEpisode;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.EpisodeIds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The verdict logic of a load test: episode matching, lag growth, latency SLO, sustained throughput. */
class LoadReportTest {

    private static final long START_MICROS = 1_796_119_200_000_000L;
    private static final int RATE = 16_000;
    private final LoadTestSpec spec = LoadTestSpec.of(2, Duration.ofSeconds(60));

    @Test
    void scriptedCriesMatchStartsWithinTheToleranceOnceEach() {
        List<SceneRoom> rooms = List.of(room("room-000", 10, 20), room("room-001", 30, 40), room("room-002", 50, 57));
        Map<String, List<CryEvent>> starts = Map.of(
                "room-000", List.of(start("room-000", 9.2, 2500), start("room-000", 45.0, 2000)), // a hit and a false start
                // 5 s before the onset (more than the 3 s an episode may reach back) and 7.5 s late: neither matches
                "room-001", List.of(start("room-001", 25.0, 1000), start("room-001", 37.5, 1000)),
                // 2.5 s early: dated back over windows leading into the cry, still a hit
                "room-002", List.of(start("room-002", 47.5, 3000)));
        LoadReport report = report(rooms, starts, 120, lagSamples(5, 5, 5, 5, 5, 5, 5, 5), fastLatencies());
        assertEquals(3, report.scriptedEpisodes());
        assertEquals(2, report.detectedEpisodes());
        assertEquals(3, report.falseStarts(), "every unmatched start");
        assertFalse(report.everyEpisodeDetected());
        assertTrue(report.markdown().contains("Missed: 1 distinct scripted cry, 1 miss in all"), report.markdown());
        assertTrue(report.markdown().contains("- clip.wav (hungry) at 10.0 dB SNR, 30.0-40.0 s, in 1 room: room-001\n"), report.markdown());
        // Detection delay = emission (event time + its delay) - scripted onset: 9.2 + 2.5 - 10 = 1.7 s and 47.5 + 3 - 50 = 0.5 s.
        assertTrue(report.markdown().contains("p50 500 ms, p95 1700 ms, max 1700 ms; for the 2 detected cries starting "
                + "after the 10 s warm-up p50 500 ms, p95 1700 ms, max 1700 ms."), report.markdown());
    }

    @Test
    void detectionDelayIsAlsoGivenForCriesStartingAfterTheWarmUp() {
        // Cries at 10 s (in a 20 s warm-up: a cold start's backlog may delay it) and 50 s, reported 12 s and 1.5 s late.
        List<SceneRoom> rooms = List.of(room("room-000", 10, 20), room("room-001", 50, 57));
        Map<String, List<CryEvent>> starts = Map.of(
                "room-000", List.of(start("room-000", 10.0, 12_000)),
                "room-001", List.of(start("room-001", 50.0, 1500)));
        LoadReport report = new LoadReport(spec.withWarmUp(Duration.ofSeconds(20)), ScriptedCryTiming.of(new Properties()),
                rooms, together(rooms), 120, 120, 120,
                List.of(new RoomReport("room-000", "mic-1", 120, 960_000, RoomReport.Outcome.COMPLETED, "")), fastLatencies(),
                starts, unloadedReportingEveryCry(rooms), lagSamples(5, 5, 5, 5, 5, 5, 5, 5),
                List.of(new ResourceSampler.Sample(1, 0.5, 1 << 20, 4 << 20)), Map.of(), null, 2);
        assertTrue(report.markdown().contains("p50 1500 ms, p95 12007 ms, max 12007 ms; for the 1 detected cries starting "
                + "after the 20 s warm-up p50 1500 ms, p95 1500 ms, max 1500 ms."), report.markdown());
    }

    @Test
    void eachRoomsEpisodesAreTimedFromItsOwnCaptureStart() {
        // Rooms start spread over a 0.5 s chunk; both start an episode exactly at their scripted onset, 10 s into
        // their own capture, as the unloaded reference does.
        SceneRoom first = room("room-000", 10, 20);
        List<SceneRoom> rooms = List.of(first, new SceneRoom("room-001", first.scene()));
        RoomStarts spread = RoomStarts.spread(rooms, START_MICROS, 500_000);
        assertEquals(START_MICROS + 250_000, spread.of("room-001"));
        Map<String, List<CryEvent>> starts = Map.of(
                "room-000", List.of(start("room-000", spread.of("room-000"), 10.0, 2000)),
                "room-001", List.of(start("room-001", spread.of("room-001"), 10.0, 2000)));
        LoadReport report = report(rooms, spread, starts, unloadedReportingEveryCry(rooms), 120,
                lagSamples(5, 5, 5, 5, 5, 5, 5, 5), fastLatencies());
        assertEquals(2, report.detectedEpisodes());
        assertEquals(2, report.roomsAsUnloaded(), "room-001's episode is 10 s into its own capture, as unloaded");
        // Timed from the first room's start instead, room-001's episode would start 250 ms after the reference's.
        assertEquals(1, report(rooms, together(rooms), starts, unloadedReportingEveryCry(rooms), 120,
                lagSamples(5, 5, 5, 5, 5, 5, 5, 5), fastLatencies()).roomsAsUnloaded());
        assertThrows(IllegalArgumentException.class, () -> spread.of("room-999"));
    }

    @Test
    void missesOfRoomsSharingASceneAreReportedOnceWithTheirRooms() {
        SceneRoom first = room("room-000", 10, 20);
        List<SceneRoom> rooms = List.of(first, new SceneRoom("room-001", first.scene()), new SceneRoom("room-002", first.scene()),
                new SceneRoom("room-003", first.scene()), new SceneRoom("room-004", first.scene()), room("room-005", 30, 40));
        Map<String, List<CryEvent>> starts = Map.of("room-002", List.of(start("room-002", 10.5, 1500)));
        String markdown = report(rooms, starts, 120, lagSamples(5, 5, 5, 5, 5, 5, 5, 5), fastLatencies()).markdown();
        assertTrue(markdown.contains("Missed: 2 distinct scripted cries, 5 misses in all"), markdown);
        assertTrue(markdown.contains("- clip.wav (hungry) at 10.0 dB SNR, 10.0-20.0 s, in 4 rooms: room-000, room-001, room-003, …\n"
                + "- clip.wav (hungry) at 10.0 dB SNR, 30.0-40.0 s, in 1 room: room-005\n"), markdown);
    }

    @Test
    void aCryTheUnloadedRunReportsButARoomUnderLoadMissesIsLostToTheLoad() {
        SceneRoom first = room("room-000", 10, 20);
        SceneRoom other = room("room-002", 30, 40);
        List<SceneRoom> rooms = List.of(first, new SceneRoom("room-001", first.scene()), other);
        Map<Scene, List<Long>> unloaded = new IdentityHashMap<>();
        unloaded.put(first.scene(), List.of(10_400_000L)); // reported without load...
        unloaded.put(other.scene(), List.of(50_000_000L)); // ...and the detector misses this one even then
        // Under load room-001 misses the cry room-000 and the unloaded run report; room-002 misses its cry as the
        // unloaded run does; room-002's start at 30.5 s is reported only under load.
        Map<String, List<CryEvent>> starts = Map.of("room-000", List.of(start("room-000", 10.4, 1500)));
        LoadReport lost = report(rooms, starts, unloaded, 120, lagSamples(5, 5, 5, 5, 5, 5, 5, 5), fastLatencies());
        assertEquals(2, lost.reportedUnloaded(), "room-000 and room-001 play the scene whose cry the reference reports");
        assertFalse(lost.noneLostUnderLoad());
        assertFalse(lost.passed());
        String markdown = lost.markdown();
        assertTrue(markdown.contains("no scripted cry lost to the load **no**"), markdown);
        assertTrue(markdown.contains("2 of the 3 scripted cries reported; under load 1 of those were missed (lost to the load), "
                + "and 0 cries were reported that the unloaded run missed. In 1 of 3 rooms every episode started when (to the "
                + "microsecond) the unloaded run's did."), markdown);
        assertEquals(1, lost.roomsAsUnloaded(), "room-000's one start is the reference's");
        assertTrue(markdown.contains("Lost to the load:\n- clip.wav (hungry) at 10.0 dB SNR, 10.0-20.0 s, in 1 room: room-001\n"),
                markdown);

        Map<String, List<CryEvent>> allButTheDetectorsMiss = Map.of(
                "room-000", List.of(start("room-000", 10.4, 1500)),
                "room-001", List.of(start("room-001", 10.4, 1500)),
                "room-002", List.of(start("room-002", 30.5, 1500)));
        LoadReport onlyDetectorMisses = report(rooms, allButTheDetectorsMiss, unloaded, 120,
                lagSamples(5, 5, 5, 5, 5, 5, 5, 5), fastLatencies());
        assertTrue(onlyDetectorMisses.noneLostUnderLoad());
        assertTrue(onlyDetectorMisses.everyEpisodeDetected());
        assertTrue(onlyDetectorMisses.markdown().contains("and 1 cries were reported that the unloaded run missed."),
                onlyDetectorMisses.markdown());
        Map<String, List<CryEvent>> detectorMissOnly = Map.of(
                "room-000", List.of(start("room-000", 10.4, 1500)),
                "room-001", List.of(start("room-001", 10.4, 1500)));
        LoadReport detectorMiss = report(rooms, detectorMissOnly, unloaded, 120, lagSamples(5, 5, 5, 5, 5, 5, 5, 5), fastLatencies());
        assertTrue(detectorMiss.noneLostUnderLoad(), "missed without load too: the detector's miss");
        assertFalse(detectorMiss.everyEpisodeDetected());
    }

    @Test
    void everySceneNeedsItsUnloadedReference() {
        List<SceneRoom> rooms = List.of(room("room-000", 10, 20));
        assertThrows(IllegalArgumentException.class, () -> report(rooms, Map.of(), new IdentityHashMap<>(), 120,
                lagSamples(5, 5, 5, 5, 5, 5, 5, 5), fastLatencies()));
    }

    @Test
    void lagThatKeepsGrowingFailsAndSteadyLagPasses() {
        List<SceneRoom> rooms = List.of(room("room-000", 10, 20));
        Map<String, List<CryEvent>> starts = Map.of("room-000", List.of(start("room-000", 10.5, 1500)));
        LoadReport steady = report(rooms, starts, 120, lagSamples(40, 3, 50, 2, 4, 30, 1, 6), fastLatencies());
        assertTrue(steady.lagNotGrowing());
        assertTrue(steady.sustained());
        assertTrue(steady.passed(), steady.markdown());
        LoadReport growing = report(rooms, starts, 120, lagSamples(10, 20, 40, 80, 160, 320, 640, 1280), fastLatencies());
        assertFalse(growing.lagNotGrowing());
        assertFalse(growing.passed());
    }

    @Test
    void aStandingBacklogIsNotGrowingButFailsForNeverCatchingUp() {
        List<SceneRoom> rooms = List.of(room("room-000", 10, 20));
        Map<String, List<CryEvent>> starts = Map.of("room-000", List.of(start("room-000", 10.5, 1500)));
        LoadReport behind = report(rooms, starts, 120, lagSamples(500, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000, 20_000),
                fastLatencies());
        assertTrue(behind.lagNotGrowing());
        assertFalse(behind.caughtUp());
        assertFalse(behind.passed());
        assertTrue(behind.markdown().contains("lag back under 1 s of records **no**"), behind.markdown());
        // Two rooms: up to 4 records behind counts as caught up.
        LoadReport current = report(rooms, starts, 120, lagSamples(500, 20_000, 9_000, 800, 40, 30, 3, 60), fastLatencies());
        assertTrue(current.caughtUp());
    }

    @Test
    void latencyOverTheSloOrLostChunksFail() {
        List<SceneRoom> rooms = List.of(room("room-000", 10, 20));
        Map<String, List<CryEvent>> starts = Map.of("room-000", List.of(start("room-000", 10.5, 1500)));
        LatencyStats slowMel = new LatencyStats("mel frames");
        for (int i = 0; i < 100; i++) {
            slowMel.record(i < 95 ? 300 : 1500, 30 + i / 4);
        }
        LoadReport slow = report(rooms, starts, 120, lagSamples(0, 0, 0, 0, 0, 0, 0, 0),
                latencies(slowMel));
        assertEquals(1500, slow.melLatencyP99Millis(), 2);
        assertFalse(slow.latencyWithinSlo());
        assertTrue(slow.markdown().contains("Mel frames over 1000 ms arrived in 1 stretch (seconds after streaming began, "
                + "worst latency): 53-54 s (1500 ms).\n"), slow.markdown());
        LoadReport lost = report(rooms, starts, 119, lagSamples(0, 0, 0, 0, 0, 0, 0, 0), fastLatencies());
        assertFalse(lost.sustained(), "one of 120 chunks never analysed");
    }

    @Test
    void slowCandidatesFailTheSloButTheirDecisionPointRowIsOnlyShown() {
        List<SceneRoom> rooms = List.of(room("room-000", 10, 20));
        Map<String, List<CryEvent>> starts = Map.of("room-000", List.of(start("room-000", 10.5, 1500)));
        OutputObserver.Latencies waitingForChunks = fastLatencies();
        for (int i = 0; i < 100; i++) {
            waitingForChunks.candidates().record(400);
            waitingForChunks.candidatesFromDecision().record(1_200);
        }
        LoadReport shown = report(rooms, starts, 120, lagSamples(0, 0, 0, 0, 0, 0, 0, 0), waitingForChunks);
        assertTrue(shown.latencyWithinSlo());
        assertTrue(shown.markdown().contains("| gate candidates, from the decision point | 100 | 1200 |"), shown.markdown());

        OutputObserver.Latencies slowCandidates = fastLatencies();
        for (int i = 0; i < 100; i++) {
            slowCandidates.candidates().record(1_100);
        }
        assertFalse(report(rooms, starts, 120, lagSamples(0, 0, 0, 0, 0, 0, 0, 0), slowCandidates).latencyWithinSlo());
    }

    private LoadReport report(List<SceneRoom> rooms, Map<String, List<CryEvent>> starts, long analysed,
            List<LagSampler.Sample> lag, OutputObserver.Latencies latencies) {
        return report(rooms, starts, unloadedReportingEveryCry(rooms), analysed, lag, latencies);
    }

    private LoadReport report(List<SceneRoom> rooms, Map<String, List<CryEvent>> starts, Map<Scene, List<Long>> unloaded,
            long analysed, List<LagSampler.Sample> lag, OutputObserver.Latencies latencies) {
        return report(rooms, together(rooms), starts, unloaded, analysed, lag, latencies);
    }

    private LoadReport report(List<SceneRoom> rooms, RoomStarts roomStarts, Map<String, List<CryEvent>> starts,
            Map<Scene, List<Long>> unloaded, long analysed, List<LagSampler.Sample> lag, OutputObserver.Latencies latencies) {
        return report(rooms, roomStarts, starts, unloaded, analysed, lag, latencies,
                List.of(new ResourceSampler.Sample(1, 0.5, 1 << 20, 4 << 20)));
    }

    private LoadReport report(List<SceneRoom> rooms, RoomStarts roomStarts, Map<String, List<CryEvent>> starts,
            Map<Scene, List<Long>> unloaded, long analysed, List<LagSampler.Sample> lag, OutputObserver.Latencies latencies,
            List<ResourceSampler.Sample> resources) {
        long expected = 120;
        List<RoomReport> ingest = List.of(new RoomReport("room-000", "mic-1", 120, 960_000, RoomReport.Outcome.COMPLETED, ""));
        return new LoadReport(spec, ScriptedCryTiming.of(new Properties()), rooms, roomStarts, expected, expected, analysed, ingest, latencies, starts, unloaded, lag,
                resources, Map.of(), null, 2);
    }

    /** Every room's capture starting at {@link #START_MICROS}. */
    private static RoomStarts together(List<SceneRoom> rooms) {
        Map<String, Long> starts = new HashMap<>();
        rooms.forEach(room -> starts.put(room.roomId(), START_MICROS));
        return new RoomStarts(START_MICROS, starts);
    }

    @Test
    void reportsWhetherTheHeapWasResizedUnderLoad() {
        List<SceneRoom> rooms = List.of(room("room-000", 10, 20));
        Map<String, List<CryEvent>> starts = Map.of("room-000", List.of(start("room-000", 10.4, 1500)));
        List<LagSampler.Sample> lag = lagSamples(5, 5, 5, 5, 5, 5, 5, 5);
        String resized = report(rooms, together(rooms), starts, unloadedReportingEveryCry(rooms), 120, lag, fastLatencies(),
                List.of(new ResourceSampler.Sample(1, 0.5, 100L << 20, 380L << 20),
                        new ResourceSampler.Sample(2, 1.5, 900L << 20, 3220L << 20))).markdown();
        assertTrue(resized.contains("CPU: mean 1.00 of 2 cores; heap: max 900 MB in use, committed from 380 to 3220 MB."), resized);
        assertTrue(resized.contains("| 2 | {cryflow-inference=5} | 1.50 | 900 / 3220 |"), resized);
        String fixed = report(rooms, together(rooms), starts, unloadedReportingEveryCry(rooms), 120, lag, fastLatencies(),
                List.of(new ResourceSampler.Sample(1, 0.5, 100L << 20, 4096L << 20),
                        new ResourceSampler.Sample(2, 1.5, 900L << 20, 4096L << 20))).markdown();
        assertTrue(fixed.contains("heap: max 900 MB in use, committed 4096 MB throughout."), fixed);
    }

    /** An unloaded reference that starts an episode at every scripted onset. */
    private static Map<Scene, List<Long>> unloadedReportingEveryCry(List<SceneRoom> rooms) {
        Map<Scene, List<Long>> unloaded = new IdentityHashMap<>();
        for (SceneRoom room : rooms) {
            unloaded.put(room.scene(), room.scene().episodes().stream().map(e -> Math.round(e.startSeconds() * 1e6)).toList());
        }
        return unloaded;
    }

    private static OutputObserver.Latencies fastLatencies() {
        LatencyStats mel = new LatencyStats("mel frames");
        for (int i = 0; i < 100; i++) {
            mel.record(200 + i);
        }
        return latencies(mel);
    }

    private static OutputObserver.Latencies latencies(LatencyStats mel) {
        return new OutputObserver.Latencies(mel, new LatencyStats("gate candidates"),
                new LatencyStats("gate candidates, from the decision point"), new LatencyStats("cry updates"));
    }

    private static List<LagSampler.Sample> lagSamples(long... lags) {
        List<LagSampler.Sample> samples = new ArrayList<>();
        for (int i = 0; i < lags.length; i++) {
            samples.add(new LagSampler.Sample(2.0 + i * 7, Map.of("cryflow-inference", lags[i])));
        }
        return samples;
    }

    private static SceneRoom room(String id, double cryStart, double cryEnd) {
        CryEpisode episode = new CryEpisode(Math.round(cryStart * RATE), Math.round(cryEnd * RATE), RATE, 10, "clip.wav", "hungry");
        return new SceneRoom(id, new Scene(new float[60 * RATE], new float[60 * RATE], RATE, List.of(episode), List.of("bg.wav"),
                SceneSpec.defaults()));
    }

    private static CryEvent start(String room, double startSecond, long delayMillis) {
        return start(room, START_MICROS, startSecond, delayMillis);
    }

    /** A CRY_STARTED of an episode {@code startSecond} after the room's capture began at {@code roomStartMicros}. */
    private static CryEvent start(String room, long roomStartMicros, double startSecond, long delayMillis) {
        Instant start = Instant.EPOCH.plusNanos((roomStartMicros + Math.round(startSecond * 1e6)) * 1000);
        return CryEvent.newBuilder().setEventType(CryEventType.CRY_STARTED).setEpisodeId(EpisodeIds.of(room, start))
                .setRoomId(room).setEpisodeStartMicros(start).setEventTimeMicros(start).setDetectionDelayMillis(delayMillis)
                .setDurationMillis(0).setConfidence(0.9f).setPeakConfidence(0.9f).setMeanConfidence(0.9f)
                .setCause(CryCause.UNCERTAIN).setModelVersion("test").build();
    }
}
