package io.cryflow.streams;

import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Builds {@link DeadLetter} records: what failed (source topic, partition, offset, timestamp, the
 * raw key and value bytes unchanged), why (reason code, message, exception class), where (stage)
 * and when. Keyed by the failed record's key bytes, so a room's dead letters can be found by room.
 * Thread-safe.
 */
public final class DeadLetters {

    /** Longest message kept: stack-trace-sized messages do not belong in a record meant for operators. */
    static final int MAX_MESSAGE_LENGTH = 2_000;

    private final String topic;
    private final String stage;
    private final Clock clock;
    private final Serializer<DeadLetter> serializer = AvroSerdes.deadLetter().serializer();

    /**
     * @param topic dead-letter topic the records go to (normally {@link Topics#DEAD_LETTERS})
     * @param stage the application giving up on records, e.g. its {@code application.id}
     */
    public DeadLetters(String topic, String stage, Clock clock) {
        this.topic = Objects.requireNonNull(topic, "topic");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DeadLetters(String topic, String stage) {
        this(topic, stage, Clock.systemUTC());
    }

    public String topic() {
        return topic;
    }

    public String stage() {
        return stage;
    }

    /**
     * A dead letter for a failed input record.
     *
     * @param source     where the record came from (null topic for records without a source, e.g. punctuations)
     * @param key        its raw key bytes, or null
     * @param value      its raw value bytes, or null
     * @param reasonCode machine-readable cause
     * @param message    human-readable cause; the exception's message when null
     * @param exception  the failure, or null
     */
    public DeadLetter deadLetter(Source source, byte[] key, byte[] value, String reasonCode, String message, Throwable exception) {
        String text = message != null ? message
                : exception != null && exception.getMessage() != null ? exception.getMessage()
                : exception != null ? exception.getClass().getSimpleName() : reasonCode;
        return DeadLetter.newBuilder()
                .setSourceTopic(source.topic() == null ? "" : source.topic())
                .setSourcePartition(source.partition())
                .setSourceOffset(source.offset())
                .setSourceTimestampMillis(source.timestampMillis() < 0 ? null : Instant.ofEpochMilli(source.timestampMillis()))
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setValue(value == null ? null : ByteBuffer.wrap(value))
                .setReasonCode(reasonCode)
                .setMessage(text.length() > MAX_MESSAGE_LENGTH ? text.substring(0, MAX_MESSAGE_LENGTH) + "..." : text)
                .setExceptionClass(exception == null ? null : exception.getClass().getName())
                .setStage(stage)
                .setFailedAtMicros(clock.instant().truncatedTo(ChronoUnit.MICROS))
                .build();
    }

    /** The dead letter as the record a Streams error handler hands back, keyed by the failed record's key bytes. */
    public ProducerRecord<byte[], byte[]> toProducerRecord(DeadLetter deadLetter) {
        byte[] key = deadLetter.getKey() == null ? null : bytes(deadLetter.getKey());
        return new ProducerRecord<>(topic, key, serializer.serialize(topic, deadLetter));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    /**
     * Where a failed record was read.
     *
     * @param topic           source topic, or null when unknown
     * @param partition       its partition, -1 when unknown
     * @param offset          its offset, -1 when unknown
     * @param timestampMillis its record timestamp, negative when unknown
     */
    public record Source(String topic, int partition, long offset, long timestampMillis) {}
}
