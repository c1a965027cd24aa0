package io.cryflow.features;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * The features stage's own meters, in Micrometer's global registry (services and the demo add their Prometheus
 * registry to it): chunks the stage did not analyse, and capture-time jumps it bounded.
 */
final class FeaturesMetrics {

    /** Counter of chunks not analysed, tagged {@code reason=duplicate} (dropped) or {@code late} (dead-lettered). */
    static final String DROPPED_CHUNKS = "cryflow.features.chunks.dropped";
    /** Counter of in-order chunks whose capture time jumped, tagged {@code direction=forward|backward}. */
    static final String CAPTURE_JUMPS = "cryflow.features.capture.jumps";

    static final Counter DUPLICATES = Counter.builder(DROPPED_CHUNKS).tag("reason", "duplicate")
            .description("Chunks dropped as repeats of audio already analysed or held").register(Metrics.globalRegistry);
    static final Counter LATE = Counter.builder(DROPPED_CHUNKS).tag("reason", "late")
            .description("Chunks dead-lettered because their audio had already been declared lost").register(Metrics.globalRegistry);
    static final Counter JUMPS_FORWARD = Counter.builder(CAPTURE_JUMPS).tag("direction", "forward")
            .description("In-order chunks starting further after the previous chunk's end than the jump bound")
            .register(Metrics.globalRegistry);
    static final Counter JUMPS_BACKWARD = Counter.builder(CAPTURE_JUMPS).tag("direction", "backward")
            .description("In-order chunks starting before the previous chunk's end").register(Metrics.globalRegistry);

    private FeaturesMetrics() {}
}
