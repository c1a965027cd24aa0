package io.cryflow.schemas.serde;

import java.util.Objects;
import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A Kafka record value that could not be decoded into the expected Avro type.
 *
 * <p>Carries a machine-readable {@link Reason} so a stream application's deserialization
 * handler can route the record to the dead-letter topic (the reason name is the dead letter's
 * {@code reasonCode}) instead of stopping. The message names the topic, the writer schema
 * fingerprint when the header was readable, and the problem.
 */
public final class RecordDecodingException extends SerializationException {

    /** Why a payload could not be decoded. */
    public enum Reason {
        /** Zero bytes: not a record, and not a tombstone either (tombstones are null). */
        EMPTY,
        /** Does not start with the single-object-encoding marker C3 01. */
        NOT_SINGLE_OBJECT_ENCODED,
        /** Ends before the header or the record body is complete. */
        TRUNCATED,
        /** Header is fine but the body is not a valid encoding under the writer schema. */
        CORRUPT,
        /** The writer schema fingerprint is not in the schema history this reader knows. */
        UNKNOWN_SCHEMA_FINGERPRINT,
        /** The writer schema is known but cannot be read as the expected type (another record type, or an incompatible change). */
        INCOMPATIBLE_SCHEMA
    }

    private final Reason reason;
    private final String topic;
    private final Long fingerprint;

    RecordDecodingException(Reason reason, String topic, Long fingerprint, String problem, Throwable cause) {
        super(describe(reason, topic, fingerprint, problem), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.topic = topic;
        this.fingerprint = fingerprint;
    }

    private static String describe(Reason reason, String topic, Long fingerprint, String problem) {
        StringBuilder text = new StringBuilder(reason.name()).append(": cannot decode record from topic ").append(topic);
        if (fingerprint != null) {
            text.append(" (writer schema fingerprint ").append(SingleObjectHeader.toHex(fingerprint)).append(')');
        }
        return text.append(": ").append(problem).toString();
    }

    public Reason reason() {
        return reason;
    }

    /** Topic the record came from; may be null when the caller did not give one. */
    public String topic() {
        return topic;
    }

    /** Writer schema fingerprint (CRC-64-AVRO of its canonical form), when the header could be read. */
    public OptionalLong fingerprint() {
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }
}
