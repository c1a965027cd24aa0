package io.cryflow.features;

/** Sample counts to capture-time microseconds. */
final class Timing {

    private Timing() {}

    /** Duration of {@code samples} samples (may be negative) in whole microseconds, rounded to nearest. */
    static long samplesToMicros(long samples, int sampleRate) {
        return Math.round(samples * 1_000_000.0 / sampleRate);
    }
}
