package io.cryflow.dsp.resample;

/**
 * Streaming sample-rate converter for one mono signal.
 *
 * <p>Feed input blocks of any size with {@link #process}; each call returns the output samples that
 * the input seen so far fully determines. Call {@link #flush()} once at the end of the signal to
 * get the remaining tail. Splitting a signal into blocks never changes the output: the
 * concatenation of every {@code process} result and the {@code flush} result is identical, sample
 * for sample, to processing the whole signal in one call. Instances are not thread-safe.
 */
public interface Resampler {

    /** Input sample rate in Hz. */
    int inputRate();

    /** Output sample rate in Hz. */
    int outputRate();

    /**
     * Consumes {@code length} samples of {@code input} from {@code offset} and returns the output
     * samples now available (possibly none).
     */
    float[] process(float[] input, int offset, int length);

    /** Consumes a whole block. */
    default float[] process(float[] input) {
        return process(input, 0, input.length);
    }

    /**
     * Ends the signal: returns the remaining output, so that the total output length is
     * {@code ceil(inputLength * outputRate / inputRate)}. The resampler is then reset for a new
     * signal.
     */
    float[] flush();

    /** Forgets all state, ready for an unrelated signal. */
    void reset();

    /**
     * A converter from {@code inputRate} to {@code outputRate} with the default quality
     * ({@link KaiserSincDesign#DEFAULT}); an exact copy when the rates are equal.
     */
    static Resampler create(int inputRate, int outputRate) {
        return new PolyphaseSincResampler(inputRate, outputRate, KaiserSincDesign.DEFAULT);
    }
}
