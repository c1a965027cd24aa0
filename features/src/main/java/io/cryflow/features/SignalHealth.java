package io.cryflow.features;

import io.cryflow.features.MicrophoneStreamState.Health;
import io.cryflow.schemas.MicrophoneState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Watches a microphone's samples for the technical faults that would otherwise read as "no crying":
 * a flat line (digital silence, a muted or dead capsule) lasting {@link FeaturesConfig#silenceAfter()},
 * and clipping (a share of samples at full scale over {@link FeaturesConfig#clippingWindow()}). Reports
 * changes only: SILENT or CLIPPING when a fault starts to hold, MICROPHONE_ONLINE when it clears.
 * Its counters live in {@link MicrophoneStreamState}, so the verdicts do not depend on chunk sizes
 * (beyond flatness being judged per chunk).
 */
final class SignalHealth {

    /** A status to publish. */
    record Change(MicrophoneState status, long sinceMicros, String detail) {}

    private final FeaturesConfig config;
    private final long silenceAfterMicros;
    private final long clippingWindowMicros;

    SignalHealth(FeaturesConfig config) {
        this.config = config;
        this.silenceAfterMicros = config.silenceAfter().toNanos() / 1_000;
        this.clippingWindowMicros = config.clippingWindow().toNanos() / 1_000;
    }

    /** Feeds one in-order chunk starting at {@code captureStartMicros}; returns the status changes it causes. */
    List<Change> observe(MicrophoneStreamState state, float[] samples, long captureStartMicros, int sampleRate) {
        List<Change> changes = new ArrayList<>(1);
        if (samples.length == 0) {
            return changes;
        }
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        double clipLevel = config.clippingLevel();
        long durationMicros = Timing.samplesToMicros(samples.length, sampleRate);
        if (state.clipWindowSamples == 0) {
            state.clipWindowStartMicros = captureStartMicros;
        }
        for (float sample : samples) {
            min = Math.min(min, sample);
            max = Math.max(max, sample);
            if (Math.abs(sample) >= clipLevel) {
                state.clipWindowClipped++;
            }
        }
        state.clipWindowSamples += samples.length;

        boolean flat = max - min <= config.silencePeakToPeak();
        long chunkEnd = captureStartMicros + durationMicros;
        if (flat) {
            if (state.flatSinceMicros < 0) {
                state.flatSinceMicros = captureStartMicros;
            }
            if (state.health != Health.SILENT && chunkEnd - state.flatSinceMicros >= silenceAfterMicros) {
                state.health = Health.SILENT;
                changes.add(new Change(MicrophoneState.SILENT, state.flatSinceMicros, String.format(Locale.ROOT,
                        "flat line (peak-to-peak %.6f of full scale, level %.6f) for %.1f s: microphone muted, unplugged or broken",
                        max - min, max, (chunkEnd - state.flatSinceMicros) / 1e6)));
            }
        } else {
            state.flatSinceMicros = -1;
            if (state.health == Health.SILENT) {
                state.health = Health.ONLINE;
                changes.add(new Change(MicrophoneState.MICROPHONE_ONLINE, captureStartMicros, "audio signal back after a flat line"));
            }
        }

        if (state.clipWindowSamples >= (long) sampleRate * clippingWindowMicros / 1_000_000) {
            double share = (double) state.clipWindowClipped / state.clipWindowSamples;
            if (share >= config.clippingShare() && state.health != Health.CLIPPING && state.health != Health.SILENT) {
                state.health = Health.CLIPPING;
                changes.add(new Change(MicrophoneState.CLIPPING, state.clipWindowStartMicros, String.format(Locale.ROOT,
                        "%.1f%% of samples at full scale over %.1f s: gain too high or microphone too close", 100 * share,
                        state.clipWindowSamples / (double) sampleRate)));
            } else if (share < config.clippingShare() && state.health == Health.CLIPPING) {
                state.health = Health.ONLINE;
                changes.add(new Change(MicrophoneState.MICROPHONE_ONLINE, state.clipWindowStartMicros, String.format(Locale.ROOT,
                        "clipping over: %.2f%% of samples at full scale", 100 * share)));
            }
            state.clipWindowSamples = 0;
            state.clipWindowClipped = 0;
        }
        return changes;
    }
}
