package io.cryflow.features;

import static io.cryflow.features.FeaturesDriver.T0;
import static io.cryflow.features.FeaturesDriver.chunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MelFramesFlag;
import io.cryflow.schemas.MicrophoneState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture times that restart, jump ahead or go back: new streams and discontinuities, never silent drops. */
class FeaturesTimeFaultsTest {

    static final String ROOM = "nicu-7";
    static final String MIC = "mic-a";
    /** 100 ms chunks. */
    static final int CHUNK = 1600;
    // By name, as a dashboard reads them (cryflow_features_chunks_dropped_total, cryflow_features_capture_jumps_total).
    static final String DROPPED = "cryflow.features.chunks.dropped";
    static final String JUMPS = "cryflow.features.capture.jumps";

    @TempDir
    Path stateDir;
    FeaturesDriver app;
    final short[] audio = TestAudio.roomWithBurst(2.0, 0.5, 1.0, 5);

    /** The global registry only counts once a registry is added to it, as the services add their Prometheus one. */
    final MeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void start() {
        Metrics.addRegistry(meters);
        app = new FeaturesDriver(FeaturesConfig.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        app.close();
        Metrics.removeRegistry(meters);
    }

    /** Chunk {@code sequence} of a stream whose first sample was captured at {@code start}. */
    AudioChunk chunkOf(long sequence, Instant start) {
        long offset = sequence * CHUNK;
        short[] samples = Arrays.copyOfRange(audio, (int) offset, (int) offset + CHUNK);
        AudioChunk chunk = chunk(ROOM, MIC, sequence, 0, samples);
        chunk.setCaptureStartMicros(start.plusNanos(offset * 1_000_000_000L / TestAudio.RATE));
        return chunk;
    }

    double count(String name, String tag, String value) {
        Counter counter = meters.find(name).tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aSequenceRestartWithAnEarlierCaptureTimeIsANewStreamNotADuplicate() {
        for (long s = 0; s < 10; s++) {
            app.send(chunkOf(s, T0)); // a fast replay: capture times up to T0 + 1 s
        }
        app.mel.readValuesToList();
        app.status.readValuesToList();

        // The same WAV sent again from T0 + 0.3 s: lower sequence numbers with capture times this stream never had.
        Instant rerun = T0.plusMillis(300);
        for (long s = 0; s < 3; s++) {
            app.send(chunkOf(s, rerun));
        }
        List<MelFrames> records = app.mel.readValuesToList();
        assertEquals(3, records.size(), "the re-run's chunks are analysed, not dropped as duplicates");
        assertEquals(List.of(MelFramesFlag.STREAM_START), records.get(0).getFlags());
        assertEquals(0L, records.get(0).getFirstFrameIndex());
        assertEquals(rerun, records.get(0).getFirstFrameCaptureMicros());
        assertEquals(MicrophoneState.MICROPHONE_ONLINE, app.status.readValue().getStatus(), "a new stream starts");

        // A device whose clock was reset before the old stream began: sequence 0 again, an hour earlier.
        Instant reset = T0.minus(Duration.ofHours(1));
        app.send(chunkOf(0, reset));
        MelFrames afterReset = app.mel.readValue();
        assertEquals(List.of(MelFramesFlag.STREAM_START), afterReset.getFlags());
        assertEquals(reset, afterReset.getFirstFrameCaptureMicros());
        assertTrue(app.deadLetters.isEmpty());
    }

    @Test
    void aRepeatWithTheStreamsOwnSequenceAndCaptureTimeIsStillADuplicateAndCounted() {
        double duplicatesBefore = count(DROPPED, "reason", "duplicate");
        for (long s = 0; s < 10; s++) {
            app.send(chunkOf(s, T0));
        }
        app.mel.readValuesToList();
        app.send(chunkOf(0, T0));
        app.send(chunkOf(4, T0));
        app.send(chunkOf(9, T0));
        assertTrue(app.mel.isEmpty(), "exact repeats are dropped");
        assertTrue(app.deadLetters.isEmpty());
        assertEquals(3, MicrophoneStreamState.fromBytes(app.microphoneState(ROOM, MIC)).duplicates);
        assertEquals(3, count(DROPPED, "reason", "duplicate") - duplicatesBefore, 0.0,
                "duplicates are a metric");
    }

    @Test
    void aFutureCaptureTimeIsADiscontinuityBoundedToItsChunkAndCounted() {
        double forwardBefore = count(JUMPS, "direction", "forward");
        double backwardBefore = count(JUMPS, "direction", "backward");
        for (long s = 0; s < 5; s++) {
            app.send(chunkOf(s, T0));
        }
        // Chunk 5 claims a capture time a day ahead (a device clock gone wrong for one chunk); 6.. are right again.
        AudioChunk future = chunkOf(5, T0);
        future.setCaptureStartMicros(future.getCaptureStartMicros().plus(Duration.ofDays(1)));
        app.send(future);
        for (long s = 6; s < 10; s++) {
            app.send(chunkOf(s, T0));
        }
        List<MelFrames> records = app.mel.readValuesToList();
        assertEquals(10, records.size(), "every chunk analysed");
        assertEquals(List.of(MelFramesFlag.DISCONTINUITY), records.get(5).getFlags(), "the jump ahead restarts the timing");
        assertEquals(List.of(MelFramesFlag.DISCONTINUITY), records.get(6).getFlags(), "and so does the jump back");
        assertEquals(T0.plusMillis(600), records.get(6).getFirstFrameCaptureMicros(),
                "after the bad chunk the frames are dated by their own chunks again");
        assertTrue(records.subList(7, 10).stream().allMatch(r -> r.getFlags().isEmpty()));
        assertEquals(1, count(JUMPS, "direction", "forward") - forwardBefore, 0.0);
        assertEquals(1, count(JUMPS, "direction", "backward") - backwardBefore, 0.0);
    }

    @Test
    void aLateChunkIsCounted() {
        double lateBefore = count(DROPPED, "reason", "late");
        for (long s = 0; s < 10; s++) {
            if (s != 3) {
                app.send(chunkOf(s, T0));
            }
        }
        app.send(chunkOf(10, T0)); // the fifth held chunk: 3 is declared lost
        app.send(chunkOf(3, T0));
        assertEquals(1, app.deadLetters.readValuesToList().size(), "LATE");
        assertEquals(1, count(DROPPED, "reason", "late") - lateBefore, 0.0);
    }
}
