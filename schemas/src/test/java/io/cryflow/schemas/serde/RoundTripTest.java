package io.cryflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.Float32le;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.SampleEncoding;
import io.cryflow.schemas.SampleRecords;
import io.cryflow.schemas.TopicSpec;
import io.cryflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static Stream<SpecificRecord> everyContract() {
        return Stream.of(SampleRecords.audioChunk(), SampleRecords.melFrames(), SampleRecords.cryCandidate(),
                SampleRecords.cryEvent(), SampleRecords.microphoneStatus(), SampleRecords.deadLetter());
    }

    @ParameterizedTest
    @MethodSource("everyContract")
    <T extends SpecificRecord> void roundTripsThroughItsTopicSerde(T record) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) record.getClass();
        TopicSpec topic = Topics.all().stream().filter(spec -> spec.valueType() == type).findFirst().orElseThrow();
        AvroSerde<T> serde = new AvroSerde<>(type);

        byte[] bytes = serde.serializer().serialize(topic.name(), record);
        T decoded = serde.deserializer().deserialize(topic.name(), bytes);

        assertEquals(record, decoded);
        assertNotSame(record, decoded);
    }

    @Test
    void namedFactoriesServeTheirTypes() {
        assertEquals(AudioChunk.class, AvroSerdes.audioChunk().type());
        assertEquals(MelFrames.class, AvroSerdes.melFrames().type());
        assertEquals(io.cryflow.schemas.CryCandidate.class, AvroSerdes.cryCandidate().type());
        assertEquals(CryEvent.class, AvroSerdes.cryEvent().type());
        assertEquals(io.cryflow.schemas.MicrophoneStatus.class, AvroSerdes.microphoneStatus().type());
        assertEquals(io.cryflow.schemas.DeadLetter.class, AvroSerdes.deadLetter().type());
    }

    @Test
    void decodedValuesAreUsable() {
        AvroSerde<AudioChunk> audio = AvroSerdes.audioChunk();
        AudioChunk chunk = audio.deserializer().deserialize(Topics.AUDIO_CHUNKS,
                audio.serializer().serialize(Topics.AUDIO_CHUNKS, SampleRecords.audioChunk()));
        assertEquals(SampleEncoding.PCM_S16LE, chunk.getEncoding(), "defaulted enum");
        assertEquals(1, chunk.getChannels(), "defaulted int");
        assertEquals(SampleRecords.CAPTURE_START, chunk.getCaptureStartMicros(), "timestamp-micros keeps microseconds");
        assertArrayEquals(PcmS16le.toShorts(SampleRecords.audioChunk().getSamples()), PcmS16le.toShorts(chunk.getSamples()));

        AvroSerde<MelFrames> mel = AvroSerdes.melFrames();
        MelFrames frames = mel.deserializer().deserialize(Topics.MEL_FEATURES,
                mel.serializer().serialize(Topics.MEL_FEATURES, SampleRecords.melFrames()));
        float[] values = Float32le.toFloats(frames.getLogMel());
        assertEquals(frames.getFrameCount() * frames.getMelBands(), values.length);
        assertEquals(-100f + (65 % 97) * 0.75f, values[1 * frames.getMelBands() + 1], "frame-major layout survives");
    }

    @Test
    void nullsAreTombstonesBothWays() {
        AvroSerde<CryEvent> serde = AvroSerdes.cryEvent();
        assertNull(serde.serializer().serialize(Topics.CRY_EVENTS, null));
        assertNull(serde.deserializer().deserialize(Topics.CRY_EVENTS, null));
    }

    @Test
    void optionalFieldsMayBeNull() {
        CryEvent started = CryEvent.newBuilder(SampleRecords.cryEvent())
                .setEventType(CryEventType.CRY_STARTED).setEpisodeEndMicros(null).build();
        AvroSerde<CryEvent> serde = AvroSerdes.cryEvent();
        CryEvent decoded = serde.deserializer().deserialize("t", serde.serializer().serialize("t", started));
        assertNull(decoded.getEpisodeEndMicros());
    }

    @Test
    void anUnencodableRecordNamesTopicAndType() {
        AudioChunk broken = SampleRecords.audioChunk();
        broken.setRoomId(null); // bypasses the builder's validation, as a careless producer could
        SerializationException e = assertThrows(SerializationException.class,
                () -> AvroSerdes.audioChunk().serializer().serialize(Topics.AUDIO_CHUNKS, broken));
        assertTrue(e.getMessage().contains("AudioChunk") && e.getMessage().contains(Topics.AUDIO_CHUNKS), e.getMessage());
    }

    @Test
    void oneSerdeServesManyThreads() throws Exception {
        AvroSerde<AudioChunk> serde = AvroSerdes.audioChunk();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 16; task++) {
                long sequence = task;
                results.add(pool.submit(() -> {
                    boolean allEqual = true;
                    for (int i = 0; i < 200; i++) {
                        AudioChunk chunk = AudioChunk.newBuilder(SampleRecords.audioChunk()).setSequenceNumber(sequence * 1000 + i).build();
                        AudioChunk back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", chunk));
                        allEqual &= chunk.equals(back);
                    }
                    return allEqual;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
