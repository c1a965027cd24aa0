package io.cryflow.loadtest;

import io.cryflow.ingest.RoomReport;
import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.scene.CryEpisode;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.schemas.CryEvent;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.LongStream;
import org.HdrHistogram.Histogram;

/** What a load test measured, judged against its SLO, printable as markdown. */
public final class LoadReport {

    private final LoadTestSpec spec;
    /** How far before a scripted onset an episode reporting it may start. */
    private final Duration earlyStart;
    private final long expectedChunks;
    private final long acknowledgedChunks;
    private final long melRecords;
    private final List<RoomReport> ingest;
    private final OutputObserver.Latencies latencies;
    private final List<LagSampler.Sample> lag;
    private final List<ResourceSampler.Sample> resources;
    private final Map<String, Double> cpuByComponent;
    /** The models' work over the same stretch as {@link #cpuByComponent}; null if not measured. */
    private final ScoringMeter.Usage scoring;
    private final int cores;
    private final int rooms;
    private final int scriptedEpisodes;
    private final int detectedEpisodes;
    private final int falseStarts;
    private final Histogram detectionDelay = new Histogram(600_000L, 3);
    /** The same for cries starting after the warm-up, whose delay the cold start's backlog does not lengthen. */
    private final Histogram detectionDelayAfterWarmUp = new Histogram(600_000L, 3);
    /** Each missed scripted cry, with the rooms that missed it (rooms repeating a scene repeat its cries). */
    private final Map<CryEpisode, List<String>> missedIn = new LinkedHashMap<>();
    /** Scripted cries (one per room playing them) that the {@link UnloadedReference} reports. */
    private final int reportedUnloaded;
    /** Each scripted cry the unloaded reference reports that rooms under load missed, with those rooms. */
    private final Map<CryEpisode, List<String>> lostIn = new LinkedHashMap<>();
    /** Scripted cries reported under load that the unloaded reference misses. */
    private final int reportedOnlyUnderLoad;
    /** Rooms whose episodes started under load exactly when (to the microsecond) the unloaded reference's did. */
    private final int roomsAsUnloaded;
    /** {@link #caughtUp()}'s bound: records per room a consumer group may be behind (2 chunks: 1 s of audio). */
    static final int CAUGHT_UP_RECORDS_PER_ROOM = 2;

