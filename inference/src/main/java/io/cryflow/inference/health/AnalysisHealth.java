package io.cryflow.inference.health;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an inference instance's {@code /health} says about its analysis, fed by its processors from every stream
 * thread: the microphones whose analysis alarm (ANALYSIS_STALLED / ANALYSIS_FAILED) is in force, and recent scoring
 * failures of either model. Also keeps the per-microphone "analysed up to" gauge. Thread-safe.
 */
public final class AnalysisHealth {

    /**
     * Gauge of the capture time up to which a microphone's audio has been analysed, in seconds since the epoch,
     * tagged {@code room} and {@code microphone}: now minus it is how far analysis lags the audio.
     */
    public static final String ANALYSED_UP_TO_GAUGE = "cryflow.inference.analysed.up.to";

    // Micrometer's global registry, as the scorer's meters: one gauge per microphone for the JVM's life.
    private static final Map<String, AtomicLong> ANALYSED_UP_TO_MICROS = new ConcurrentHashMap<>();

    private final long failureMemoryMillis;
    private final Map<String, String> alarms = new ConcurrentHashMap<>();
    private final Map<String, Failure> lastFailures = new ConcurrentHashMap<>();

    private record Failure(long wallMillis, String message) {}

    /** @param failureMemoryMillis how long a scoring failure keeps the instance DOWN after it happened */
    public AnalysisHealth(long failureMemoryMillis) {
        this.failureMemoryMillis = failureMemoryMillis;
    }

    /** Sets the microphone's "analysed up to" gauge. */
    public static void analysedUpTo(String room, String microphone, long captureMicros) {
        ANALYSED_UP_TO_MICROS.computeIfAbsent(room + '/' + microphone, key -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(ANALYSED_UP_TO_GAUGE, value, v -> v.get() / 1e6).baseUnit("seconds")
                    .description("Capture time up to which the microphone's audio has been analysed")
                    .tag("room", room).tag("microphone", microphone).register(Metrics.globalRegistry);
            return value;
        }).accumulateAndGet(captureMicros, Math::max);
    }

    /** The microphone's analysis alarm is in force ({@code detail} says which and why) or, with null, is not. */
    public void alarm(String room, String microphone, String detail) {
        String key = room + '/' + microphone;
        if (detail == null) {
            alarms.remove(key);
        } else {
            alarms.put(key, detail);
        }
    }

    /**
     * A model failed to score a batch.
     *
     * @return true if it is the first failure of that model for {@code failureMemoryMillis} (worth a full log entry)
     */
    public boolean scoringFailed(String model, String message, long wallMillis) {
        Failure previous = lastFailures.put(model, new Failure(wallMillis, message));
        return previous == null || wallMillis - previous.wallMillis() >= failureMemoryMillis;
    }

    /** What keeps analysis from working at {@code nowMillis}, one line each; empty when it works. */
    public List<String> problems(long nowMillis) {
        List<String> problems = new ArrayList<>();
        new TreeMap<>(alarms).forEach((microphone, detail) -> problems.add(microphone + ": " + detail));
        new TreeMap<>(lastFailures).forEach((model, failure) -> {
            long ago = nowMillis - failure.wallMillis();
            if (ago < failureMemoryMillis) {
                problems.add(String.format(Locale.ROOT, "%s failed %.1f s ago: %s", model, ago / 1000.0, failure.message()));
            }
        });
        return problems;
    }
}
