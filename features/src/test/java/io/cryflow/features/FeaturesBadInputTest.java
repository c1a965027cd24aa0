package io.cryflow.features;

import static io.cryflow.features.FeaturesDriver.chunk;
import static io.cryflow.features.FeaturesTopologyTest.MIC;
import static io.cryflow.features.FeaturesTopologyTest.ROOM;
import static io.cryflow.features.FeaturesTopologyTest.concatenated;
import static io.cryflow.features.FeaturesTopologyTest.directFrames;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MelFramesFlag;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import io.cryflow.schemas.PcmF32le;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.SampleEncoding;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lost, repeated, reordered, late, malformed and unhealthy audio: handled, flagged or dead-lettered; good audio never lost. */
class FeaturesBadInputTest {

    @TempDir
    Path stateDir;
    FeaturesDriver app;
    final short[] audio = TestAudio.roomWithBurst(3.0, 1.0, 2.0, 21);
    /** 30 chunks of 100 ms. */
    final List<AudioChunk> chunks = chunk(ROOM, MIC, audio, 1600);

    @BeforeEach
    void start() {
        app = new FeaturesDriver(FeaturesConfig.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void duplicateChunksAreDroppedAndNothingIsEmittedTwice() {
        for (AudioChunk chunk : chunks) {
            app.send(chunk);
            if (chunk.getSequenceNumber() % 3 == 0) {
                app.send(chunk);
            }
        }
        app.send(chunks.get(25)); // a stale repeat long after

        List<MelFrames> records = app.mel.readValuesToList();
        assertEquals(chunks.size(), records.size());
        assertArrayEquals(directFrames(audio), concatenated(records));
        assertTrue(app.deadLetters.isEmpty());
        assertEquals(11, MicrophoneStreamState.fromBytes(app.microphoneState(ROOM, MIC)).duplicates, "duplicates are counted");
    }

    @Test
    void outOfOrderChunksWithinTheReorderBufferComeOutInOrder() {
        List<AudioChunk> shuffled = new ArrayList<>(chunks);
        swap(shuffled, 3, 4);
        swap(shuffled, 10, 14); // 4 chunks early: the buffer's full size
        swap(shuffled, 20, 21);
        app.send(shuffled);
        app.send(shuffled.get(14)); // and a repeat of chunk 10

        List<MelFrames> records = app.mel.readValuesToList();
        assertEquals(chunks.size(), records.size());
        assertArrayEquals(directFrames(audio), concatenated(records), "identical to in-order delivery");
        assertTrue(records.stream().skip(1).allMatch(r -> r.getFlags().isEmpty()), "no discontinuity");
        assertTrue(app.deadLetters.isEmpty());
    }

    @Test
    void lostChunksAreDeclaredOnceTheBufferIsFullAndFlaggedAsDiscontinuity() {
        List<AudioChunk> withGap = new ArrayList<>(chunks);
        withGap.remove(12);
        withGap.remove(12); // chunks 12 and 13 never arrive
        app.send(withGap.subList(0, 12 + 4)); // 0..11, then 14..17 held

        assertEquals(12, app.mel.readValuesToList().size(), "held, waiting for 12");
        app.send(withGap.get(16)); // chunk 18: the fifth held one, more than the buffer allows
        List<MelFrames> resumed = app.mel.readValuesToList();
        assertEquals(5, resumed.size(), "14..18 released at once");
        assertEquals(List.of(MelFramesFlag.DISCONTINUITY), resumed.get(0).getFlags());
        app.send(withGap.subList(17, withGap.size()));
        resumed.addAll(app.mel.readValuesToList());

        // After the gap the extractor starts from rest on chunk 14's audio.
        short[] afterGap = Arrays.copyOfRange(audio, 14 * 1600, audio.length);
        assertArrayEquals(directFrames(afterGap), concatenated(resumed));
        long next = resumed.get(0).getFirstFrameIndex();
        for (MelFrames record : resumed) {
            assertEquals(next, record.getFirstFrameIndex(), "frame indices continue across the discontinuity");
            next += record.getFrameCount();
        }
        assertEquals(FeaturesDriver.T0.plusMillis(1400), resumed.get(0).getFirstFrameCaptureMicros(),
                "the first frame after the gap starts at chunk 14's first sample");

        // Chunk 12 turns up after all: too late to use, kept as a dead letter instead of vanishing.
        app.send(chunks.get(12));
        DeadLetter late = app.deadLetters.readValue();
        assertEquals(Rejections.LATE, late.getReasonCode());
        assertEquals(Topics.AUDIO_CHUNKS, late.getSourceTopic());
        AudioChunk kept = AvroSerdes.audioChunk().deserializer().deserialize(Topics.AUDIO_CHUNKS, bytes(late.getValue()));
        assertEquals(12L, kept.getSequenceNumber());
        assertTrue(app.mel.isEmpty());
        assertEquals(2, MicrophoneStreamState.fromBytes(app.microphoneState(ROOM, MIC)).lostChunks);
    }

    @Test
    void heldChunksAreReleasedWhenTheMissingOneIsOverdue() {
        app.send(chunks.subList(0, 5));
        app.send(chunks.subList(6, 8)); // chunk 5 lost, then the microphone goes quiet
        assertEquals(5, app.mel.readValuesToList().size());

        app.driver.advanceWallClockTime(Duration.ofMillis(1_000));
        assertTrue(app.mel.isEmpty(), "still waiting within the 2 s default");
        app.driver.advanceWallClockTime(Duration.ofMillis(1_500));

        List<MelFrames> released = app.mel.readValuesToList();
        assertEquals(2, released.size());
        assertEquals(List.of(MelFramesFlag.DISCONTINUITY), released.get(0).getFlags());
        assertEquals(FeaturesDriver.T0.plusMillis(600), released.get(0).getFirstFrameCaptureMicros());
        app.send(chunks.get(5));
        assertEquals(Rejections.LATE, app.deadLetters.readValue().getReasonCode());
        app.send(chunks.get(8));
        assertEquals(1, app.mel.readValuesToList().size(), "the stream goes on in order");
    }

    @Test
    void badChunksAreDeadLetteredAndEveryGoodChunkAroundThemProducesOutput() {
        List<String> expectedReasons = new ArrayList<>();
        int good = 0;
        for (AudioChunk chunk : chunks) {
            long sequence = chunk.getSequenceNumber();
            AudioChunk.Builder bad = AudioChunk.newBuilder(chunk);
            if (sequence == 4) {
                app.send(bad.setSampleRate(44_100).build());
                expectedReasons.add(Rejections.WRONG_SAMPLE_RATE);
            } else if (sequence == 8) {
                ByteBuffer odd = ByteBuffer.wrap(Arrays.copyOf(chunk.getSamples().array(), 3199));
                app.send(bad.setSamples(odd).build());
                expectedReasons.add(Rejections.TRUNCATED_AUDIO);
            } else if (sequence == 12) {
                float[] samples = PcmS16le.toFloats(chunk.getSamples());
                samples[700] = Float.NaN;
                app.send(bad.setEncoding(SampleEncoding.PCM_F32LE).setSamples(PcmF32le.fromFloats(samples)).build());
                expectedReasons.add(Rejections.NON_FINITE_SAMPLES);
            } else if (sequence == 16) {
                float[] samples = PcmS16le.toFloats(chunk.getSamples());
                samples[5] = Float.POSITIVE_INFINITY;
                app.send(bad.setEncoding(SampleEncoding.PCM_F32LE).setSamples(PcmF32le.fromFloats(samples)).build());
                expectedReasons.add(Rejections.NON_FINITE_SAMPLES);
            } else if (sequence == 20) {
                app.send(bad.setChannels(2).build());
                expectedReasons.add(Rejections.UNSUPPORTED_CHANNELS);
            } else if (sequence == 24) {
                app.audio.pipeInput("another-room", chunk);
                expectedReasons.add(Rejections.KEY_MISMATCH);
            } else {
                app.send(chunk);
                good++;
            }
            if (sequence % 5 == 2) {
                // Undecodable records in between: skipped by the deserialization handler.
                app.rawAudio.pipeInput(ROOM, new byte[] {(byte) 0xC3, 0x01, 9, 9});
                app.rawAudio.pipeInput(ROOM, "garbage".getBytes(StandardCharsets.UTF_8));
            }
        }

        List<MelFrames> records = app.mel.readValuesToList();
        assertEquals(good, records.size(), "every good chunk produced its frames");
        assertEquals(expectedReasons, app.deadLetters.readValuesToList().stream().map(DeadLetter::getReasonCode).toList());
        long discontinuities = records.stream().filter(r -> r.getFlags().contains(MelFramesFlag.DISCONTINUITY)).count();
        assertEquals(expectedReasons.size(), discontinuities, "each rejected chunk is lost audio, flagged at once on the next chunk");
        long next = 0;
        for (MelFrames record : records) {
            assertEquals(next, record.getFirstFrameIndex());
            next += record.getFrameCount();
        }
    }

    @Test
    void aWrongSampleRateIsDeadLetteredWithAClearReason() {
        app.send(chunks.get(0));
        app.send(AudioChunk.newBuilder(chunks.get(1)).setSampleRate(8_000).build());
        DeadLetter letter = app.deadLetters.readValue();
        assertEquals(Rejections.WRONG_SAMPLE_RATE, letter.getReasonCode());
        assertTrue(letter.getMessage().contains("8000 Hz, expected 16000 Hz"), letter.getMessage());
        assertEquals(FeaturesConfig.APPLICATION_ID, letter.getStage());
        assertEquals(1L, letter.getSourceOffset());
    }

    @Test
    void float32ChunksGiveTheSameFeaturesAsThePcm16Chunks() {
        for (AudioChunk chunk : chunks) {
            float[] samples = PcmS16le.toFloats(chunk.getSamples());
            app.send(AudioChunk.newBuilder(chunk).setEncoding(SampleEncoding.PCM_F32LE).setSamples(PcmF32le.fromFloats(samples)).build());
        }
        assertArrayEquals(directFrames(audio), concatenated(app.mel.readValuesToList()));
    }

    @Test
    void clippedAudioIsProcessedAndReportedAsClipping() {
        float[] loud = new float[3 * 16_000];
        for (int i = 0; i < loud.length; i++) {
            double t = i / 16_000.0;
            double amplitude = t >= 1.0 && t < 2.0 ? 1.6 : 0.2; // the middle second overdriven
            loud[i] = (float) (amplitude * Math.sin(2 * Math.PI * 440 * t));
        }
        short[] pcm = PcmS16le.toShorts(PcmS16le.fromFloats(loud));
        List<AudioChunk> clipped = chunk(ROOM, MIC, pcm, 1600);
        app.send(clipped);

        assertEquals(clipped.size(), app.mel.readValuesToList().size(), "clipped audio is still analysed");
        List<MicrophoneStatus> statuses = app.status.readValuesToList();
        assertEquals(List.of(MicrophoneState.MICROPHONE_ONLINE, MicrophoneState.CLIPPING, MicrophoneState.MICROPHONE_ONLINE),
                statuses.stream().map(MicrophoneStatus::getStatus).toList());
        assertEquals(FeaturesDriver.T0.plusSeconds(1), statuses.get(1).getSinceMicros());
        assertTrue(statuses.get(1).getDetail().contains("full scale"), statuses.get(1).getDetail());
    }

    @Test
    void aFlatLineLongerThanTheSilenceTimeIsReportedSilentNotQuiet() {
        short[] signal = new short[16 * 16_000];
        short[] noise = TestAudio.roomWithBurst(16.0, 100, 100, 3);
        for (int i = 0; i < signal.length; i++) {
            double t = i / 16_000.0;
            boolean flat = (t >= 1 && t < 4) || (t >= 6 && t < 14); // 3 s: a pause; 8 s: a dead microphone
            signal[i] = flat ? (short) -3 : noise[i]; // a flat line at a small DC offset is as dead as zeros
        }
        app.send(chunk(ROOM, MIC, signal, 1600));

        List<MicrophoneStatus> statuses = app.status.readValuesToList();
        assertEquals(List.of(MicrophoneState.MICROPHONE_ONLINE, MicrophoneState.SILENT, MicrophoneState.MICROPHONE_ONLINE),
                statuses.stream().map(MicrophoneStatus::getStatus).toList(), statuses.toString());
        assertEquals(FeaturesDriver.T0.plusSeconds(6), statuses.get(1).getSinceMicros(), "silent since the flat line began");
        assertEquals(FeaturesDriver.T0.plusSeconds(14), statuses.get(2).getSinceMicros());
        assertEquals(160, app.mel.readValuesToList().size(), "the silent audio is still analysed");
    }

    private static void swap(List<AudioChunk> list, int i, int j) {
        AudioChunk held = list.get(i);
        list.set(i, list.get(j));
        list.set(j, held);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