    LoadReport(LoadTestSpec spec, ScriptedCryTiming timing, List<SceneRoom> rooms, RoomStarts roomStarts, long expectedChunks, long acknowledgedChunks,
            long melRecords, List<RoomReport> ingest, OutputObserver.Latencies latencies,
            Map<String, List<CryEvent>> starts, Map<Scene, List<Long>> unloadedStarts, List<LagSampler.Sample> lag,
            List<ResourceSampler.Sample> resources, Map<String, Double> cpuByComponent, ScoringMeter.Usage scoring, int cores) {
        this.spec = spec;
        this.earlyStart = timing.earlyStart();
        this.expectedChunks = expectedChunks;
        this.acknowledgedChunks = acknowledgedChunks;
        this.melRecords = melRecords;
        this.ingest = ingest;
        this.latencies = latencies;
        this.lag = lag;
        this.resources = resources;
        this.cpuByComponent = Map.copyOf(cpuByComponent);
        this.scoring = scoring;
        this.cores = cores;
        this.rooms = rooms.size();

        int scripted = 0;
        int detected = 0;
        int unloaded = 0;
        int onlyUnderLoad = 0;
        int asUnloaded = 0;
        for (SceneRoom room : rooms) {
            List<Long> reference = unloadedStarts.get(room.scene());
            if (reference == null) {
                throw new IllegalArgumentException("no unloaded reference for the scene of " + room.roomId());
            }
            long startMicros = roomStarts.of(room.roomId());
            List<CryEvent> roomEvents = starts.getOrDefault(room.roomId(), List.of());
            List<Long> liveStarts = roomEvents.stream().map(e -> AudioChunker.microsOf(e.getEpisodeStartMicros()) - startMicros).toList();
            asUnloaded += liveStarts.stream().sorted().toList().equals(reference.stream().sorted().toList()) ? 1 : 0;
            boolean[] liveUsed = new boolean[liveStarts.size()];
            boolean[] referenceUsed = new boolean[reference.size()];
            for (CryEpisode episode : room.scene().episodes()) {
                scripted++;
                int hit = firstMatch(episode, liveStarts, liveUsed);
                boolean unloadedHit = firstMatch(episode, reference, referenceUsed) >= 0;
                unloaded += unloadedHit ? 1 : 0;
                if (hit < 0) {
                    missedIn.computeIfAbsent(episode, e -> new ArrayList<>()).add(room.roomId());
                    if (unloadedHit) {
                        lostIn.computeIfAbsent(episode, e -> new ArrayList<>()).add(room.roomId());
                    }
                } else {
                    CryEvent start = roomEvents.get(hit);
                    detected++;
                    onlyUnderLoad += unloadedHit ? 0 : 1;
                    long onset = startMicros + Math.round(episode.startSeconds() * 1e6);
                    long emitted = AudioChunker.microsOf(start.getEventTimeMicros()) + start.getDetectionDelayMillis() * 1000;
                    long delayMillis = Math.max(0, (emitted - onset) / 1000);
                    detectionDelay.recordValue(delayMillis);
                    if (episode.startSeconds() >= spec.warmUp().toNanos() / 1e9) {
                        detectionDelayAfterWarmUp.recordValue(delayMillis);
                    }
                }
            }
        }
        this.reportedUnloaded = unloaded;
        this.reportedOnlyUnderLoad = onlyUnderLoad;
        this.roomsAsUnloaded = asUnloaded;
        this.scriptedEpisodes = scripted;
        this.detectedEpisodes = detected;
        // Each detected cry used a start of its own; every other start is a false one.
        this.falseStarts = starts.values().stream().mapToInt(List::size).sum() - detected;
    }

    /**
     * The first start not yet used that reports the scripted cry (from {@link ScriptedCryTiming#earlyStart()} before
     * its onset to {@link LoadTestSpec#onsetTolerance()} after it, before it ends), marked used; -1 if none.
     *
     * @param startsMicros episode starts in microseconds after the scene's first sample
     */
    private int firstMatch(CryEpisode episode, List<Long> startsMicros, boolean[] used) {
        long onset = Math.round(episode.startSeconds() * 1e6);
        long latest = Math.min(Math.round(episode.endSeconds() * 1e6), onset + spec.onsetTolerance().toNanos() / 1000);
        long earliest = onset - earlyStart.toNanos() / 1000;
        for (int i = 0; i < startsMicros.size(); i++) {
            long start = startsMicros.get(i);
            if (!used[i] && start >= earliest && start <= latest) {
                used[i] = true;
                return i;
            }
        }
        return -1;
    }

    /** One missed scripted cry: its clip, cause, SNR and times, and the first few rooms that missed it. */
    private static String missedLine(CryEpisode cry, List<String> roomIds) {
        String rooms = String.join(", ", roomIds.subList(0, Math.min(3, roomIds.size()))) + (roomIds.size() > 3 ? ", …" : "");
        return String.format(Locale.ROOT, "- %s (%s) at %.1f dB SNR, %.1f-%.1f s, in %d room%s: %s%n", cry.sourceClip(),
                cry.cause().isEmpty() ? "no cause" : cry.cause(), cry.snrDb(), cry.startSeconds(), cry.endSeconds(),
                roomIds.size(), roomIds.size() == 1 ? "" : "s", rooms);
    }

