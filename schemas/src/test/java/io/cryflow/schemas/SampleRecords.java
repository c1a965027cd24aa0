package io.cryflow.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic, fully populated record of each contract, for tests. */
public final class SampleRecords {

    public static final Instant CAPTURE_START = Instant.parse("2025-03-14T02:31:07.123456Z");

    private SampleRecords() {}

    public static AudioChunk audioChunk() {
        short[] samples = new short[1600];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(12000 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
        }
        return AudioChunk.newBuilder()
                .setRoomId("nicu-room-3")
                .setMicrophoneId("mic-a")
                .setSequenceNumber(41_237L)
                .setCaptureStartMicros(CAPTURE_START)
                .setSampleRate(16_000)
                .setSamples(PcmS16le.fromShorts(samples))
                .build();
    }

    public static MelFrames melFrames() {
        int bands = 64;
        int frames = 10;
        float[] logMel = new float[bands * frames];
        for (int i = 0; i < logMel.length; i++) {
            logMel[i] = -100f + (i % 97) * 0.75f;
        }
        return MelFrames.newBuilder()
                .setRoomId("nicu-room-3")
                .setMicrophoneId("mic-a")
                .setDspConfigId("sr16000-hp350o10-fft512-win400hann-hop160-mel64-0to8000-floor1e-10")
                .setFirstFrameIndex(1_000_000L)
                .setFirstFrameCaptureMicros(CAPTURE_START)
                .setHopMicros(10_000L)
                .setMelBands(bands)
                .setFrameCount(frames)
                .setLogMel(Float32le.fromFloats(logMel))
                .setFlags(List.of(MelFramesFlag.DISCONTINUITY))
                .build();
    }

    public static CryCandidate cryCandidate() {
        return CryCandidate.newBuilder()
                .setRoomId("nicu-room-3")
                .setMicrophoneId("mic-a")
                .setType(CandidateType.END)
                .setCaptureMicros(CAPTURE_START.plusMillis(4_210))
                .setGateOpenedMicros(CAPTURE_START)
                .setEnergyDbfs(-41.5f)
                .setThresholdDbfs(-38.0f)
                .setSensitivity(0.6f)
                .build();
    }

    public static CryEvent cryEvent() {
        Instant end = CAPTURE_START.plusSeconds(37);
        return CryEvent.newBuilder()
                .setEventType(CryEventType.CRY_ENDED)
                .setEpisodeId(EpisodeIds.of("nicu-room-3", CAPTURE_START))
                .setRoomId("nicu-room-3")
                .setEpisodeStartMicros(CAPTURE_START)
                .setEpisodeEndMicros(end)
                .setEventTimeMicros(end)
                .setDetectionDelayMillis(820L)
                .setDurationMillis(37_000L)
                .setConfidence(0.41f)
                .setPeakConfidence(0.97f)
                .setMeanConfidence(0.83f)
                .setCause(CryCause.HUNGRY)
                .setCauseProbabilities(Map.of("hungry", 0.62f, "tired", 0.2f, "burping", 0.08f, "belly_pain", 0.06f, "discomfort", 0.04f))
                .setModelVersion("crycnn-2025.03-sha256:9f2c")
                .setMicrophoneIds(List.of("mic-a"))
                .build();
    }

    public static MicrophoneStatus microphoneStatus() {
        return MicrophoneStatus.newBuilder()
                .setRoomId("daycare-nap-room")
                .setMicrophoneId("mic-b")
                .setStatus(MicrophoneState.MICROPHONE_OFFLINE)
                .setSinceMicros(CAPTURE_START)
                .setDetail("no audio for 5 s")
                .build();
    }

    public static DeadLetter deadLetter() {
        return DeadLetter.newBuilder()
                .setSourceTopic(Topics.AUDIO_CHUNKS)
                .setSourcePartition(4)
                .setSourceOffset(99_812L)
                .setSourceTimestampMillis(Instant.ofEpochMilli(1_741_919_467_123L))
                .setKey(ByteBuffer.wrap("nicu-room-3".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .setValue(ByteBuffer.wrap(new byte[] {1, 2, 3}))
                .setReasonCode("NOT_SINGLE_OBJECT_ENCODED")
                .setMessage("expected the single-object marker C3 01")
                .setExceptionClass("io.cryflow.schemas.serde.RecordDecodingException")
                .setStage("cryflow-features")
                .setFailedAtMicros(CAPTURE_START.plusSeconds(1))
                .build();
    }
}
