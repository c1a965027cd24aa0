package io.cryflow.dsp.detect;

/** A run of flagged whole seconds, {@code [startSecond, endSecond)}. */
public record SecondRun(int startSecond, int endSecond) {

    public SecondRun {
        if (startSecond < 0 || endSecond <= startSecond) {
            throw new IllegalArgumentException("invalid run [" + startSecond + ", " + endSecond + ")");
        }
    }
}