    /** Whole seconds as an integer, others with their fraction: "3", "8.5". */
    private static String delaySummary(Histogram delays) {
        return String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, max %d ms", delays.getValueAtPercentile(50),
                delays.getValueAtPercentile(95), delays.getMaxValue());
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    /** Every chunk was published and analysed. */
    public boolean sustained() {
        return acknowledgedChunks == expectedChunks && melRecords >= expectedChunks
                && ingest.stream().allMatch(r -> r.outcome() != RoomReport.Outcome.FAILED);
    }

    public long melLatencyP99Millis() {
        return latencies.mel().percentile(99);
    }

    public boolean latencyWithinSlo() {
        LatencyStats candidates = latencies.candidates();
        return latencies.mel().count() > 0 && melLatencyP99Millis() < spec.latencyP99Slo().toMillis()
                && (candidates.count() == 0 || candidates.percentile(99) < spec.latencyP99Slo().toMillis());
    }

    /** The lag at the end of streaming is no larger than the largest lag of its first half, plus a chunk per room. */
    public boolean lagNotGrowing() {
        List<LagSampler.Sample> streaming = streamingLag();
        return streaming.size() >= 4 && streaming.get(0).lagByGroup().keySet().stream().allMatch(group ->
                lagOf(group, streaming.subList(streaming.size() * 3 / 4, streaming.size())).min().orElse(0)
                        <= lagOf(group, streaming.subList(0, streaming.size() / 2)).max().orElse(0) + spec.rooms());
    }

    /**
     * Each consumer group's lag fell, at least once in the last quarter of the streaming, to at most
     * {@value #CAUGHT_UP_RECORDS_PER_ROOM} records per room: about one second of audio at the load generator's
     * 0.5 s chunks. A backlog that neither grows nor shrinks passes {@link #lagNotGrowing()} but leaves every cry
     * event that many seconds late.
     */
    public boolean caughtUp() {
        List<LagSampler.Sample> streaming = streamingLag();
        long bound = (long) CAUGHT_UP_RECORDS_PER_ROOM * spec.rooms();
        return streaming.size() >= 4 && streaming.get(0).lagByGroup().keySet().stream().allMatch(group ->
                lagOf(group, streaming.subList(streaming.size() * 3 / 4, streaming.size())).min().orElse(0) <= bound);
    }

    /** The lag samples taken while the audio streamed (not while the pipeline drained). */
    private List<LagSampler.Sample> streamingLag() {
        return lag.stream().filter(s -> s.seconds() <= spec.duration().toSeconds() + 2).toList();
    }

    private static LongStream lagOf(String group, List<LagSampler.Sample> samples) {
        return samples.stream().mapToLong(s -> s.lagByGroup().getOrDefault(group, 0L));
    }

    public boolean everyEpisodeDetected() {
        return detectedEpisodes == scriptedEpisodes;
    }

    /**
     * Every scripted cry that the same scene reports with no load ({@link UnloadedReference}) was reported under load
     * too: the load lost none. {@link #everyEpisodeDetected()} also counts the detector's own misses.
     */
    public boolean noneLostUnderLoad() {
        return lostIn.isEmpty();
    }

    public boolean passed() {
        return sustained() && latencyWithinSlo() && lagNotGrowing() && caughtUp() && noneLostUnderLoad() && everyEpisodeDetected();
    }

    public int reportedUnloaded() {
        return reportedUnloaded;
    }

    /** Rooms whose episode starts under load equal the unloaded reference's, false starts included. */
    public int roomsAsUnloaded() {
        return roomsAsUnloaded;
    }

    public int scriptedEpisodes() {
        return scriptedEpisodes;
    }

    public int detectedEpisodes() {
        return detectedEpisodes;
    }

