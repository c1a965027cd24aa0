package io.cryflow.streams;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every record a processor failed on to the dead-letter topic with the source record's raw
 * bytes. A {@link RejectedRecordException} is bad input: its reason code is kept and processing
 * continues. Anything else is a bug hit by this record: reason {@value #PROCESSING_FAILED}, and
 * processing continues or stops as {@link DeadLetterConfig#ON_UNEXPECTED} says. Named in the Streams
 * configuration as {@code processing.exception.handler} ({@link StreamsProperties} does that).
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    /** Reason code of an unexpected processing failure. */
    public static final String PROCESSING_FAILED = "PROCESSING_FAILED";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private DeadLetters deadLetters;
    private boolean continueOnUnexpected;

    @Override
    public void configure(Map<String, ?> configs) {
        DeadLetterConfig config = DeadLetterConfig.from(configs);
        deadLetters = config.deadLetters();
        continueOnUnexpected = config.continueOnUnexpected();
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        boolean rejected = exception instanceof RejectedRecordException;
        String reason = rejected ? ((RejectedRecordException) exception).reasonCode() : PROCESSING_FAILED;
        if (rejected) {
            log.warn("Dead-lettering rejected record {}-{}@{} at {}: {} {}", context.topic(), context.partition(), context.offset(),
                    context.processorNodeId(), reason, exception.getMessage());
        } else {
            log.error("Processing failed on record {}-{}@{} at {}; dead-lettering it", context.topic(), context.partition(),
                    context.offset(), context.processorNodeId(), exception);
        }
        var deadLetter = deadLetters.deadLetter(
                new DeadLetters.Source(context.topic(), context.partition(), context.offset(), context.timestamp()),
                context.sourceRawKey(), context.sourceRawValue(), reason, null, exception);
        List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> records = List.of(deadLetters.toProducerRecord(deadLetter));
        return rejected || continueOnUnexpected ? Response.resume(records) : Response.fail(records);
    }
}
