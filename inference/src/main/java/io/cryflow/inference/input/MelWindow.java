package io.cryflow.inference.input;

/**
 * One complete model input window.
 *
 * @param startFrameIndex    index of its first frame in the microphone's frame sequence
 * @param startCaptureMicros capture time of its first frame's first sample (µs since the epoch)
 * @param endCaptureMicros   capture time just past its last frame's hop:
 *                           {@code startCaptureMicros + windowFrames * hopMicros}
 * @param values             {@code windowFrames x melBands} log-mel values, frame-major; owned by the
 *                           window (a fresh array)
 */
public record MelWindow(long startFrameIndex, long startCaptureMicros, long endCaptureMicros, float[] values) {
}
