package io.cryflow.inference.app;

import io.cryflow.inference.episode.EpisodeEvent;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.inference.episode.EpisodeTracker;
import io.cryflow.inference.episode.RoomEpisodeEvent;
import io.cryflow.inference.episode.RoomEpisodes;
import io.cryflow.inference.health.AnalysisHealth;
import io.cryflow.inference.health.MicrophoneLiveness;
import io.cryflow.inference.health.MicrophoneLiveness.AnalysisAlarm;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.scoring.QuietStride;
import io.cryflow.inference.scoring.ScoringFailedException;
import io.cryflow.inference.scoring.WindowScorer;
import io.cryflow.schemas.CandidateType;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.EpisodeIds;
import io.cryflow.schemas.Float32le;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MelFramesFlag;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import io.cryflow.streams.RejectedRecordException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference stage's one processor: mel frames and gate candidates of a room in, cry events and microphone
 * status out. Per (room, microphone) it keeps {@link MicrophoneWindows}: its frames in {@value #FRAMES_STORE}, one
 * entry per mel record written once and deleted once no longer needed, the rest (positions, gate) as a small record
 * in {@value #WINDOWS_STORE} rewritten per record; and a {@link MicrophoneLiveness} in {@value #LIVENESS_STORE}.
 * Per room its {@link RoomEpisodes} (an {@link EpisodeTracker} per microphone, merged into one episode per room) in
 * {@value #EPISODES_STORE}. All four are persistent and changelogged, so under
 * exactly-once a restarted task continues every episode exactly where it stopped: no episode lost, none reported
 * twice. Rewriting a microphone's held frames per record instead cost ~76 kB per 0.5 s record.
 *
 * <p>For each mel record: validate (else dead letter), settle frames, assemble windows, score the gated ones in
 * one detector batch (in a quiet room only as far as {@link QuietStride} needs) and the crying ones in one
 * classifier batch, feed the microphone's tracker, merge its episodes into the room's, publish the room's events.
 * A wall-clock punctuation declares silent microphones offline and releases their waiting frames, raises an
 * analysis alarm for microphones whose audio arrives but is not analysed (scoring fails, or windows stop), and
 * reports every heard microphone's progress ("analysed up to") on the status topic.
 *
 * <p>A scoring failure is not "no cry": the record is still handed to the error handler (dead letter, and the
 * configured policy), but first the failure is noted in the microphone's liveness, so the alarm follows within the
 * offline budget unless analysis moves on again.
 */
final class RoomInferenceProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

    static final String WINDOWS_STORE = "inference-microphone-windows";
    static final String FRAMES_STORE = "inference-microphone-frames";
    static final String LIVENESS_STORE = "inference-microphone-liveness";
    static final String EPISODES_STORE = "inference-room-episodes";
    static final String EVENTS_OUTPUT = "cry-events";
    static final String STATUS_OUTPUT = "microphone-status";

    private static final Logger log = LoggerFactory.getLogger(RoomInferenceProcessor.class);
    static final char SEPARATOR = '\u001f';
    private static final Duration MAX_LIVENESS_CHECK = Duration.ofSeconds(1);
    /** Gate intervals are kept this long beyond the longest reach of a window still to come. */
    private static final long GATE_MEMORY_MARGIN_MICROS = 10_000_000;

    private final InferenceConfig config;
    private final WindowScorer scorer;
    private final ModelInputSpec spec;
    private final EpisodeSettings baseSettings;
    private final long settleMicros;
    private final QuietStride quietStride;
    private final AnalysisHealth health;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> windowsStore;
    private MicrophoneFrameStore framesStore;
    private KeyValueStore<String, byte[]> livenessStore;
    private KeyValueStore<String, byte[]> episodesStore;
    /**
     * The live window state of the microphones this task has seen, so a record costs no store read and no rebuild.
     * The stores stay the truth: the cache starts empty on every (re)initialisation and fills from them.
     */
    private final Map<String, MicrophoneWindows> windowsCache = new HashMap<>();
    /** Per microphone, the windows a quiet room holds back until the next window decides about them (memory only). */
    private final Map<String, List<MelWindow>> heldWindows = new HashMap<>();
    /** Per microphone, the latest scoring failure's message: the detail of an ANALYSIS_FAILED (memory only). */
    private final Map<String, String> lastFailure = new HashMap<>();
    /** Per microphone, when its last ANALYSIS_PROGRESS went out (memory only: a restart reports at once). */
    private final Map<String, Long> progressReported = new HashMap<>();
    /** Microphones this task told {@link #health} about, to take back when the task leaves this instance. */
    private final Set<String> reportedToHealth = new HashSet<>();
    private long watchingSinceMillis;
    private long currentTimestamp;

    RoomInferenceProcessor(InferenceConfig config, WindowScorer scorer, EpisodeSettings baseSettings, AnalysisHealth health) {
        this.config = config;
        this.health = health;
        this.scorer = scorer;
        this.spec = scorer.inputSpec();
        this.baseSettings = baseSettings;
        this.settleMicros = config.gateSettle().toNanos() / 1_000;
        // Scoring every window (evaluation) leaves nothing to hold back.
        this.quietStride = new QuietStride(config.scoreAlways() ? 1 : config.quietStride(), spec.hopFrames());
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.windowsStore = context.getStateStore(WINDOWS_STORE);
        this.framesStore = new MicrophoneFrameStore(context.getStateStore(FRAMES_STORE), spec.melBands());
        // A revived task (e.g. after an aborted transaction) restores its stores; what was cached may be newer.
        this.windowsCache.clear();
        this.heldWindows.clear();
        this.livenessStore = context.getStateStore(LIVENESS_STORE);
        this.episodesStore = context.getStateStore(EPISODES_STORE);
        this.watchingSinceMillis = context.currentSystemTimeMs();
        Duration half = config.offlineAfter().dividedBy(2);
        Duration check = half.compareTo(MAX_LIVENESS_CHECK) < 0 ? half : MAX_LIVENESS_CHECK;
        context.schedule(check.isZero() ? Duration.ofMillis(1) : check, PunctuationType.WALL_CLOCK_TIME, this::checkLiveness);
    }

    @Override
    public void process(Record<String, SpecificRecord> record) {
        currentTimestamp = record.timestamp();
        try {
            if (record.value() instanceof MelFrames frames) {
                processFrames(record.key(), frames);
            } else if (record.value() instanceof CryCandidate candidate) {
                processCandidate(record.key(), candidate);
            }
            // A tombstone (null value) carries nothing.
        } catch (RejectedRecordException rejected) {
            throw rejected; // refused before any state was touched
        } catch (RuntimeException failed) {
            throw forgetCacheOn(failed);
        }
    }

    /**
     * A record or punctuation that failed half-way may have changed cached state the stores never got, and the
     * exception handler may let processing go on: the next access rebuilds from the stores.
     */
    private RuntimeException forgetCacheOn(RuntimeException failed) {
        windowsCache.clear();
        heldWindows.clear();
        return failed;
    }

    private void processFrames(String key, MelFrames frames) {
        float[] values = validate(key, frames);
        String room = frames.getRoomId();
        String microphone = frames.getMicrophoneId();
        String micKey = microphoneKey(room, microphone);
        long firstMicros = micros(frames.getFirstFrameCaptureMicros());
        long endMicros = firstMicros + frames.getFrameCount() * frames.getHopMicros();

        MicrophoneLiveness liveness = loadLiveness(micKey);
        long now = context.currentSystemTimeMs();
        if (liveness == null) {
            liveness = MicrophoneLiveness.heardAt(now, endMicros);
        } else if (liveness.audioArrived(now, endMicros)) {
            emitStatus(room, microphone, MicrophoneState.MICROPHONE_ONLINE, firstMicros, "audio frames arrive again", liveness);
        }

        MicrophoneWindows windows = loadWindows(micKey);
        boolean restart = frames.getFlags().contains(MelFramesFlag.STREAM_START)
                || frames.getFlags().contains(MelFramesFlag.DISCONTINUITY);
        List<MelWindow> ready = windows.addFrames(frames.getFirstFrameIndex(), firstMicros, frames.getHopMicros(),
                values, frames.getFrameCount(), restart, settleMicros);
        long analysedUpTo;
        try {
            analysedUpTo = scoreAndTrack(room, microphone, micKey, windows, ready, false);
        } catch (RuntimeException failed) {
            // The audio arrived but was not analysed (a model, or a bug): keep both facts before the error handler
            // takes the record, so the microphone neither goes offline nor passes for analysed.
            analysisFailed(room, microphone, micKey, liveness, failed, now);
            livenessStore.put(micKey, liveness.toBytes());
            throw failed;
        }
        analysisMoved(room, microphone, liveness, analysedUpTo, now);
        livenessStore.put(micKey, liveness.toBytes());
        windows.forgetGateBefore(windows.newestFrameEndMicros() - settleMicros - windowMicros(frames.getHopMicros())
                - GATE_MEMORY_MARGIN_MICROS);
        saveWindows(micKey, windows);
    }

    /** Checks the record before any state is touched; returns its log-mel values. */
    private float[] validate(String key, MelFrames frames) {
        if (!frames.getRoomId().equals(key)) {
            throw new RejectedRecordException(InferenceRejections.KEY_MISMATCH,
                    "mel frames of room " + frames.getRoomId() + " under key " + key);
        }
        if (!frames.getDspConfigId().equals(spec.dspConfigId())) {
            throw new RejectedRecordException(InferenceRejections.WRONG_DSP_CONFIG, "mel frames made by "
                    + frames.getDspConfigId() + "; the model was trained on " + spec.dspConfigId());
        }
        if (frames.getMelBands() != spec.melBands() || frames.getFrameCount() < 0 || frames.getHopMicros() <= 0
                || frames.getFirstFrameIndex() < 0) {
            throw new RejectedRecordException(InferenceRejections.MALFORMED_FRAMES, "frames with " + frames.getMelBands()
                    + " bands (model: " + spec.melBands() + "), count " + frames.getFrameCount() + ", hop "
                    + frames.getHopMicros() + " us, first index " + frames.getFirstFrameIndex());
        }
        int expected = frames.getFrameCount() * frames.getMelBands();
        int count;
        try {
            count = Float32le.valueCount(frames.getLogMel());
        } catch (IllegalArgumentException e) {
            throw new RejectedRecordException(InferenceRejections.MALFORMED_FRAMES, e.getMessage());
        }
        if (count != expected) {
            throw new RejectedRecordException(InferenceRejections.MALFORMED_FRAMES, "logMel holds " + count
                    + " values, " + frames.getFrameCount() + " frames x " + frames.getMelBands() + " bands need " + expected);
        }
        float[] values = Float32le.toFloats(frames.getLogMel());
        for (float value : values) {
            if (!Float.isFinite(value)) {
                throw new RejectedRecordException(InferenceRejections.MALFORMED_FRAMES, "logMel holds NaN or infinity");
            }
        }
        return values;
    }

    private void processCandidate(String key, CryCandidate candidate) {
        if (!candidate.getRoomId().equals(key)) {
            throw new RejectedRecordException(InferenceRejections.KEY_MISMATCH,
                    "candidate of room " + candidate.getRoomId() + " under key " + key);
        }
        String micKey = microphoneKey(candidate.getRoomId(), candidate.getMicrophoneId());
        MicrophoneWindows windows = loadWindows(micKey);
        if (candidate.getType() == CandidateType.START) {
            windows.gateOpened(micros(candidate.getCaptureMicros()));
        } else {
            windows.gateClosed(micros(candidate.getGateOpenedMicros()), micros(candidate.getCaptureMicros()));
        }
        saveWindows(micKey, windows);
    }

    /**
     * Scores the windows now ready (one batch per model; in a quiet room only as far as {@link QuietStride} needs)
     * and feeds their scores to the microphone's tracker; its episodes become the room's.
     *
     * @param noMoreWindows true when no window will follow (the microphone went offline): the windows a quiet room
     *                      held back are scored and fed too, and the microphone stops holding up the end of the
     *                      room's episode
     * @return the capture time up to which the tracker has now judged this microphone's audio (the end of the newest
     *         window it saw), or {@link Long#MIN_VALUE} if it saw none
     * @throws ScoringFailedException if the detector failed (a classifier failure only costs the causes)
     */
    private long scoreAndTrack(String room, String microphone, String micKey, MicrophoneWindows windows,
            List<MelWindow> ready, boolean noMoreWindows) {
        List<MelWindow> held = heldWindows.computeIfAbsent(micKey, k -> new ArrayList<>(2));
        boolean flush = noMoreWindows && !held.isEmpty();
        if (ready.isEmpty() && !flush) {
            if (noMoreWindows) {
                RoomEpisodes episodes = loadEpisodes(room);
                List<RoomEpisodeEvent> events = episodes.microphoneOffline(microphone);
                episodesStore.put(room, episodes.snapshot());
                events.forEach(event -> emitEvent(room, event));
            }
            return Long.MIN_VALUE;
        }
        long judgedUpTo = flush ? held.get(held.size() - 1).endCaptureMicros() : Long.MIN_VALUE;
        boolean[] toScore = new boolean[ready.size()];
        for (int i = 0; i < ready.size(); i++) {
            toScore[i] = config.scoreAlways() || windows.gateOpenDuring(ready.get(i));
        }
        RoomEpisodes episodes = loadEpisodes(room);
        if (!episodes.microphones().contains(microphone) && !episodes.microphones().isEmpty()) {
            log.info("Room {} has another microphone, {} (besides {}): a cry heard on any of them is the room's one episode",
                    room, microphone, episodes.microphones());
        }
        EpisodeTracker tracker = episodes.trackerOf(microphone);
        double classifyFrom = tracker.settings().offThreshold();
        QuietStride.Scoring scoring = (scored, which) -> scorer.score(scored, which, classifyFrom,
                failure -> classifierFailed(micKey, failure));
        List<EpisodeEvent> events = new ArrayList<>(quietStride.scoreAndObserve(ready, toScore, held, tracker, scoring));
        if (flush) {
            events.addAll(quietStride.flush(held, tracker, scoring));
        }
        List<RoomEpisodeEvent> roomEvents = new ArrayList<>(episodes.accept(microphone, events));
        if (noMoreWindows) {
            roomEvents.addAll(episodes.microphoneOffline(microphone));
        }
        episodesStore.put(room, episodes.snapshot());
        for (RoomEpisodeEvent event : roomEvents) {
            emitEvent(room, event);
        }
        for (MelWindow window : ready) {
            // Windows still held wait for the next one; every other ready window reached the tracker.
            if (held.stream().noneMatch(h -> h == window)) {
                judgedUpTo = Math.max(judgedUpTo, window.endCaptureMicros());
            }
        }
        return judgedUpTo;
    }

    /** The detector (or anything else in the analysis) failed on this microphone's windows: they were not analysed. */
    private void analysisFailed(String room, String microphone, String micKey, MicrophoneLiveness liveness,
            RuntimeException failed, long now) {
        String message = failed instanceof ScoringFailedException ? failed.getMessage() : failed.toString();
        liveness.analysisFailed(now);
        lastFailure.put(micKey, message);
        if (health.scoringFailed(failed instanceof ScoringFailedException ? "detector" : "analysis", message, now)) {
            log.error("Analysing {}/{} failed; its audio is not analysed: {}", room, microphone, message);
        }
    }

    /** The classifier failed: the windows keep their cry probabilities, the episode's cause becomes uncertain. */
    private void classifierFailed(String micKey, ScoringFailedException failed) {
        if (health.scoringFailed("classifier", failed.getMessage(), context.currentSystemTimeMs())) {
            log.error("Cause classifier failed on {}; its cries go on with cause uncertain", micKey.replace(SEPARATOR, '/'), failed);
        }
    }

    /** Analysis reached {@code analysedUpTo} (or did not move, if {@link Long#MIN_VALUE}). */
    private void analysisMoved(String room, String microphone, MicrophoneLiveness liveness, long analysedUpTo, long now) {
        if (analysedUpTo == Long.MIN_VALUE) {
            return;
        }
        AnalysisHealth.analysedUpTo(room, microphone, analysedUpTo);
        if (liveness.analysed(now, analysedUpTo)) {
            health.alarm(room, microphone, null);
            emitStatus(room, microphone, MicrophoneState.ANALYSIS_RESUMED, analysedUpTo, "analysis reaches new audio again",
                    liveness);
        }
    }

    private void checkLiveness(long now) {
        try {
            releaseOfflineMicrophones(now);
        } catch (RuntimeException failed) {
            throw forgetCacheOn(failed);
        }
    }

    private void releaseOfflineMicrophones(long now) {
        currentTimestamp = now;
        long budget = config.offlineAfter().toMillis();
        List<KeyValue<String, MicrophoneLiveness>> wentOffline = new ArrayList<>();
        List<KeyValue<String, MicrophoneLiveness>> alarmed = new ArrayList<>();
        List<KeyValue<String, MicrophoneLiveness>> heard = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = livenessStore.all()) {
            while (all.hasNext()) {
                KeyValue<String, byte[]> entry = all.next();
                MicrophoneLiveness liveness = parseLiveness(entry.key, entry.value);
                if (liveness == null) {
                    continue;
                }
                if (liveness.checkOffline(now, watchingSinceMillis, budget)) {
                    wentOffline.add(KeyValue.pair(entry.key, liveness));
                } else if (liveness.checkAnalysis(now, watchingSinceMillis, budget) != AnalysisAlarm.NONE) {
                    alarmed.add(KeyValue.pair(entry.key, liveness));
                } else if (!liveness.isOffline()) {
                    heard.add(KeyValue.pair(entry.key, liveness));
                }
            }
        }
        for (KeyValue<String, MicrophoneLiveness> entry : alarmed) {
            livenessStore.put(entry.key, entry.value.toBytes());
            raiseAnalysisAlarm(entry.key, entry.value, now);
        }
        for (KeyValue<String, MicrophoneLiveness> entry : heard) {
            reportProgress(entry.key, entry.value, now);
        }
        for (KeyValue<String, MicrophoneLiveness> entry : wentOffline) {
            livenessStore.put(entry.key, entry.value.toBytes());
            String[] ids = roomAndMicrophone(entry.key);
            emitStatus(ids[0], ids[1], MicrophoneState.MICROPHONE_OFFLINE, entry.value.lastAudioEndMicros(),
                    String.format(Locale.ROOT, "no audio frames for %.1f s; an open cry episode stays open until audio returns",
                            (now - entry.value.lastAudioWallMillis()) / 1000.0), entry.value);
            // Nothing more will come to settle the waiting frames: judge them now.
            MicrophoneWindows windows = loadWindows(entry.key);
            try {
                analysisMoved(ids[0], ids[1], entry.value,
                        scoreAndTrack(ids[0], ids[1], entry.key, windows, windows.releaseAll(), true), now);
            } catch (ScoringFailedException failed) {
                // No record to hand to the error handler: noted, and the other microphones go on.
                analysisFailed(ids[0], ids[1], entry.key, entry.value, failed, now);
            }
            livenessStore.put(entry.key, entry.value.toBytes());
            saveWindows(entry.key, windows);
            // Its frames may not come back for long: keep them in the stores only.
            windowsCache.remove(entry.key);
            heldWindows.remove(entry.key);
            progressReported.remove(entry.key);
        }
    }

    /** Audio arrives but has not been analysed for the whole budget: ANALYSIS_STALLED or ANALYSIS_FAILED. */
    private void raiseAnalysisAlarm(String micKey, MicrophoneLiveness liveness, long now) {
        String[] ids = roomAndMicrophone(micKey);
        boolean failed = liveness.analysisAlarm() == AnalysisAlarm.FAILED;
        String failure = lastFailure.get(micKey);
        String detail = String.format(Locale.ROOT, "audio arrives but has not been analysed for %.1f s%s",
                (now - liveness.analysisMovedWallMillis()) / 1000.0,
                !failed ? "" : failure == null ? ": analysis failed" : ": analysis failed: " + failure);
        Long upTo = liveness.analysedUpToMicros();
        health.alarm(ids[0], ids[1], (failed ? "ANALYSIS_FAILED: " : "ANALYSIS_STALLED: ") + detail);
        reportedToHealth.add(micKey);
        emitStatus(ids[0], ids[1], failed ? MicrophoneState.ANALYSIS_FAILED : MicrophoneState.ANALYSIS_STALLED,
                upTo != null ? upTo : liveness.lastAudioEndMicros(), detail, liveness);
        progressReported.put(micKey, now);
    }

    /**
     * ANALYSIS_PROGRESS every {@link InferenceConfig#analysisProgressInterval()} for a microphone still heard: its
     * absence tells a reader that nothing analyses this room any more (the inference stage itself is down).
     */
    private void reportProgress(String micKey, MicrophoneLiveness liveness, long now) {
        String[] ids = roomAndMicrophone(micKey);
        if (liveness.analysisAlarm() != AnalysisAlarm.NONE && reportedToHealth.add(micKey)) {
            // After a restart or rebalance: the instance now owning the microphone reports its alarm.
            health.alarm(ids[0], ids[1], "ANALYSIS_" + liveness.analysisAlarm() + ": audio arrives but is not analysed");
        }
        Long last = progressReported.get(micKey);
        if (last != null && now - last < config.analysisProgressInterval().toMillis()) {
            return;
        }
        progressReported.put(micKey, now);
        Long upTo = liveness.analysedUpToMicros();
        emitStatus(ids[0], ids[1], MicrophoneState.ANALYSIS_PROGRESS, upTo != null ? upTo : liveness.lastAudioEndMicros(),
                upTo == null ? "no window analysed yet" : "", liveness);
    }

    private void emitEvent(String room, RoomEpisodeEvent roomEvent) {
        EpisodeEvent event = roomEvent.event();
        long now = context.currentSystemTimeMs();
        CryEventType type = switch (event.type()) {
            case STARTED -> CryEventType.CRY_STARTED;
            case UPDATED -> CryEventType.CRY_UPDATED;
            case ENDED -> CryEventType.CRY_ENDED;
        };
        Instant start = instant(event.episodeStartMicros());
        CryEvent cryEvent = CryEvent.newBuilder()
                .setEventType(type)
                .setEpisodeId(EpisodeIds.of(room, start))
                .setRoomId(room)
                .setEpisodeStartMicros(start)
                .setEpisodeEndMicros(event.type() == EpisodeEvent.Type.ENDED ? instant(event.episodeEndMicros()) : null)
                .setEventTimeMicros(instant(event.eventTimeMicros()))
                .setDetectionDelayMillis(now - event.eventTimeMicros() / 1000)
                .setDurationMillis(event.durationMicros() / 1000)
                .setConfidence(event.confidence())
                .setPeakConfidence(event.peakConfidence())
                .setMeanConfidence(event.meanConfidence())
                .setCause(cause(event.cause()))
                .setCauseProbabilities(Map.copyOf(event.causeProbabilities()))
                .setModelVersion(scorer.modelVersion())
                .setMicrophoneIds(roomEvent.microphones())
                .build();
        log.info("Room {}: {} episode {} (start {}, confidence {}, cause {}, microphones {})", room, type,
                cryEvent.getEpisodeId(), start, event.confidence(), cryEvent.getCause(), roomEvent.microphones());
        context.forward(new Record<>(room, cryEvent, currentTimestamp), EVENTS_OUTPUT);
    }

    private void emitStatus(String room, String microphone, MicrophoneState status, long sinceMicros, String detail,
            MicrophoneLiveness liveness) {
        if (status != MicrophoneState.ANALYSIS_PROGRESS) {
            log.info("Microphone {}/{}: {} ({})", room, microphone, status, detail);
        }
        Long analysedUpTo = liveness.analysedUpToMicros();
        context.forward(new Record<>(room, MicrophoneStatus.newBuilder()
                .setRoomId(room)
                .setMicrophoneId(microphone)
                .setStatus(status)
                .setSinceMicros(instant(sinceMicros))
                .setDetail(detail)
                .setAnalysedUpToMicros(analysedUpTo == null ? null : instant(analysedUpTo))
                .build(), currentTimestamp), STATUS_OUTPUT);
    }

    private static CryCause cause(String name) {
        try {
            return CryCause.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            return CryCause.UNCERTAIN;
        }
    }

    private long windowMicros(long hopMicros) {
        return spec.windowFrames() * hopMicros;
    }

    /** The room's episodes as stored; a single-tracker state of before rooms had several microphones reads too. */
    private RoomEpisodes loadEpisodes(String room) {
        EpisodeSettings settings = baseSettings.withSensitivity(config.sensitivityFor(room));
        byte[] stored = episodesStore.get(room);
        if (stored != null) {
            try {
                return RoomEpisodes.restore(settings, stored);
            } catch (IllegalArgumentException e) {
                log.warn("Discarding unreadable episode state of room {}: {}", room, e.getMessage());
            }
        }
        return new RoomEpisodes(settings);
    }

    private MicrophoneWindows loadWindows(String micKey) {
        MicrophoneWindows cached = windowsCache.get(micKey);
        if (cached == null) {
            cached = restoreWindows(micKey);
            windowsCache.put(micKey, cached);
        }
        return cached;
    }

    /** The state as stored: the metadata record and the microphone's frame blocks (after a restart or rebalance). */
    private MicrophoneWindows restoreWindows(String micKey) {
        byte[] metadata = windowsStore.get(micKey);
        if (metadata != null) {
            try {
                return MicrophoneWindows.restore(spec, metadata, framesStore.load(micKey));
            } catch (IllegalArgumentException e) {
                // State of another model's input shape (a model upgrade) or version: start the windows afresh.
                log.warn("Discarding unusable window state of {}: {}", micKey.replace(SEPARATOR, '/'), e.getMessage());
            }
        }
        framesStore.deleteAll(micKey);
        return new MicrophoneWindows(spec);
    }

    /** Writes the record's new frame block, tombstones for blocks no longer needed, and the small metadata. */
    private void saveWindows(String micKey, MicrophoneWindows windows) {
        framesStore.flush(micKey, windows.frameBlocks());
        windowsStore.put(micKey, windows.metadata());
    }

    @Override
    public void close() {
        windowsCache.clear();
        heldWindows.clear();
        // The task may move to another instance, which then reports these microphones.
        for (String micKey : reportedToHealth) {
            String[] ids = roomAndMicrophone(micKey);
            health.alarm(ids[0], ids[1], null);
        }
        reportedToHealth.clear();
    }

    private MicrophoneLiveness loadLiveness(String micKey) {
        return parseLiveness(micKey, livenessStore.get(micKey));
    }

    private static MicrophoneLiveness parseLiveness(String micKey, byte[] stored) {
        if (stored == null) {
            return null;
        }
        try {
            return MicrophoneLiveness.fromBytes(stored);
        } catch (IllegalArgumentException e) {
            log.warn("Discarding unreadable liveness state of {}: {}", micKey.replace(SEPARATOR, '/'), e.getMessage());
            return null;
        }
    }

    static String microphoneKey(String room, String microphone) {
        return room + SEPARATOR + microphone;
    }

    static String[] roomAndMicrophone(String microphoneKey) {
        int at = microphoneKey.indexOf(SEPARATOR);
        return new String[] {microphoneKey.substring(0, at), microphoneKey.substring(at + 1)};
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static Instant instant(long epochMicros) {
        return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
    }
}
