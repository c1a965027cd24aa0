package io.cryflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
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
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
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
        AudioChunk sample = SampleRecords.audioChunk();

        AudioChunk read = readAsWrittenWithANewSymbol(AudioChunk.class, Topics.AUDIO_CHUNKS, sample,
                "encoding", "UNKNOWN", "PCM_S24LE");

        assertEquals(SampleEncoding.UNKNOWN, read.getEncoding());
        assertEquals(sample.getSequenceNumber(), read.getSequenceNumber());
    }

    @Test
    void aCauseAddedByANewerWriterReadsAsUncertain() {
        // A future CryEvent whose model knows one more cause; readers built today map it to the enum default.
        CryEvent sample = SampleRecords.cryEvent();

        CryEvent read = readAsWrittenWithANewSymbol(CryEvent.class, Topics.CRY_EVENTS, sample,
                "cause", "DISCOMFORT", "OVERSTIMULATED");

        assertEquals(CryCause.UNCERTAIN, read.getCause());
        assertEquals(sample.getEpisodeId(), read.getEpisodeId());
        assertEquals(sample.getCauseProbabilities(), read.getCauseProbabilities());
    }

    @Test
    void aMicrophoneStatusReaderOfV1ReadsTheAnalysisStatesAsUnknown() throws IOException {
        // Dashboards and consumers built before the analysis states keep decoding the status topic.
        Schema v1 = parse("io/cryflow/schemas/history/MicrophoneStatus.v1.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(v1, MicrophoneStatus.getClassSchema()).getType());
        for (MicrophoneState state : List.of(MicrophoneState.ANALYSIS_STALLED, MicrophoneState.ANALYSIS_FAILED,
                MicrophoneState.ANALYSIS_RESUMED, MicrophoneState.ANALYSIS_PROGRESS)) {
            MicrophoneStatus written = MicrophoneStatus.newBuilder(SampleRecords.microphoneStatus())
                    .setStatus(state).setAnalysedUpToMicros(SampleRecords.CAPTURE_START).build();
            byte[] body = MicrophoneStatus.getEncoder().encode(written).array();
            // Skip the single-object header (2 marker bytes + 8 fingerprint bytes): plain binary body follows.
            GenericRecord read = new GenericDatumReader<GenericRecord>(MicrophoneStatus.getClassSchema(), v1)
                    .read(null, DecoderFactory.get().binaryDecoder(body, 10, body.length - 10, null));

            assertEquals("UNKNOWN", read.get("status").toString(), state + " read by a v1 reader");
            assertEquals(written.getRoomId(), read.get("roomId").toString());
            assertEquals(written.getDetail(), read.get("detail").toString());
        }
    }

    @Test
    void theCurrentMicrophoneStatusReadsV1RecordsWithoutAnAnalysedUpToTime() throws IOException {
        Schema v1 = parse("io/cryflow/schemas/history/MicrophoneStatus.v1.avsc");
        MicrophoneStatus sample = SampleRecords.microphoneStatus();
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("roomId", sample.getRoomId())
                .set("microphoneId", sample.getMicrophoneId())
                .set("status", new GenericData.EnumSymbol(v1.getField("status").schema(), "MICROPHONE_OFFLINE"))
                .set("sinceMicros", ChronoUnit.MICROS.between(Instant.EPOCH, sample.getSinceMicros()))
                .set("detail", sample.getDetail())
                .build();

        MicrophoneStatus read = AvroSerdes.microphoneStatus().deserializer().deserialize(Topics.MICROPHONE_STATUS, encode(v1, old));

        assertEquals(MicrophoneState.MICROPHONE_OFFLINE, read.getStatus());
        assertEquals(sample.getSinceMicros(), read.getSinceMicros());
        assertEquals(null, read.getAnalysedUpToMicros());
    }

    @Test
    void theCurrentCryEventReadsV1RecordsWithNoMicrophones() throws IOException {
        // Events written before rooms had several microphones stay readable, with an empty microphone list.
        Schema v1 = parse("io/cryflow/schemas/history/CryEvent.v1.avsc");
        CryEvent sample = SampleRecords.cryEvent();
        GenericRecord old = new GenericData.Record(v1);
        for (Schema.Field f : v1.getFields()) {
            old.put(f.name(), toGeneric(f.schema(), sample.get(f.name())));
        }

        CryEvent read = AvroSerdes.cryEvent().deserializer().deserialize(Topics.CRY_EVENTS, encode(v1, old));

        assertEquals(sample.getEpisodeId(), read.getEpisodeId());
        assertEquals(sample.getEpisodeEndMicros(), read.getEpisodeEndMicros());
        assertEquals(sample.getCause(), read.getCause());
        assertEquals(List.of(), read.getMicrophoneIds());
    }

    @Test
    void aCryEventReaderOfV1IgnoresTheMicrophones() throws IOException {
        // Consumers built before version 2 (dashboards, nurse call bridges) keep decoding the events topic.
        Schema v1 = parse("io/cryflow/schemas/history/CryEvent.v1.avsc");
        assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                SchemaCompatibility.checkReaderWriterCompatibility(v1, CryEvent.getClassSchema()).getType());
        CryEvent written = CryEvent.newBuilder(SampleRecords.cryEvent()).setMicrophoneIds(List.of("cot", "door")).build();
        byte[] body = CryEvent.getEncoder().encode(written).array();
        // Skip the single-object header (2 marker bytes + 8 fingerprint bytes): plain binary body follows.
        GenericRecord read = new GenericDatumReader<GenericRecord>(CryEvent.getClassSchema(), v1)
                .read(null, DecoderFactory.get().binaryDecoder(body, 10, body.length - 10, null));

        assertEquals(written.getEpisodeId(), read.get("episodeId").toString());
        assertEquals(written.getModelVersion(), read.get("modelVersion").toString());
        assertEquals(null, read.getSchema().getField("microphoneIds"), "a v1 reader has no such field");
    }

    /**
     * {@code sample} written by a newer writer whose enum {@code field} gained {@code newSymbol} after its last
     * symbol {@code lastSymbol}, with the field set to it, then read by today's reader (published history plus
     * that newer schema).
     */
    private static <T extends SpecificRecordBase> T readAsWrittenWithANewSymbol(Class<T> type, String topic, T sample,
            String field, String lastSymbol, String newSymbol) {
        Schema newer = new Schema.Parser().parse(sample.getSchema().toString().replace(
                "\"" + lastSymbol + "\"]", "\"" + lastSymbol + "\",\"" + newSymbol + "\"]"));
        GenericRecord written = new GenericData.Record(newer);
        for (Schema.Field f : newer.getFields()) {
            written.put(f.name(), toGeneric(f.schema(), sample.get(f.name())));
        }
        written.put(field, new GenericData.EnumSymbol(newer.getField(field).schema(), newSymbol));
        return new AvroSerde<>(type, SchemaHistory.published().with(newer))
                .deserializer().deserialize(topic, encode(newer, written));
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
