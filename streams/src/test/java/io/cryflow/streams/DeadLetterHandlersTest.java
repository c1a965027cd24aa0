package io.cryflow.streams;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerde;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.schemas.serde.RecordDecodingException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handlers named by {@link StreamsProperties} turn bad records into dead letters and let good ones through. */
class DeadLetterHandlersTest {

    private static final String OUT = "test.sequence-numbers";
    private final AvroSerde<AudioChunk> chunks = AvroSerdes.audioChunk();
    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> rawInput;
    private TestInputTopic<String, AudioChunk> input;
    private TestOutputTopic<String, Long> output;
    private TestOutputTopic<byte[], DeadLetter> deadLetters;

    /** Passes each chunk's sequence number on; a negative one is bad input, sequence 13 hits a bug. */
    static Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(Topics.AUDIO_CHUNKS, Consumed.with(Serdes.String(), AvroSerdes.audioChunk()))
                .mapValues(chunk -> {
                    if (chunk.getSequenceNumber() < 0) {
                        throw new RejectedRecordException("NEGATIVE_SEQUENCE", "sequence " + chunk.getSequenceNumber() + " is negative");
                    }
                    if (chunk.getSequenceNumber() == 13) {
                        throw new IllegalStateException("unlucky");
                    }
                    return chunk.getSequenceNumber();
                })
                .to(OUT, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    void startDriver(Properties overrides) {
        Properties props = StreamsProperties.forApplication("cryflow-test").bootstrapServers("unused:9092").overrides(overrides).build();
        driver = new TopologyTestDriver(topology(), props);
        rawInput = driver.createInputTopic(Topics.AUDIO_CHUNKS, new StringSerializer(), new ByteArraySerializer());
        input = driver.createInputTopic(Topics.AUDIO_CHUNKS, new StringSerializer(), chunks.serializer());
        output = driver.createOutputTopic(OUT, Serdes.String().deserializer(), Serdes.Long().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.ByteArray().deserializer(), AvroSerdes.deadLetter().deserializer());
    }

    @BeforeEach
    void setUp() {
        startDriver(null);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void corruptRecordsDoNotStopTheApp() {
        input.pipeInput("room-1", chunk(1));
        rawInput.pipeInput("room-1", new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
        rawInput.pipeInput("room-1", "not avro".getBytes(StandardCharsets.UTF_8));
        input.pipeInput("room-1", chunk(2));

        assertEquals(List.of(1L, 2L), output.readValuesToList(), "good records on both sides of the bad ones got through");
        // TopologyTestDriver 4.3 does not capture records a deserialization handler hands back; the
        // dead letters themselves are checked below and on a real broker in the features integration test.
    }

    @Test
    void theDeserializationHandlerMakesADeadLetterWithTheDecodersReasonAndTheRawBytes() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(java.util.Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "cryflow-test", DeadLetterConfig.TOPIC, "the.dlq"));
        byte[] corrupt = {(byte) 0xC3, 0x01, 1, 2, 3};
        byte[] key = "room-1".getBytes(StandardCharsets.UTF_8);
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(Topics.AUDIO_CHUNKS, 4, 77L, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, key.length, corrupt.length, key, corrupt, new RecordHeaders(), Optional.empty());
        Exception failure = assertThrows(RecordDecodingException.class,
                () -> chunks.deserializer().deserialize(Topics.AUDIO_CHUNKS, corrupt));

        DeserializationExceptionHandler.Response response = handler.handleError(null, record, failure);

        assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
        ProducerRecord<byte[], byte[]> out = response.deadLetterQueueRecords().get(0);
        assertEquals("the.dlq", out.topic());
        assertArrayEquals(key, out.key());
        DeadLetter letter = AvroSerdes.deadLetter().deserializer().deserialize("the.dlq", out.value());
        assertEquals("TRUNCATED", letter.getReasonCode());
        assertEquals(Topics.AUDIO_CHUNKS, letter.getSourceTopic());
        assertEquals(4, letter.getSourcePartition());
        assertEquals(77L, letter.getSourceOffset());
        assertEquals(Instant.ofEpochMilli(1_700_000_000_000L), letter.getSourceTimestampMillis());
        assertArrayEquals(corrupt, bytes(letter.getValue()));
        assertArrayEquals(key, bytes(letter.getKey()));
        assertEquals("cryflow-test", letter.getStage());
        assertEquals(RecordDecodingException.class.getName(), letter.getExceptionClass());
        assertTrue(letter.getMessage().startsWith("TRUNCATED"), letter.getMessage());
    }

    @Test
    void otherDeserializationFailuresAreUndecodable() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(java.util.Map.of());
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("t", 0, 0L, null, new byte[] {1});
        DeadLetter letter = AvroSerdes.deadLetter().deserializer().deserialize(Topics.DEAD_LETTERS,
                handler.handleError(null, record, new IllegalArgumentException("bad")).deadLetterQueueRecords().get(0).value());
        assertEquals(DeadLetterDeserializationHandler.UNDECODABLE, letter.getReasonCode());
        assertEquals("unknown", letter.getStage());
    }

