package io.cryflow.dashboard;

import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MicrophoneStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pipeline's health as its outputs show it, in Micrometer meters (scraped at {@code /metrics}):
 *
 * <ul>
 *   <li>{@code cryflow.room.chunks{room}} — MelFrames records per room (one per audio chunk): the chunk rate;</li>
 *   <li>{@code cryflow.features.latency} — end of a chunk's capture to its frames being readable (histogram);</li>
 *   <li>{@code cryflow.events{type}} and {@code cryflow.events.detection.delay{type}} — cry events by type, and how
 *       late each was published after the moment it speaks for (histogram);</li>
 *   <li>{@code cryflow.microphone.status{state}} — technical status changes;</li>
 *   <li>{@code cryflow.deadletters{stage,reason}} — records a stage gave up on.</li>
 * </ul>
 */
public final class PipelineMetrics {

    private final MeterRegistry registry;
    private final Timer featuresLatency;
    /** One counter per room, looked up once rather than built on every record. */
    private final Map<String, Counter> chunksByRoom = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.featuresLatency = Timer.builder("cryflow.features.latency")
                .description("End of an audio chunk's capture to its mel frames on the topic")
                .publishPercentileHistogram().register(registry);
    }

    void melFrames(MelFrames frames, long nowMillis) {
        chunksByRoom.computeIfAbsent(frames.getRoomId(), room -> Counter.builder("cryflow.room.chunks").tag("room", room)
                .description("Audio chunks analysed per room").register(registry)).increment();
        Instant captureEnd = frames.getFirstFrameCaptureMicros()
                .plusNanos(frames.getHopMicros() * 1000L * frames.getFrameCount());
        long latency = nowMillis - captureEnd.toEpochMilli();
        if (latency >= 0) {
            featuresLatency.record(Duration.ofMillis(latency));
        }
    }

    void cryEvent(CryEvent event) {
        String type = event.getEventType().name();
        Counter.builder("cryflow.events").tag("type", type).description("Cry events published").register(registry).increment();
        Timer.builder("cryflow.events.detection.delay").tag("type", type)
                .description("Publication time minus the capture time the event speaks for")
                .publishPercentileHistogram().register(registry)
                .record(Duration.ofMillis(Math.max(0, event.getDetectionDelayMillis())));
    }

    void microphoneStatus(MicrophoneStatus status) {
        if (status.getStatus() == io.cryflow.schemas.MicrophoneState.ANALYSIS_PROGRESS) {
            return; // a periodic report, not a change
        }
        Counter.builder("cryflow.microphone.status").tag("state", status.getStatus().name())
                .description("Microphone status changes").register(registry).increment();
    }

    void deadLetter(DeadLetter letter) {
        Counter.builder("cryflow.deadletters").tag("stage", letter.getStage()).tag("reason", letter.getReasonCode())
                .description("Records a stage dead-lettered").register(registry).increment();
    }
}
