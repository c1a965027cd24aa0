package io.cryflow.ingest.chunk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.cryflow.ingest.source.SignalSource;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.SampleEncoding;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AudioChunkerTest {

    private static final long START = 1_700_000_000_123_456L;

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void cutsFixedChunksAcrossBlockBoundariesWithSequenceAndCaptureTime() throws Exception {
        float[] signal = new float[16000 * 2 + 300];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = (float) Math.sin(i * 0.01) * 0.5f;
        }
        // Blocks of 777 samples, deliberately unaligned with the 8000-sample chunks.
        SignalSource source = new SignalSource("room-7", "mic-2", signal, 16000, 777, false, START);
        AudioChunker chunker = new AudioChunker(source, AudioChunker.chunkSamples(16000, 500));
        List<AudioChunk> chunks = new ArrayList<>();
        for (AudioChunk c = chunker.next(); c != null; c = chunker.next()) {
            chunks.add(c);
        }
        assertNull(chunker.next());
        assertEquals(5, chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            AudioChunk c = chunks.get(i);
            assertEquals("room-7", c.getRoomId());
            assertEquals("mic-2", c.getMicrophoneId());
            assertEquals(i, c.getSequenceNumber());
            assertEquals(START + i * 500_000L, AudioChunker.microsOf(c.getCaptureStartMicros()));
            assertEquals(16000, c.getSampleRate());
            assertEquals(1, c.getChannels());
            assertEquals(SampleEncoding.PCM_S16LE, c.getEncoding());
            int from = i * 8000;
            int to = Math.min(signal.length, from + 8000);
            assertArrayEquals(bytes(PcmS16le.fromFloats(java.util.Arrays.copyOfRange(signal, from, to))), bytes(c.getSamples()));
        }
        assertEquals(300 * 2, chunks.get(4).getSamples().remaining());
    }

    @Test
    void realTimePacerWaitsForCaptureTimeFromTheFirstChunk() throws InterruptedException {
        long[] now = {5_000_000_000L};
        List<Long> sleeps = new ArrayList<>();
        RealTimePacer pacer = new RealTimePacer(() -> now[0], nanos -> {
            sleeps.add(nanos);
            now[0] += nanos;
        });
        pacer.awaitCaptureTime(START + 500_000); // anchors, no wait
        now[0] += 100_000_000L;                   // 100 ms of work
        pacer.awaitCaptureTime(START + 1_000_000); // due 500 ms after the anchor
        pacer.awaitCaptureTime(START + 1_000_000); // already due
        now[0] += 2_000_000_000L;                  // fell behind by 2 s: no sleeping, catch up
        pacer.awaitCaptureTime(START + 1_500_000);
        assertEquals(List.of(400_000_000L), sleeps);
    }

    @Test
    void wallClockPacerSendsAudioWhenTheSystemClockReachesItsCaptureEnd() throws InterruptedException {
        long[] now = {5_000_000_000L};
        List<Long> sleeps = new ArrayList<>();
        RealTimePacer.Sleeper sleeper = nanos -> {
            sleeps.add(nanos);
            now[0] += nanos;
        };
        // The room started 300 ms late: its first chunk's capture ended 300 ms before the first call.
        long wallAtFirstCall = START + 500_000 + 300_000;
        RealTimePacer pacer = RealTimePacer.onWallClock(() -> now[0], () -> wallAtFirstCall, sleeper);
        pacer.awaitCaptureTime(START + 500_000);   // already over: at once
        pacer.awaitCaptureTime(START + 1_000_000); // due when the system clock reaches it: 200 ms, not 500 ms
        now[0] += 100_000_000L;                    // 100 ms of work
        pacer.awaitCaptureTime(START + 1_500_000); // 500 ms after the previous one, less the work
        assertEquals(List.of(200_000_000L, 400_000_000L), sleeps);

        // A chunk whose capture ends after the first call waits for it, the first one included.
        sleeps.clear();
        RealTimePacer early = RealTimePacer.onWallClock(() -> now[0], () -> START + 250_000, sleeper);
        early.awaitCaptureTime(START + 500_000);
        assertEquals(List.of(250_000_000L), sleeps);
    }
}
