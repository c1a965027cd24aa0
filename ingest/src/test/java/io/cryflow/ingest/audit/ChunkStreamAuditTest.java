package io.cryflow.ingest.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.AvroClassTrust;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChunkStreamAuditTest {

    private static final long CHUNK_MICROS = 500_000;

    @BeforeAll
    static void trustGeneratedClasses() {
        AvroClassTrust.install();
    }

    private static AudioChunk chunk(String room, long sequence, long startMicros) {
        return AudioChunk.newBuilder().setRoomId(room).setMicrophoneId("mic-1").setSequenceNumber(sequence)
                .setCaptureStartMicros(AudioChunker.instantOfMicros(startMicros)).setSampleRate(16000).setChannels(1)
                .setSamples(ByteBuffer.wrap(new byte[16000])).build();
    }

    @Test
    void contiguousStreamsAreClean() {
        ChunkStreamAudit audit = new ChunkStreamAudit();
        for (int s = 0; s < 10; s++) {
            audit.accept("a", chunk("a", s, 1_000_000 + s * CHUNK_MICROS));
            audit.accept("b", chunk("b", s, 7_000_000 + s * CHUNK_MICROS));
        }
        assertTrue(audit.clean());
        assertEquals(20, audit.totalChunks());
        assertEquals(5.0, audit.microphones().get(0).seconds(), 1e-9);
    }

    @Test
    void gapsReorderingWrongKeysAndTimingAreEachReported() {
        ChunkStreamAudit audit = new ChunkStreamAudit();
        audit.accept("a", chunk("a", 0, 0));
        audit.accept("a", chunk("a", 2, 2 * CHUNK_MICROS)); // gap
        audit.accept("a", chunk("a", 1, CHUNK_MICROS)); // out of order
        audit.accept("x", chunk("a", 3, 3 * CHUNK_MICROS)); // wrong key
        audit.accept("a", chunk("a", 4, 4 * CHUNK_MICROS + 900)); // capture time off by 900 µs
        ChunkStreamAudit.MicrophoneAudit a = audit.microphones().get(0);
        assertEquals(1, a.gaps());
        assertEquals(1, a.outOfOrder());
        assertEquals(1, a.wrongKeys());
        assertEquals(1, a.timingErrors());
        assertFalse(audit.clean());
    }

    @Test
    void aStreamThatDoesNotStartAtZeroIsNotClean() {
        ChunkStreamAudit audit = new ChunkStreamAudit();
        audit.accept("a", chunk("a", 5, 0));
        assertFalse(audit.clean());
    }
}
