package io.cryflow.features;

/**
 * Reason codes of the audio chunks the features stage dead-letters (the {@code reasonCode} of their
 * {@code DeadLetter}). Undecodable records carry the decoder's reason instead (TRUNCATED, CORRUPT, ...).
 */
public final class Rejections {

    /** The record key is not the chunk's room id: the chunk would be processed on the wrong partition. */
    public static final String KEY_MISMATCH = "KEY_MISMATCH";
    /** A negative sequence number. */
    public static final String INVALID_SEQUENCE = "INVALID_SEQUENCE";
    /** Not the sample rate the DSP configuration is built for; resampling is the capture client's job. */
    public static final String WRONG_SAMPLE_RATE = "WRONG_SAMPLE_RATE";
    /** Not mono. */
    public static final String UNSUPPORTED_CHANNELS = "UNSUPPORTED_CHANNELS";
    /** An encoding this reader does not know (written by a newer producer). */
    public static final String UNSUPPORTED_ENCODING = "UNSUPPORTED_ENCODING";
    /** The sample bytes are not a whole number of samples. */
    public static final String TRUNCATED_AUDIO = "TRUNCATED_AUDIO";
    /** A float32 chunk holding NaN or infinity. */
    public static final String NON_FINITE_SAMPLES = "NON_FINITE_SAMPLES";
    /** The chunk arrived after its place in the stream had been declared lost (or too long after to tell). */
    public static final String LATE = "LATE";

    private Rejections() {}
}