    @Test
    void rejectedRecordsKeepTheirReasonCode() {
        input.pipeInput("room-2", chunk(-5));
        input.pipeInput("room-2", chunk(6));

        assertEquals(List.of(6L), output.readValuesToList());
        DeadLetter letter = deadLetters.readValue();
        assertEquals("NEGATIVE_SEQUENCE", letter.getReasonCode());
        assertEquals("sequence -5 is negative", letter.getMessage());
        assertEquals(RejectedRecordException.class.getName(), letter.getExceptionClass());
        assertEquals(0L, letter.getSourceOffset());
        assertArrayEquals(chunks.serializer().serialize(Topics.AUDIO_CHUNKS, chunk(-5)), bytes(letter.getValue()),
                "the dead letter holds the record exactly as it was read");
        assertTrue(deadLetters.isEmpty());
    }

    @Test
    void unexpectedFailuresAreDeadLetteredAndContinueByDefault() {
        input.pipeInput("room-3", chunk(13));
        input.pipeInput("room-3", chunk(14));

        assertEquals(List.of(14L), output.readValuesToList());
        DeadLetter letter = deadLetters.readValue();
        assertEquals(DeadLetterProcessingHandler.PROCESSING_FAILED, letter.getReasonCode());
        assertEquals("unlucky", letter.getMessage());
        assertEquals(IllegalStateException.class.getName(), letter.getExceptionClass());
    }

    @Test
    void unexpectedFailuresStopTheAppWhenConfiguredToFail() {
        driver.close();
        Properties failFast = new Properties();
        failFast.put(DeadLetterConfig.ON_UNEXPECTED, "fail");
        startDriver(failFast);

        input.pipeInput("room-3", chunk(-1));
        assertEquals("NEGATIVE_SEQUENCE", deadLetters.readValue().getReasonCode(), "bad input still only dead-letters");
        assertThrows(StreamsException.class, () -> input.pipeInput("room-3", chunk(13)));
    }

    @Test
    void anUnknownPolicyIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DeadLetterConfig.from(java.util.Map.of(DeadLetterConfig.ON_UNEXPECTED, "ignore")));
    }

    @Test
    void aDeadLetterWithoutKeyOrSourceStillBuilds() {
        DeadLetters letters = new DeadLetters("dlq", "stage-x");
        DeadLetter letter = letters.deadLetter(new DeadLetters.Source(null, -1, -1, -1), null, null, "X", null, null);
        assertEquals("", letter.getSourceTopic());
        assertNull(letter.getSourceTimestampMillis());
        assertNull(letter.getExceptionClass());
        assertEquals("X", letter.getMessage());
        assertNull(letters.toProducerRecord(letter).key());
        assertEquals("dlq", letters.toProducerRecord(letter).topic());
        String huge = "m".repeat(10_000);
        assertEquals(DeadLetters.MAX_MESSAGE_LENGTH + 3,
                letters.deadLetter(new DeadLetters.Source("t", 0, 0, 0), null, null, "X", huge, null).getMessage().length());
    }

    private static AudioChunk chunk(long sequence) {
        return AudioChunk.newBuilder()
                .setRoomId("room")
                .setMicrophoneId("mic")
                .setSequenceNumber(sequence)
                .setCaptureStartMicros(Instant.parse("2026-01-01T00:00:00Z"))
                .setSampleRate(16_000)
                .setSamples(PcmS16le.fromShorts(new short[] {1, 2, 3}))
                .build();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
