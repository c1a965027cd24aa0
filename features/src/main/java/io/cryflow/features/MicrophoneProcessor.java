package io.cryflow.features;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.dsp.gate.GateTransition;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.CandidateType;
import io.cryflow.schemas.CryCandidate;
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
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each microphone's audio chunks, in sequence order, into log-mel frames, gate transitions and
 * health changes. Per (room, microphone) it keeps a {@link MicrophoneStreamState} in
 * {@value #STATE_STORE} and holds out-of-order chunks in {@value #PENDING_STORE}.
 *
 * <p>Ordering, by sequence number {@code s} against the next expected {@code n}:
 * <ul>
 *   <li>{@code s == n}: processed, then any held chunks that now follow in order.</li>
 *   <li>{@code s > n}: held; once more than {@link FeaturesConfig#reorderChunks()} are held, the missing
 *       ones are declared lost: the extractor restarts (its filters from rest) at the first held chunk,
 *       whose frames carry DISCONTINUITY; frame indices continue and the gate keeps its noise floor.</li>
 *   <li>{@code s < n}, numbered at most the reorder buffer's size (at least 1) before the stream's first chunk
 *       and captured before it: LATE (dead-lettered), it arrived after its stream had begun.</li>
 *   <li>{@code s < n} with a capture time this stream cannot have had for {@code s}
 *       ({@link MicrophoneStreamState#couldHaveHad}: sequence and capture time rise together within a stream):
 *       the microphone restarted its counter (a reboot, a replay of the same recording, a clock set back or
 *       forward); held chunks are flushed, then a new stream starts (STREAM_START, frame 0, new gate).</li>
 *   <li>{@code s < n} otherwise, sequence and capture time both those of a chunk this stream had: a duplicate
 *       (dropped, counted) when {@code s} was processed; LATE (dead-lettered) when {@code s} had been declared lost
 *       or is older than the remembered gaps, so no audio is dropped silently.</li>
 * </ul>
 * An in-order chunk whose capture time starts before the previous chunk's end, or more than
 * {@link FeaturesConfig#captureJump()} after it with no chunk lost in between, is a capture-time jump (a device
 * clock stepped): counted, and its frames carry DISCONTINUITY and are dated from its own capture time, so one bad
 * timestamp misdates one chunk, not the rest of the stream. Dropped chunks and jumps are {@link FeaturesMetrics}.
 * Held chunks also stop waiting after {@link FeaturesConfig#reorderMaxWait()} of wall-clock time (a
 * punctuation checks), so a microphone that goes quiet right after a loss does not keep its last
 * audio back. A chunk failing validation ({@link ChunkAudio}) is dead-lettered; its sequence number
 * then counts as lost audio at once, so the stream goes on without waiting for the reorder buffer.
 */
final class MicrophoneProcessor implements Processor<String, AudioChunk, String, SpecificRecord> {

    static final String STATE_STORE = "features-microphone-state";
    static final String PENDING_STORE = "features-pending-chunks";
    static final String MEL_OUTPUT = "mel-frames";
    static final String CANDIDATE_OUTPUT = "cry-candidates";
    static final String STATUS_OUTPUT = "microphone-status";

    private static final Logger log = LoggerFactory.getLogger(MicrophoneProcessor.class);
    /** Longest interval between checks for overdue held chunks. */
    private static final Duration MAX_WAIT_CHECK = Duration.ofSeconds(1);
    /** Consecutive chunks' capture times may differ from their sample counts by rounding to microseconds. */
    private static final long CAPTURE_ROUNDING_MICROS = 1_000;

    private final FeaturesConfig config;
    private final FeatureConfig features;
    private final DbfsCalibration calibration;
    private final SignalHealth health;
    private final String dspConfigId;
    private final long hopMicros;
    private final long captureJumpMicros;
    private final FrameCollector frames;
    // One extractor serves every microphone of the task in turn: each record resumes it from that
    // microphone's stored state (or resets it), so its filter bank and FFT plan are built once, not per record.
    private final StreamingFeatureExtractor extractor;

    private ProcessorContext<String, SpecificRecord> context;
    private KeyValueStore<String, byte[]> states;
    private KeyValueStore<String, AudioChunk> pendingChunks;
    private long currentTimestamp;

    MicrophoneProcessor(FeaturesConfig config, DbfsCalibration calibration) {
        this.config = config;
        this.features = config.featureConfig();
        this.calibration = calibration;
        this.health = new SignalHealth(config);
        this.dspConfigId = features.id();
        this.hopMicros = Timing.samplesToMicros(features.hopLength(), features.sampleRate());
        this.captureJumpMicros = config.captureJump().toNanos() / 1_000;
        this.frames = new FrameCollector(features.melCount());
        this.extractor = new StreamingFeatureExtractor(features);
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.states = context.getStateStore(STATE_STORE);
        this.pendingChunks = context.getStateStore(PENDING_STORE);
        Duration check = config.reorderMaxWait().dividedBy(2);
        context.schedule(check.compareTo(MAX_WAIT_CHECK) < 0 ? check : MAX_WAIT_CHECK, PunctuationType.WALL_CLOCK_TIME, this::releaseOverdue);
    }

    /** Releases the held chunks of every microphone whose missing chunk is overdue. */
    private void releaseOverdue(long now) {
        currentTimestamp = now;
        Set<String> microphones = new LinkedHashSet<>();
        try (KeyValueIterator<String, AudioChunk> held = pendingChunks.all()) {
            held.forEachRemaining(entry -> microphones.add(StoreKeys.microphoneOfPendingChunk(entry.key)));
        }
        for (String stateKey : microphones) {
            MicrophoneStreamState state = load(stateKey);
            if (state == null || state.pending.isEmpty()) {
                continue;
            }
            if (state.heldSinceMillis > now) {
                // Stored on another clock (another instance's, or before a restart on a host whose clock then
                // stepped back): the wait starts again rather than lasting for the difference.
                state.heldSinceMillis = now;
                states.put(stateKey, state.toBytes());
            } else if (now - state.heldSinceMillis >= config.reorderMaxWait().toMillis()) {
                String[] ids = StoreKeys.roomAndMicrophone(stateKey);
                log.warn("Microphone {}/{}: missing chunk {} overdue; releasing {} held chunks", ids[0], ids[1], state.nextSequence, state.pending.size());
                flushHeld(ids[0], ids[1], state);
                states.put(stateKey, state.toBytes());
            }
        }
    }

    @Override
    public void process(Record<String, AudioChunk> record) {
        AudioChunk chunk = record.value();
        if (chunk == null) {
            return; // a tombstone carries no audio
        }
        currentTimestamp = record.timestamp();
        String stateKey = StoreKeys.microphone(chunk.getRoomId(), chunk.getMicrophoneId());
        MicrophoneStreamState state = load(stateKey);
        long sequence = chunk.getSequenceNumber();

        float[] samples;
        try {
            samples = ChunkAudio.decode(chunk, record.key(), features.sampleRate());
        } catch (RejectedRecordException rejected) {
            if (state != null && sequence >= state.nextSequence) {
                noteRejected(chunk, state);
                states.put(stateKey, state.toBytes());
            }
            throw rejected;
        }

        if (state == null) {
            state = startStream(chunk, samples);
        } else if (sequence == state.nextSequence) {
            processInOrder(chunk, samples, state, false);
            drain(chunk.getRoomId(), chunk.getMicrophoneId(), state);
        } else if (sequence > state.nextSequence) {
            hold(chunk, state);
        } else if (precededStream(chunk, state)) {
            throw late(chunk, state, "arrived after its stream had begun at " + state.streamFirstSequence);
        } else if (!state.couldHaveHad(sequence, capture(chunk))) {
            log.info("Microphone {}/{} restarted its sequence at {} captured {} (expected {})", chunk.getRoomId(),
                    chunk.getMicrophoneId(), sequence, chunk.getCaptureStartMicros(), state.nextSequence);
            flushHeld(chunk.getRoomId(), chunk.getMicrophoneId(), state);
            state = startStream(chunk, samples);
        } else if (sequence < state.lostForgottenBelow || state.isDeclaredLost(sequence)) {
            throw late(chunk, state, "arrived after its audio was declared lost");
        } else {
            countDuplicate(state);
            log.debug("Dropping duplicate chunk {} of {}/{} ({} duplicates so far)", sequence, chunk.getRoomId(),
                    chunk.getMicrophoneId(), state.duplicates);
        }
        states.put(stateKey, state.toBytes());
    }

    /** A chunk numbered just before the stream's first and captured before it: it belonged to this stream's start. */
    private boolean precededStream(AudioChunk chunk, MicrophoneStreamState state) {
        long before = state.streamFirstSequence - chunk.getSequenceNumber();
        if (before <= 0) {
            return false;
        }
        if (state.streamFirstCaptureMicros == MicrophoneStreamState.UNKNOWN) {
            return capture(chunk) < state.expectedNextCaptureMicros; // a state of the previous layout: its rule
        }
        return before <= Math.max(1, config.reorderChunks()) && capture(chunk) < state.streamFirstCaptureMicros;
    }

    private static RejectedRecordException late(AudioChunk chunk, MicrophoneStreamState state, String why) {
        FeaturesMetrics.LATE.increment();
        return new RejectedRecordException(Rejections.LATE, "chunk " + chunk.getSequenceNumber() + " of " + chunk.getRoomId()
                + "/" + chunk.getMicrophoneId() + " " + why + " (stream at " + state.nextSequence + ")");
    }

    private static void countDuplicate(MicrophoneStreamState state) {
        state.duplicates++;
        FeaturesMetrics.DUPLICATES.increment();
    }

    /** Keeps {@link MicrophoneStreamState#heldSinceMillis} true: the wait restarts whenever the oldest held chunk changes. */
    private void trackHeldSince(MicrophoneStreamState state, long oldestHeldBefore) {
        if (state.pending.isEmpty()) {
            state.heldSinceMillis = -1;
        } else if (state.pending.get(0) != oldestHeldBefore) {
            state.heldSinceMillis = context.currentSystemTimeMs();
        }
    }

    private MicrophoneStreamState load(String stateKey) {
        byte[] stored = states.get(stateKey);
        if (stored == null) {
            return null;
        }
        try {
            return MicrophoneStreamState.fromBytes(stored);
        } catch (IllegalArgumentException e) {
            // A state from an incompatible version: the microphone starts a new stream rather than stalling.
            log.warn("Discarding unreadable state of {}: {}", stateKey, e.getMessage());
            return null;
        }
    }

    private MicrophoneStreamState startStream(AudioChunk chunk, float[] samples) {
        MicrophoneStreamState state = new MicrophoneStreamState();
        state.streamFirstSequence = chunk.getSequenceNumber();
        state.streamFirstCaptureMicros = capture(chunk);
        state.nextSequence = chunk.getSequenceNumber();
        state.sampleRate = chunk.getSampleRate();
        emitStatus(chunk.getRoomId(), chunk.getMicrophoneId(), new SignalHealth.Change(MicrophoneState.MICROPHONE_ONLINE,
                capture(chunk), "audio stream started at sequence " + chunk.getSequenceNumber()));
        processInOrder(chunk, samples, state, true);
        return state;
    }

    private void hold(AudioChunk chunk, MicrophoneStreamState state) {
        long sequence = chunk.getSequenceNumber();
        if (state.pending.contains(sequence)) {
            countDuplicate(state);
            return;
        }
        state.rejectedAhead.remove(sequence);
        String room = chunk.getRoomId();
        String microphone = chunk.getMicrophoneId();
        pendingChunks.put(StoreKeys.pendingChunk(room, microphone, sequence), chunk);
        int at = 0;
        while (at < state.pending.size() && state.pending.get(at) < sequence) {
            at++;
        }
        long oldestHeldBefore = state.pending.isEmpty() ? -1 : state.pending.get(0);
        state.pending.add(at, sequence);
        while (state.pending.size() > config.reorderChunks()) {
            declareGap(room, microphone, state);
            drain(room, microphone, state);
        }
        trackHeldSince(state, oldestHeldBefore);
    }

    private void noteRejected(AudioChunk chunk, MicrophoneStreamState state) {
        long sequence = chunk.getSequenceNumber();
        if (sequence == state.nextSequence) {
            state.declareLost(sequence, sequence);
            state.nextSequence++;
            state.discontinuityPending = true;
            drain(chunk.getRoomId(), chunk.getMicrophoneId(), state);
        } else if (sequence - state.nextSequence <= FeaturesConfig.MAX_REORDER_CHUNKS && !state.rejectedAhead.contains(sequence)) {
            state.rejectedAhead.add(sequence);
        }
    }

    /** Declares the audio before the first held chunk lost. */
    private void declareGap(String room, String microphone, MicrophoneStreamState state) {
        long first = state.pending.get(0);
        log.warn("Microphone {}/{}: chunks {}..{} lost", room, microphone, state.nextSequence, first - 1);
        state.declareLost(state.nextSequence, first - 1);
        state.rejectedAhead.removeIf(sequence -> sequence < first);
        state.nextSequence = first;
        state.discontinuityPending = true;
    }

    /** Processes held chunks, and skips rejected ones, for as long as they continue the stream in order. */
    private void drain(String room, String microphone, MicrophoneStreamState state) {
        long oldestHeldBefore = state.pending.isEmpty() ? -1 : state.pending.get(0);
        try {
            drainInOrder(room, microphone, state);
        } finally {
            trackHeldSince(state, oldestHeldBefore);
        }
    }

    private void drainInOrder(String room, String microphone, MicrophoneStreamState state) {
        while (true) {
            long next = state.nextSequence;
            if (!state.pending.isEmpty() && state.pending.get(0) == next) {
                state.pending.remove(0);
                AudioChunk held = pendingChunks.delete(StoreKeys.pendingChunk(room, microphone, next));
                float[] samples = held == null ? null : decodeHeld(held);
                if (samples == null) {
                    state.declareLost(next, next);
                    state.nextSequence++;
                    state.discontinuityPending = true;
                } else {
                    processInOrder(held, samples, state, false);
                }
            } else if (state.rejectedAhead.remove(next)) {
                state.declareLost(next, next);
                state.nextSequence++;
                state.discontinuityPending = true;
            } else {
                return;
            }
        }
    }

    private float[] decodeHeld(AudioChunk held) {
        try {
            return ChunkAudio.decode(held, held.getRoomId(), features.sampleRate());
        } catch (RejectedRecordException e) {
            log.warn("Held chunk {} became unusable: {}", held.getSequenceNumber(), e.getMessage());
            return null;
        }
    }

    private void flushHeld(String room, String microphone, MicrophoneStreamState state) {
        while (!state.pending.isEmpty()) {
            declareGap(room, microphone, state);
            drain(room, microphone, state);
        }
    }

    /** Feeds one chunk that continues the stream and publishes what it produces. */
    private void processInOrder(AudioChunk chunk, float[] samples, MicrophoneStreamState state, boolean streamStart) {
        String room = chunk.getRoomId();
        String microphone = chunk.getMicrophoneId();
        long captureStart = capture(chunk);
        boolean discontinuity = state.discontinuityPending && !streamStart;
        if (!streamStart && jumped(room, microphone, captureStart, state)) {
            discontinuity = true;
        }

        boolean resumed = false;
        if (!streamStart && !discontinuity) {
            resumed = resumeExtractor(state);
            discontinuity = !resumed;
        }
        if (!resumed) {
            extractor.reset();
            state.previousAnchorFrame = state.anchorFrame;
            state.previousAnchorMicros = state.anchorMicros;
            state.segmentFirstFrame = state.nextFrameIndex;
            state.segmentSamples = 0;
            state.anchorFrame = state.nextFrameIndex;
            state.anchorMicros = captureStart;
        }
        RoomGate gate = RoomGate.open(config.gateConfigFor(room), features, calibration,
                streamStart ? null : state.gateSnapshot, state.nextFrameIndex - state.gateFirstFrame);
        if (gate.isFresh()) {
            state.gateFirstFrame = state.nextFrameIndex;
        }

        long samplesBefore = state.segmentSamples;
        long firstFrameInSegment = extractor.nextFrameIndex();
        frames.reset();
        extractor.accept(samples, (frameIndex, logMel, energy) -> {
            frames.add(logMel);
            gate.accept(energy);
        });

        long firstFrame = state.nextFrameIndex;
        long firstFrameMicros = captureStart
                + Timing.samplesToMicros(firstFrameInSegment * features.hopLength() - samplesBefore, features.sampleRate());
        if (frames.count() > 0) {
            state.anchorFrame = firstFrame;
            state.anchorMicros = firstFrameMicros;
        }
        List<MelFramesFlag> flags = new ArrayList<>(2);
        if (streamStart) {
            flags.add(MelFramesFlag.STREAM_START);
        }
        if (discontinuity) {
            flags.add(MelFramesFlag.DISCONTINUITY);
        }
        forward(room, MEL_OUTPUT, MelFrames.newBuilder()
                .setRoomId(room)
                .setMicrophoneId(microphone)
                .setDspConfigId(dspConfigId)
                .setFirstFrameIndex(firstFrame)
                .setFirstFrameCaptureMicros(micros(firstFrameMicros))
                .setHopMicros(hopMicros)
                .setMelBands(features.melCount())
                .setFrameCount(frames.count())
                .setLogMel(Float32le.fromFloats(frames.values(), 0, frames.count() * features.melCount()))
                .setFlags(flags)
                .build());

        state.nextFrameIndex += frames.count();
        for (GateTransition transition : gate.takeTransitions()) {
            emitCandidate(room, microphone, state, transition, gate.sensitivityDb());
        }
        for (SignalHealth.Change change : health.observe(state, samples, captureStart, features.sampleRate())) {
            emitStatus(room, microphone, change);
        }

        state.nextSequence = chunk.getSequenceNumber() + 1;
        state.lastSequence = chunk.getSequenceNumber();
        state.lastCaptureMicros = captureStart;
        state.expectedNextCaptureMicros = captureStart + Timing.samplesToMicros(samples.length, features.sampleRate());
        state.segmentSamples += samples.length;
        state.discontinuityPending = false;
        state.extractorSnapshot = extractor.snapshot();
        state.gateSnapshot = gate.snapshot();
    }

    /**
     * Whether an in-order chunk's capture time jumped from where the previous chunk ended: back by more than
     * rounding, or ahead by more than the bound with no chunk lost in between (lost audio explains a gap). A jump
     * is counted and the health clocks move with it, so a flat line or clipping keeps the duration it had.
     */
    private boolean jumped(String room, String microphone, long captureStart, MicrophoneStreamState state) {
        long jump = captureStart - state.expectedNextCaptureMicros;
        boolean backward = jump < -CAPTURE_ROUNDING_MICROS;
        boolean forward = jump > captureJumpMicros && !state.discontinuityPending;
        if (!backward && !forward) {
            return false;
        }
        (backward ? FeaturesMetrics.JUMPS_BACKWARD : FeaturesMetrics.JUMPS_FORWARD).increment();
        log.warn("Microphone {}/{}: capture time jumped {} by {} ms; restarting its timing with a DISCONTINUITY", room, microphone,
                backward ? "back" : "ahead", Math.abs(jump) / 1000);
        if (state.flatSinceMicros >= 0) {
            state.flatSinceMicros += jump;
        }
        if (state.clipWindowSamples > 0) {
            state.clipWindowStartMicros += jump;
        }
        return true;
    }

    private boolean resumeExtractor(MicrophoneStreamState state) {
        try {
            extractor.resume(state.extractorSnapshot);
            return true;
        } catch (IllegalArgumentException e) {
            log.warn("Extractor snapshot unusable ({}); restarting the features with a DISCONTINUITY", e.getMessage());
            return false;
        }
    }

    private void emitCandidate(String room, String microphone, MicrophoneStreamState state, GateTransition transition, double sensitivityDb) {
        long frame = state.gateFirstFrame + transition.frame();
        long frameMicros = frame >= state.segmentFirstFrame
                ? state.anchorMicros + (frame - state.anchorFrame) * hopMicros
                : state.previousAnchorMicros + (frame - state.previousAnchorFrame) * hopMicros;
        boolean open = transition.kind() == GateTransition.Kind.OPEN;
        if (open) {
            state.gateOpenedMicros = frameMicros;
        }
        forward(room, CANDIDATE_OUTPUT, CryCandidate.newBuilder()
                .setRoomId(room)
                .setMicrophoneId(microphone)
                .setType(open ? CandidateType.START : CandidateType.END)
                .setCaptureMicros(micros(frameMicros))
                .setGateOpenedMicros(micros(state.gateOpenedMicros))
                .setEnergyDbfs((float) transition.levelDbfs())
                .setThresholdDbfs((float) transition.thresholdDbfs())
                .setSensitivity((float) sensitivityDb)
                .build());
    }

    private void emitStatus(String room, String microphone, SignalHealth.Change change) {
        log.info("Microphone {}/{}: {} ({})", room, microphone, change.status(), change.detail());
        forward(room, STATUS_OUTPUT, MicrophoneStatus.newBuilder()
                .setRoomId(room)
                .setMicrophoneId(microphone)
                .setStatus(change.status())
                .setSinceMicros(micros(change.sinceMicros()))
                .setDetail(change.detail())
                .build());
    }

    private void forward(String room, String output, SpecificRecord value) {
        context.forward(new Record<>(room, value, currentTimestamp), output);
    }

    private static long capture(AudioChunk chunk) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, chunk.getCaptureStartMicros());
    }

    private static Instant micros(long epochMicros) {
        return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
    }

    /** The frames of one chunk, copied out of the extractor's reused array; grows to the largest chunk, then stays. */
    private static final class FrameCollector {
        private final int bands;
        private float[] values = new float[0];
        private int count;

        FrameCollector(int bands) {
            this.bands = bands;
        }

        void reset() {
            count = 0;
        }

        void add(float[] logMel) {
            if ((count + 1) * bands > values.length) {
                values = Arrays.copyOf(values, Math.max(bands * 16, values.length * 2));
            }
            System.arraycopy(logMel, 0, values, count * bands, bands);
            count++;
        }

        int count() {
            return count;
        }

        float[] values() {
            return values;
        }
    }
}
