package io.cryflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.PcmF32le;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.SampleEncoding;
import io.cryflow.schemas.SampleRecords;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.evolution.Reading;
import io.cryflow.schemas.serde.RecordDecodingException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Readers built with a newer schema decode records written with an older one, found in the schema history. */
class SchemaEvolutionTest {

    private static final ClassLoader LOADER = SchemaEvolutionTest.class.getClassLoader();
    private static final SchemaHistory TEST_HISTORY = SchemaHistory.builder()
            .addIndexed(LOADER, SchemaHistory.PUBLISHED_INDEX)
            .addIndexed(LOADER, "evolution/index.txt")
            .build();

    @Test
    void v2ReaderFillsTheAddedFieldsDefaultWhenReadingV1() throws IOException {
        Schema v1 = parse("evolution/Reading.v1.avsc");
        GenericRecord written = new GenericRecordBuilder(v1).set("sensorId", "s-1").set("value", -42.5).build();
        byte[] payload = encode(v1, written);

        Reading read = new AvroDeserializer<>(Reading.class, TEST_HISTORY).deserialize("test.readings", payload);

        assertEquals("s-1", read.getSensorId());
        assertEquals(-42.5, read.getValue());
        assertEquals("dBFS", read.getUnit());
    }

    @Test
    void withoutTheOldVersionInTheHistoryTheWriterIsUnknown() throws IOException {
        Schema v1 = parse("evolution/Reading.v1.avsc");
        byte[] payload = encode(v1, new GenericRecordBuilder(v1).set("sensorId", "s-1").set("value", 1.0).build());

        RecordDecodingException e = assertThrows(RecordDecodingException.class,
                () -> new AvroDeserializer<>(Reading.class, SchemaHistory.published()).deserialize("test.readings", payload));

        assertEquals(Reason.UNKNOWN_SCHEMA_FINGERPRINT, e.reason());
        assertEquals(SchemaHistory.fingerprintOf(v1), e.fingerprint().orElseThrow());
    }

    @Test
    void theRealAudioChunkReadsAnOlderWriterWithoutItsDefaultedFields() throws IOException {
        Schema v0 = parse("evolution/AudioChunk.v0.avsc");
        AudioChunk current = SampleRecords.audioChunk();
        GenericRecord old = new GenericRecordBuilder(v0)
                .set("roomId", current.getRoomId())
                .set("microphoneId", current.getMicrophoneId())
                .set("sequenceNumber", current.getSequenceNumber())
                .set("captureStartMicros", 1_741_919_467_123_456L)
                .set("sampleRate", current.getSampleRate())
                .set("samples", current.getSamples())
                .build();

        AudioChunk read = new AvroSerde<>(AudioChunk.class, TEST_HISTORY).deserializer()
                .deserialize(Topics.AUDIO_CHUNKS, encode(v0, old));

        assertEquals(current.getRoomId(), read.getRoomId());
        assertEquals(SampleRecords.CAPTURE_START, read.getCaptureStartMicros());
        assertEquals(SampleEncoding.PCM_S16LE, read.getEncoding());
        assertEquals(1, read.getChannels());
        assertEquals(PcmS16le.sampleCount(current.getSamples()), PcmS16le.sampleCount(read.getSamples()));
    }

    @Test
    void audioChunkV2ReadsV1RecordsAsPcmS16() throws IOException {
        Schema v1 = parse("io/cryflow/schemas/history/AudioChunk.v1.avsc");
        AudioChunk current = SampleRecords.audioChunk();
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("roomId", current.getRoomId())
                .set("microphoneId", current.getMicrophoneId())
                .set("sequenceNumber", current.getSequenceNumber())
                .set("captureStartMicros", 1_741_919_467_123_456L)
                .set("sampleRate", current.getSampleRate())
                .set("encoding", new GenericData.EnumSymbol(v1.getField("encoding").schema(), "PCM_S16LE"))
                .set("samples", current.getSamples())
                .build();

        AudioChunk read = AvroSerdes.audioChunk().deserializer().deserialize(Topics.AUDIO_CHUNKS, encode(v1, old));

        assertEquals(SampleEncoding.PCM_S16LE, read.getEncoding());
        assertEquals(SampleRecords.CAPTURE_START, read.getCaptureStartMicros());
    }

