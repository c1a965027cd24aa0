package io.cryflow.streams;

import java.util.Objects;

/**
 * Thrown by a processor that refuses a well-formed but unusable record (wrong sample rate, NaN
 * samples, a chunk arriving too late). The processor validates before it touches any state, so
 * throwing leaves nothing half done; {@link DeadLetterProcessingHandler} turns the exception into a
 * dead letter whose {@code reasonCode} is {@link #reasonCode()} and lets the app continue.
 */
public class RejectedRecordException extends RuntimeException {

    private final String reasonCode;

    /**
     * @param reasonCode upper-case, machine-readable cause (e.g. {@code WRONG_SAMPLE_RATE})
     * @param message    what an operator needs to understand the rejection
     */
    public RejectedRecordException(String reasonCode, String message) {
        super(message);
        this.reasonCode = Objects.requireNonNull(reasonCode, "reasonCode");
    }

    public String reasonCode() {
        return reasonCode;
    }
}
