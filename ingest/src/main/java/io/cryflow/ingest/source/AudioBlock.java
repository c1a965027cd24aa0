package io.cryflow.ingest.source;

/**
 * A block of mono audio at the source's sample rate.
 *
 * @param samples            samples in [-1, 1]; never empty
 * @param captureStartMicros capture time of the first sample, microseconds since the Unix epoch
 */
public record AudioBlock(float[] samples, long captureStartMicros) {

    public AudioBlock {
        if (samples.length == 0) {
            throw new IllegalArgumentException("an audio block holds at least one sample");
        }
    }
}
