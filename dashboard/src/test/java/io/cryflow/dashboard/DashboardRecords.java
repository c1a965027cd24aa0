package io.cryflow.dashboard;

import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.EpisodeIds;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import java.time.Instant;
import java.util.Map;

/** Pipeline records as the dashboard receives them. */
final class DashboardRecords {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private DashboardRecords() {
    }

    static CryEvent event(String room, CryEventType type, int startSecond, Integer endSecond, CryCause cause, float confidence) {
        Instant start = T0.plusSeconds(startSecond);
        Instant end = endSecond == null ? null : T0.plusSeconds(endSecond);
        return CryEvent.newBuilder()
                .setEventType(type)
                .setEpisodeId(EpisodeIds.of(room, start))
                .setRoomId(room)
                .setEpisodeStartMicros(start)
                .setEpisodeEndMicros(end)
                .setEventTimeMicros(end != null ? end : start)
                .setDetectionDelayMillis(1500)
                .setDurationMillis(end == null ? 0 : (endSecond - startSecond) * 1000L)
                .setConfidence(confidence)
                .setPeakConfidence(confidence)
                .setMeanConfidence(confidence)
                .setCause(cause)
                .setCauseProbabilities(Map.of("hungry", 0.7f, "tired", 0.1f, "burping", 0.1f, "belly_pain", 0.05f, "discomfort", 0.05f))
                .setModelVersion("test-model")
                .build();
    }

    static MicrophoneStatus status(String room, String microphone, MicrophoneState state, String detail) {
        return MicrophoneStatus.newBuilder().setRoomId(room).setMicrophoneId(microphone).setStatus(state)
                .setSinceMicros(T0).setDetail(detail).build();
    }
}
