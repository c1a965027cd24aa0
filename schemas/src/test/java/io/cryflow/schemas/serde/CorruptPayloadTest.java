package io.cryflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.SampleRecords;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.RecordDecodingException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class CorruptPayloadTest {

    private static final String TOPIC = Topics.AUDIO_CHUNKS;
    private final AvroSerde<AudioChunk> serde = AvroSerdes.audioChunk();
    private final byte[] valid = serde.serializer().serialize(TOPIC, SampleRecords.audioChunk());
    private final long audioChunkFingerprint = SchemaHistory.fingerprintOf(AudioChunk.getClassSchema());

    private RecordDecodingException decodeFailure(byte[] payload) {
        return assertThrows(RecordDecodingException.class, () -> serde.deserializer().deserialize(TOPIC, payload));
    }

    @Test
    void nullIsATombstoneNotAFailure() {
        assertNull(serde.deserializer().deserialize(TOPIC, null));
    }

    @Test
    void emptyValue() {
        RecordDecodingException e = decodeFailure(new byte[0]);
        assertEquals(Reason.EMPTY, e.reason());
        assertTrue(e.fingerprint().isEmpty());
        assertTrue(e.getMessage().contains(TOPIC), e.getMessage());
    }

    @Test
    void randomBytesAreNotSingleObjectEncoded() {
        byte[] random = new byte[500];
        new Random(20250314L).nextBytes(random);
        random[0] = 0x7B; // whatever the seed gives, the test must not depend on it being C3 by chance
        RecordDecodingException e = decodeFailure(random);
        assertEquals(Reason.NOT_SINGLE_OBJECT_ENCODED, e.reason());
        assertTrue(e.getMessage().contains("7B"), e.getMessage());
    }

    @Test
    void plainJsonIsNotSingleObjectEncoded() {
        assertEquals(Reason.NOT_SINGLE_OBJECT_ENCODED, decodeFailure("{\"roomId\":\"r\"}".getBytes()).reason());
    }

    @Test
    void bitFlippedMarker() {
        for (int bit = 0; bit < 16; bit++) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertEquals(Reason.NOT_SINGLE_OBJECT_ENCODED, decodeFailure(flipped).reason(), "flipped header bit " + bit);
        }
    }

    @Test
    void bitFlippedFingerprintIsUnknown() {
        byte[] flipped = valid.clone();
        flipped[5] ^= 0x10;
        RecordDecodingException e = decodeFailure(flipped);
        assertEquals(Reason.UNKNOWN_SCHEMA_FINGERPRINT, e.reason());
        long expected = audioChunkFingerprint ^ (0x10L << 24);
        assertEquals(expected, e.fingerprint().orElseThrow());
        assertTrue(e.getMessage().contains(String.format("%016x", expected)), e.getMessage());
    }

    @Test
    void headerCutShort() {
        for (int length = 2; length < SingleObjectHeader.LENGTH; length++) {
            assertEquals(Reason.TRUNCATED, decodeFailure(Arrays.copyOf(valid, length)).reason(), "length " + length);
        }
        assertEquals(Reason.NOT_SINGLE_OBJECT_ENCODED, decodeFailure(Arrays.copyOf(valid, 1)).reason());
    }

    @Test
    void truncatedBody() {
        for (int cut : new int[] {1, 2, 100, valid.length - SingleObjectHeader.LENGTH - 1}) {
            RecordDecodingException e = decodeFailure(Arrays.copyOf(valid, valid.length - cut));
            assertEquals(Reason.TRUNCATED, e.reason(), "cut " + cut);
            assertEquals(audioChunkFingerprint, e.fingerprint().orElseThrow());
        }
    }

    @Test
    void headerWithoutBodyIsTruncated() {
        assertEquals(Reason.TRUNCATED, decodeFailure(Arrays.copyOf(valid, SingleObjectHeader.LENGTH)).reason());
    }

    @Test
    void trailingBytesAreCorrupt() {
        byte[] longer = Arrays.copyOf(valid, valid.length + 3);
        RecordDecodingException e = decodeFailure(longer);
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("left over"), e.getMessage());
    }

    @Test
    void negativeLengthIsCorrupt() {
        // The body starts with roomId's length, a zig-zag varint: 0x01 encodes -1.
        byte[] bad = valid.clone();
        bad[SingleObjectHeader.LENGTH] = 0x01;
        assertEquals(Reason.CORRUPT, decodeFailure(bad).reason());
    }

    @Test
    void hugeStringLengthIsTruncatedWithoutAllocatingIt() throws IOException {
        // roomId claims 2^30 bytes in a payload of a few: must fail as TRUNCATED, not allocate a gigabyte
        // (the module's tests run in a small heap, so an allocation would fail them).
        byte[] payload = headerAnd(encoder -> encoder.writeLong(1L << 30));
        assertEquals(Reason.TRUNCATED, decodeFailure(payload).reason());
    }

    @Test
    void hugeSamplesLengthIsTruncatedWithoutAllocatingIt() throws IOException {
        byte[] payload = headerAnd(encoder -> {
            encoder.writeString("room");
            encoder.writeString("mic");
            encoder.writeLong(7);
            encoder.writeLong(1_700_000_000_000_000L);
            encoder.writeInt(16_000);
            encoder.writeEnum(0);
            encoder.writeInt(1);
            encoder.writeLong(Integer.MAX_VALUE - 16); // samples length, with 4 bytes following
            encoder.writeFixed(new byte[] {1, 2, 3, 4});
        });
        assertEquals(Reason.TRUNCATED, decodeFailure(payload).reason());
    }

    @Test
    void anotherRecordTypeIsIncompatible() {
        byte[] melFrames = AvroSerdes.melFrames().serializer().serialize(Topics.MEL_FEATURES, SampleRecords.melFrames());
        RecordDecodingException e = decodeFailure(melFrames);
        assertEquals(Reason.INCOMPATIBLE_SCHEMA, e.reason());
        assertTrue(e.getMessage().contains("io.cryflow.schemas.MelFrames"), e.getMessage());
        assertTrue(e.getMessage().contains("io.cryflow.schemas.AudioChunk"), e.getMessage());
        // and the serde stays usable afterwards
        assertEquals(SampleRecords.audioChunk(), serde.deserializer().deserialize(TOPIC, valid));
    }

    @Test
    void isAKafkaSerializationException() {
        // Kafka Streams' deserialization exception handlers see it as the standard type.
        assertTrue(SerializationException.class.isAssignableFrom(RecordDecodingException.class));
    }

    @Test
    void validPayloadStillDecodes() {
        AudioChunk decoded = serde.deserializer().deserialize(TOPIC, valid);
        assertEquals(SampleRecords.audioChunk(), decoded);
        assertArrayEquals(valid, serde.serializer().serialize(TOPIC, decoded));
    }

    private interface BodyWriter {
        void write(BinaryEncoder encoder) throws IOException;
    }

    /** A single-object header for the current AudioChunk schema followed by a hand-written body. */
    private byte[] headerAnd(BodyWriter body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {SingleObjectHeader.MARKER_0, SingleObjectHeader.MARKER_1});
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(audioChunkFingerprint).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        body.write(encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