    @Test
    void pcmF32ChunksRoundTrip() {
        float[] samples = {0.25f, -1f, 0.999f};
        AudioChunk chunk = AudioChunk.newBuilder(SampleRecords.audioChunk())
                .setEncoding(SampleEncoding.PCM_F32LE).setSamples(PcmF32le.fromFloats(samples)).build();
        AvroSerde<AudioChunk> serde = AvroSerdes.audioChunk();

        AudioChunk read = serde.deserializer().deserialize(Topics.AUDIO_CHUNKS, serde.serializer().serialize(Topics.AUDIO_CHUNKS, chunk));

        assertEquals(SampleEncoding.PCM_F32LE, read.getEncoding());
        org.junit.jupiter.api.Assertions.assertArrayEquals(samples, PcmF32le.toFloats(read.getSamples()));
    }

    @Test
    void anEncodingAddedByANewerWriterReadsAsUnknown() {
        // A future capture client publishing an encoding this reader cannot decode must not pass as PCM.
        Schema current = AudioChunk.getClassSchema();
        Schema newer = new Schema.Parser().parse(current.toString().replace(
                "\"UNKNOWN\"]", "\"UNKNOWN\",\"PCM_S24LE\"]"));
        AudioChunk sample = SampleRecords.audioChunk();
        GenericRecord written = new GenericData.Record(newer);
        for (Schema.Field field : newer.getFields()) {
            written.put(field.name(), toGeneric(field.schema(), sample.get(field.name())));
        }
        written.put("encoding", new GenericData.EnumSymbol(newer.getField("encoding").schema(), "PCM_S24LE"));

        AudioChunk read = new AvroSerde<>(AudioChunk.class, SchemaHistory.published().with(newer))
                .deserializer().deserialize(Topics.AUDIO_CHUNKS, encode(newer, written));

        assertEquals(SampleEncoding.UNKNOWN, read.getEncoding());
        assertEquals(sample.getSequenceNumber(), read.getSequenceNumber());
    }

    @Test
    void aCauseAddedByANewerWriterReadsAsUncertain() {
        // A future CryEvent whose model knows one more cause; readers built today map it to the enum default.
        Schema current = CryEvent.getClassSchema();
        Schema newer = new Schema.Parser().parse(current.toString().replace(
                "\"DISCOMFORT\"]", "\"DISCOMFORT\",\"OVERSTIMULATED\"]"));
        CryEvent sample = SampleRecords.cryEvent();
        GenericRecord written = new GenericData.Record(newer);
        for (Schema.Field field : newer.getFields()) {
            written.put(field.name(), toGeneric(field.schema(), sample.get(field.name())));
        }
        written.put("cause", new GenericData.EnumSymbol(newer.getField("cause").schema(), "OVERSTIMULATED"));

        CryEvent read = new AvroSerde<>(CryEvent.class, SchemaHistory.published().with(newer))
                .deserializer().deserialize(Topics.CRY_EVENTS, encode(newer, written));

        assertEquals(CryCause.UNCERTAIN, read.getCause());
        assertEquals(sample.getEpisodeId(), read.getEpisodeId());
        assertEquals(sample.getCauseProbabilities(), read.getCauseProbabilities());
    }

    /** Generic form of a specific value: timestamps as epoch micros, enums by symbol name. */
    private static Object toGeneric(Schema schema, Object value) {
        if (value instanceof Instant instant) {
            return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
        }
        if (value instanceof Enum<?> symbol) {
            return new GenericData.EnumSymbol(schema, symbol.name());
        }
        return value;
    }

    private static byte[] encode(Schema writer, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Schema parse(String resource) throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new Schema.Parser().parse(in);
        }
    }
}
