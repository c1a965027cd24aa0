package io.cryflow.streams;

import io.cryflow.schemas.serde.RecordDecodingException;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every record that cannot be deserialized to the dead-letter topic and continues with the
 * next. The reason code is the {@link RecordDecodingException.Reason} name when the Cryflow serdes
 * said why, {@value #UNDECODABLE} otherwise. Named in the Streams configuration as
 * {@code deserialization.exception.handler} ({@link StreamsProperties} does that); settings in
 * {@link DeadLetterConfig}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    /** Reason code of a deserialization failure that is not a {@link RecordDecodingException}. */
    public static final String UNDECODABLE = "UNDECODABLE";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetters deadLetters;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetters = DeadLetterConfig.from(configs).deadLetters();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        String reason = exception instanceof RecordDecodingException decoding ? decoding.reason().name() : UNDECODABLE;
        log.warn("Dead-lettering undecodable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), exception.getMessage());
        var deadLetter = deadLetters.deadLetter(
                new DeadLetters.Source(record.topic(), record.partition(), record.offset(), record.timestamp()),
                record.key(), record.value(), reason, null, exception);
        return Response.resume(List.of(deadLetters.toProducerRecord(deadLetter)));
    }
}