    public int falseStarts() {
        return falseStarts;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### Load test: %d rooms, %d s, %d available cores%n%n", spec.rooms(),
                spec.duration().toSeconds(), cores));
        md.append(String.format(Locale.ROOT, "**%s** — sustained %s, pipeline p99 < %d ms %s, lag not growing %s, "
                        + "lag back under 1 s of records %s, no scripted cry lost to the load %s, every scripted episode detected %s%n%n",
                passed() ? "PASS" : "FAIL", yes(sustained()), spec.latencyP99Slo().toMillis(), yes(latencyWithinSlo()),
                yes(lagNotGrowing()), yes(caughtUp()), yes(noneLostUnderLoad()), yes(everyEpisodeDetected())));
        md.append(String.format(Locale.ROOT, "Chunks: %d expected, %d acknowledged by the broker, %d analysed (MelFrames records).%n%n",
                expectedChunks, acknowledgedChunks, melRecords));
        md.append("| output | records | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|\n");
        for (LatencyStats stats : latencies.all()) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d |%n", stats.name(), stats.count(),
                    stats.percentile(50), stats.percentile(95), stats.percentile(99), stats.max()));
        }
        List<long[]> slow = latencies.mel().slowStretches(spec.latencyP99Slo().toMillis());
        if (!slow.isEmpty()) {
            md.append(String.format(Locale.ROOT, "%nMel frames over %d ms arrived in %d stretch%s (seconds after streaming began, worst "
                    + "latency):", spec.latencyP99Slo().toMillis(), slow.size(), slow.size() == 1 ? "" : "es"));
            String separator = " ";
            for (long[] stretch : slow.subList(0, Math.min(10, slow.size()))) {
                md.append(separator).append(stretch[0] == stretch[1] ? String.format(Locale.ROOT, "%d s", stretch[0])
                        : String.format(Locale.ROOT, "%d-%d s", stretch[0], stretch[1]))
                        .append(String.format(Locale.ROOT, " (%d ms)", stretch[2]));
                separator = ", ";
            }
            md.append(slow.size() > 10 ? ", …\n" : ".\n");
        }
        long clockSteps = latencies.all().stream().mapToLong(LatencyStats::negative).sum();
        if (clockSteps > 0) {
            md.append(String.format(Locale.ROOT, "%n%d records arrived before the capture end they describe (clock offset) and count as 0 ms.%n", clockSteps));
        }
        md.append(String.format(Locale.ROOT, "%nLatency = time from the end of capture of the audio a record describes to the "
                + "record being readable (read_committed) downstream, for audio captured after a %d s warm-up; for gate "
                + "candidates, from the end of the chunk that completed the gate's fixed 0.25 s look-ahead (the chunk that "
                + "produced the candidate), and, not judged, from the end of that look-ahead itself.%n%n", spec.warmUp().toSeconds()));
        md.append(String.format(Locale.ROOT, "Episodes: %d scripted, %d detected (episode start from %s s before to %d s after "
                        + "the onset, before the cry ends), %d false starts; "
                        + "detection delay (scripted onset → CRY_STARTED published) %s; %s.%n",
                scriptedEpisodes, detectedEpisodes, seconds(earlyStart), spec.onsetTolerance().toSeconds(), falseStarts,
                delaySummary(detectionDelay),
                detectionDelayAfterWarmUp.getTotalCount() == 0
                        ? "no detected cry starts after the " + spec.warmUp().toSeconds() + " s warm-up"
                        : String.format(Locale.ROOT, "for the %d detected cries starting after the %d s warm-up %s",
                                detectionDelayAfterWarmUp.getTotalCount(), spec.warmUp().toSeconds(),
                                delaySummary(detectionDelayAfterWarmUp))));
        if (!missedIn.isEmpty()) {
            int misses = scriptedEpisodes - detectedEpisodes;
            md.append(String.format(Locale.ROOT, "Missed: %d distinct scripted cr%s, %d miss%s in all (rooms playing the same "
                    + "scene share its cries):%n", missedIn.size(), missedIn.size() == 1 ? "y" : "ies", misses, misses == 1 ? "" : "es"));
            missedIn.forEach((cry, roomIds) -> md.append(missedLine(cry, roomIds)));
        }
        md.append(String.format(Locale.ROOT, "Without load (each distinct scene alone through the same topologies in a "
                        + "TopologyTestDriver, no broker): %d of the %d scripted cries reported; under load %d of those were "
                        + "missed (lost to the load), and %d cries were reported that the unloaded run missed. "
                        + "In %d of %d rooms every episode started when (to the microsecond) the unloaded run's did.%n",
                reportedUnloaded, scriptedEpisodes, lostIn.values().stream().mapToInt(List::size).sum(), reportedOnlyUnderLoad,
                roomsAsUnloaded, rooms));
        if (!lostIn.isEmpty()) {
            md.append("Lost to the load:\n");
            lostIn.forEach((cry, roomIds) -> md.append(missedLine(cry, roomIds)));
        }
        md.append("\n| t (s) | consumer lag (records) | CPU (cores) | heap used / committed (MB) |\n|---|---|---|---|\n");
        int step = Math.max(1, lag.size() / 12);
        for (int i = 0; i < lag.size(); i += step) {
            LagSampler.Sample sample = lag.get(i);
            ResourceSampler.Sample resource = nearest(sample.seconds());
            md.append(String.format(Locale.ROOT, "| %.0f | %s | %s | %s |%n", sample.seconds(), sample.lagByGroup(),
                    resource == null ? "" : String.format(Locale.ROOT, "%.2f", resource.cpuCores()),
                    resource == null ? "" : (resource.heapUsedBytes() >> 20) + " / " + (resource.heapCommittedBytes() >> 20)));
        }
        double meanCpu = resources.stream().mapToDouble(ResourceSampler.Sample::cpuCores).average().orElse(0);
        long maxHeap = resources.stream().mapToLong(ResourceSampler.Sample::heapUsedBytes).max().orElse(0);
        long minCommitted = resources.stream().mapToLong(ResourceSampler.Sample::heapCommittedBytes).min().orElse(0);
        long maxCommitted = resources.stream().mapToLong(ResourceSampler.Sample::heapCommittedBytes).max().orElse(0);
        md.append(String.format(Locale.ROOT, "%nCPU: mean %.2f of %d cores; heap: max %d MB in use, %s.%n", meanCpu, cores,
                maxHeap >> 20, minCommitted == maxCommitted ? "committed " + (maxCommitted >> 20) + " MB throughout"
                        : "committed from " + (minCommitted >> 20) + " to " + (maxCommitted >> 20) + " MB"));
        if (!cpuByComponent.isEmpty()) {
            md.append("CPU by component from the end of the warm-up to the end of the audio (cores):");
            String separator = " ";
            for (String component : CpuByComponent.COMPONENTS) {
                md.append(separator).append(String.format(Locale.ROOT, "%s %.2f", component, cpuByComponent.getOrDefault(component, 0.0)));
                separator = ", ";
            }
            md.append(".\n");
        }
        if (scoring != null) {
            md.append(String.format(Locale.ROOT, "Over the same stretch the detector scored %.2f windows per room and second "
                            + "(%.0f %% of the windows; a quiet room's stride left out %.0f %%, the energy gate the rest); "
                            + "ONNX Runtime's calls took %.2f cores "
                            + "of wall time (detector %.2f, cause classifier %.2f), %.2f ms per scored window.%n",
                    scoring.windowsScoredPerSecond() / spec.rooms(), 100 * scoring.scoredShare(),
                    100 * scoring.leftOutByStrideShare(),
                    scoring.detectorCores() + scoring.classifierCores(), scoring.detectorCores(), scoring.classifierCores(),
                    scoring.millisPerScoredWindow()));
        }
        return md.toString();
    }

    private ResourceSampler.Sample nearest(double seconds) {
        ResourceSampler.Sample best = null;
        for (ResourceSampler.Sample s : resources) {
            if (best == null || Math.abs(s.seconds() - seconds) < Math.abs(best.seconds() - seconds)) {
                best = s;
            }
        }
        return best;
    }

    private static String yes(boolean ok) {
        return ok ? "yes" : "**no**";
    }
}
