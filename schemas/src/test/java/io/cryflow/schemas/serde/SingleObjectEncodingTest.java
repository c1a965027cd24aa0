package io.cryflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.SampleRecords;
import io.cryflow.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The serializer's bytes checked against the Avro specification, with a fingerprint computed independently of Avro. */
class SingleObjectEncodingTest {

    /** CRC-64-AVRO as the specification's "Schema Fingerprints" section defines it. */
    private static final long EMPTY = 0xc15d213aa4d7a795L;
    private static final long[] TABLE = new long[256];

    static {
        for (int i = 0; i < 256; i++) {
            long fp = i;
            for (int j = 0; j < 8; j++) {
                fp = (fp >>> 1) ^ (EMPTY & -(fp & 1L));
            }
            TABLE[i] = fp;
        }
    }

    private static long crc64Avro(byte[] bytes) {
        long fp = EMPTY;
        for (byte b : bytes) {
            fp = (fp >>> 8) ^ TABLE[(int) (fp ^ b) & 0xff];
        }
        return fp;
    }

    @Test
    void fingerprintImplementationMatchesTheAvroProjectsTestVectors() {
        // share/test/data/schema-tests.txt of apache/avro
        assertEquals(7195948357588979594L, crc64Avro("\"null\"".getBytes(StandardCharsets.UTF_8)));
        assertEquals(-6970731678124411036L, crc64Avro("\"boolean\"".getBytes(StandardCharsets.UTF_8)));
        assertEquals(7843277075252814651L, crc64Avro(
                "{\"name\":\"foo\",\"type\":\"record\",\"fields\":[{\"name\":\"f1\",\"type\":\"boolean\"}]}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void headerIsMarkerThenLittleEndianFingerprintOfTheCanonicalForm() {
        Schema schema = AudioChunk.getClassSchema();
        long expected = crc64Avro(SchemaNormalization.toParsingForm(schema).getBytes(StandardCharsets.UTF_8));
        assertEquals(expected, SchemaHistory.fingerprintOf(schema));

        byte[] payload = AvroSerdes.audioChunk().serializer().serialize(Topics.AUDIO_CHUNKS, SampleRecords.audioChunk());

        assertEquals((byte) 0xC3, payload[0]);
        assertEquals((byte) 0x01, payload[1]);
        for (int i = 0; i < 8; i++) {
            assertEquals((byte) (expected >>> (8 * i)), payload[2 + i], "fingerprint byte " + i + " (least significant first)");
        }
    }

    @Test
    void bodyIsPlainAvroBinary() throws IOException {
        AudioChunk chunk = SampleRecords.audioChunk();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(body, null);
        new SpecificDatumWriter<>(AudioChunk.class).write(chunk, encoder);
        encoder.flush();

        byte[] payload = AvroSerdes.audioChunk().serializer().serialize(Topics.AUDIO_CHUNKS, chunk);

        assertArrayEquals(body.toByteArray(), Arrays.copyOfRange(payload, 10, payload.length));
    }

    @Test
    void documentationDoesNotChangeTheFingerprint() {
        // Canonical form drops docs: improving a contract's documentation publishes no new version.
        String canonical = SchemaNormalization.toParsingForm(AudioChunk.getClassSchema());
        assertFalse(canonical.contains("doc"), canonical);
    }
}
