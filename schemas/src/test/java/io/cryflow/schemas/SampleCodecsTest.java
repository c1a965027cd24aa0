package io.cryflow.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SampleCodecsTest {

    @Test
    void pcmIsSigned16BitLittleEndian() {
        ByteBuffer bytes = PcmS16le.fromShorts(new short[] {1, -2, Short.MAX_VALUE, Short.MIN_VALUE});
        assertArrayEquals(new byte[] {0x01, 0x00, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, 0x7F, 0x00, (byte) 0x80}, bytes.array());
        assertArrayEquals(new short[] {1, -2, Short.MAX_VALUE, Short.MIN_VALUE}, PcmS16le.toShorts(bytes));
    }

    @Test
    void pcmFloatsUseFullScale32768AndClip() {
        float[] floats = PcmS16le.toFloats(PcmS16le.fromShorts(new short[] {Short.MIN_VALUE, 16384, 0}));
        assertArrayEquals(new float[] {-1f, 0.5f, 0f}, floats);
        assertArrayEquals(new short[] {Short.MAX_VALUE, Short.MIN_VALUE, 16384, -1},
                PcmS16le.toShorts(PcmS16le.fromFloats(new float[] {1.5f, -3f, 0.5f, -1f / 32768})));
    }

    @Test
    void pcmQuantizationRoundsTiesAwayFromZeroClipsAndZeroesNaN() {
        float[] x = {0f, 1f, -1f, 1.5f, -2f, 0.5f / 32768, -0.5f / 32768, 1.49f / 32768, 100.6f / 32768, Float.NaN};
        short[] expected = {0, 32767, -32768, 32767, -32768, 1, -1, 1, 101, 0};
        assertArrayEquals(expected, PcmS16le.toShorts(PcmS16le.fromFloats(x)));
        byte[] out = new byte[4 + 2 * x.length];
        PcmS16le.encode(x, 0, x.length, out, 4);
        assertArrayEquals(expected, PcmS16le.toShorts(ByteBuffer.wrap(out, 4, 2 * x.length)));
    }

    @Test
    void pcmReadsFromTheBufferPositionWithoutMovingIt() {
        ByteBuffer bytes = ByteBuffer.wrap(new byte[] {9, 9, 0x10, 0x00});
        bytes.position(2);
        assertArrayEquals(new short[] {16}, PcmS16le.toShorts(bytes));
        assertEquals(2, bytes.position());
        float[] target = new float[3];
        assertEquals(1, PcmS16le.toFloats(bytes, target, 2));
        assertEquals(16 / 32768f, target[2]);
        assertThrows(IndexOutOfBoundsException.class, () -> PcmS16le.toFloats(bytes, target, 3));
    }

    @Test
    void pcmRejectsOddByteCounts() {
        assertThrows(IllegalArgumentException.class, () -> PcmS16le.toShorts(ByteBuffer.wrap(new byte[3])));
    }

    @Test
    void float32IsLittleEndianAndRoundTrips() {
        ByteBuffer bytes = Float32le.fromFloats(new float[] {1f, -100.25f});
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F}, java.util.Arrays.copyOf(bytes.array(), 4));
        assertArrayEquals(new float[] {1f, -100.25f}, Float32le.toFloats(bytes));
        assertArrayEquals(new float[] {-100.25f}, Float32le.toFloats(Float32le.fromFloats(new float[] {1f, -100.25f}, 1, 1)));
        assertThrows(IllegalArgumentException.class, () -> Float32le.valueCount(ByteBuffer.wrap(new byte[6])));
    }

    @Test
    void pcmF32IsLittleEndianFloat32AndFindsNonFiniteSamples() {
        ByteBuffer bytes = PcmF32le.fromFloats(new float[] {1f, -0.5f});
        assertArrayEquals(new byte[] {0, 0, (byte) 0x80, 0x3F, 0, 0, 0, (byte) 0xBF}, bytes.array());
        assertArrayEquals(new float[] {1f, -0.5f}, PcmF32le.toFloats(bytes));
        assertEquals(-1, PcmF32le.firstNonFinite(new float[] {0f, 1.5f, -1f}));
        assertEquals(2, PcmF32le.firstNonFinite(new float[] {0f, 0.1f, Float.NaN, Float.POSITIVE_INFINITY}));
        assertEquals(0, PcmF32le.firstNonFinite(new float[] {Float.NEGATIVE_INFINITY}));
        assertThrows(IllegalArgumentException.class, () -> PcmF32le.sampleCount(ByteBuffer.wrap(new byte[6])));
    }

    @Test
    void episodeIdsAreDeterministicPerRoomAndStart() {
        Instant start = Instant.parse("2025-03-14T02:31:07.123456Z");
        assertEquals(EpisodeIds.of("room-1", start), EpisodeIds.of("room-1", start));
        assertNotEquals(EpisodeIds.of("room-1", start), EpisodeIds.of("room-2", start));
        assertNotEquals(EpisodeIds.of("room-1", start), EpisodeIds.of("room-1", start.plusNanos(1_000)));
        assertEquals(36, EpisodeIds.of("room-1", start).length(), "a UUID string");
    }

    @Test
    void avroClassTrustCoversExactlyGeneratedCryflowClasses() {
        assertEquals(true, AvroClassTrust.isCryflowContract(AudioChunk.class));
        assertEquals(true, AvroClassTrust.isCryflowContract(SampleEncoding.class));
        assertEquals(false, AvroClassTrust.isCryflowContract(Topics.class), "hand-written Cryflow class");
        assertEquals(false, AvroClassTrust.isCryflowContract(org.apache.avro.generic.GenericData.Record.class));
    }
}
