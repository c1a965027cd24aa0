package io.cryflow.features;

import static io.cryflow.features.FeaturesDriver.T0;
import static io.cryflow.features.FeaturesDriver.chunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.CandidateType;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.Float32le;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MelFramesFlag;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The features topology on well-behaved audio: features, candidates, restarts and state size. */
class FeaturesTopologyTest {

    static final String ROOM = "nicu-3";
    static final String MIC = "mic-a";
    static final FeatureConfig DSP = FeatureConfig.DEFAULT;

    @TempDir
    Path stateDir;
    FeaturesDriver app;

    @BeforeEach
    void start() {
        app = new FeaturesDriver(FeaturesConfig.defaults(), stateDir);
    }

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void streamedFeaturesEqualTheExtractorRunDirectlyWhateverTheChunking() {
        short[] audio = TestAudio.roomWithBurst(3.0, 1.0, 2.0, 7);
        List<AudioChunk> chunks = chunk(ROOM, MIC, audio, 1600, 37, 4000, 160, 999, 1);
        app.send(chunks);

        List<MelFrames> records = app.mel.readValuesToList();
        assertEquals(chunks.size(), records.size(), "one MelFrames per chunk");
        assertArrayEquals(directFrames(audio), concatenated(records), "streamed frames are exactly the direct extractor's");
        long expectedIndex = 0;
        for (int i = 0; i < records.size(); i++) {
            MelFrames record = records.get(i);
            assertEquals(expectedIndex, record.getFirstFrameIndex(), "frame indices continue without gaps");
            assertEquals(i == 0 ? List.of(MelFramesFlag.STREAM_START) : List.of(), record.getFlags());
            assertEquals(DSP.id(), record.getDspConfigId());
            assertEquals(10_000L, record.getHopMicros());
            assertEquals(64, record.getMelBands());
            assertEquals(T0.plus(record.getFirstFrameIndex() * 10_000L, ChronoUnit.MICROS), record.getFirstFrameCaptureMicros(),
                    "frame f starts at sample 160 f of the stream");
            expectedIndex += record.getFrameCount();
        }
        List<MicrophoneStatus> statuses = app.status.readValuesToList();
        assertEquals(1, statuses.size());
        assertEquals(MicrophoneState.MICROPHONE_ONLINE, statuses.get(0).getStatus());
        assertEquals(T0, statuses.get(0).getSinceMicros());
    }

    @Test
    void aRealCryClipStreamsToTheSameFeaturesAsTheDirectExtractor() throws Exception {
        Path clip = TestAudio.sharedData().resolve("baby_cry_detection/crying_baby/esc50_1-187207-A.wav");
        short[] audio = TestAudio.readWav(clip, TestAudio.RATE);
        app.send(chunk(ROOM, MIC, audio, 1600));

        List<MelFrames> records = app.mel.readValuesToList();
        float[] streamed = concatenated(records);
        assertEquals((audio.length - 512) / 160 + 1, streamed.length / 64, "every complete frame of the clip");
        assertArrayEquals(directFrames(audio), streamed);
    }

    @Test
    void aLoudBurstInAQuietRoomBecomesOneCandidateWithCaptureTimes() {
        short[] audio = TestAudio.roomWithBurst(14.0, 6.0, 8.0, 11);
        app.send(chunk(ROOM, MIC, audio, 1600));

        List<CryCandidate> candidates = app.candidates.readValuesToList();
        assertEquals(2, candidates.size(), candidates.toString());
        CryCandidate start = candidates.get(0);
        CryCandidate end = candidates.get(1);
        assertEquals(CandidateType.START, start.getType());
        assertEquals(CandidateType.END, end.getType());
        double opened = seconds(start.getCaptureMicros());
        double closed = seconds(end.getCaptureMicros());
        assertTrue(opened > 5.6 && opened < 6.3, "opens at the burst, at " + opened + " s");
        assertTrue(closed > 8.0 && closed < 11.0, "closes after the burst and the hang-over, at " + closed + " s");
        assertEquals(start.getCaptureMicros(), start.getGateOpenedMicros());
        assertEquals(start.getCaptureMicros(), end.getGateOpenedMicros(), "END names the START it closes");
        assertTrue(start.getEnergyDbfs() > start.getThresholdDbfs(), start.toString());
        assertTrue(end.getEnergyDbfs() <= end.getThresholdDbfs(), end.toString());
        assertEquals(0f, start.getSensitivity());
        assertEquals(ROOM, start.getRoomId());
        assertEquals(MIC, start.getMicrophoneId());
    }

    @Test
    void aRoomsSensitivityComesFromItsOwnSetting() {
        app.close();
        app = new FeaturesDriver(FeaturesConfig.builder().roomSensitivityDb(ROOM, 3.0).build(), stateDir);
        app.send(chunk(ROOM, MIC, TestAudio.roomWithBurst(9.0, 6.0, 7.0, 5), 1600));
        List<CryCandidate> candidates = app.candidates.readValuesToList();
        assertTrue(!candidates.isEmpty());
        assertEquals(3f, candidates.get(0).getSensitivity());
    }

    @Test
    void aRestartedTopologyContinuesFromItsStoresWithoutAGlitch(@TempDir Path otherStateDir) {
        short[] audio = TestAudio.roomWithBurst(12.0, 5.0, 7.0, 3);
        List<AudioChunk> chunks = chunk(ROOM, MIC, audio, 1600, 1234);
        List<AudioChunk> reference = new ArrayList<>(chunks);
        // Out of order just before the cut, so a held chunk must survive the restart too.
        int cut = 40;
        AudioChunk held = chunks.remove(cut - 1);
        chunks.add(cut, held);

        app.send(chunks.subList(0, cut));
        List<MelFrames> mel = new ArrayList<>(app.mel.readValuesToList());
        List<CryCandidate> candidates = new ArrayList<>(app.candidates.readValuesToList());
        List<KeyValue<String, Object>> stores = app.storeContents();
        assertTrue(stores.stream().anyMatch(e -> e.key.startsWith(MicrophoneProcessor.PENDING_STORE)), "a chunk is held at the cut");
        app.close();

        app = new FeaturesDriver(FeaturesConfig.defaults(), otherStateDir);
        app.restore(stores);
        app.send(chunks.subList(cut, chunks.size()));
        mel.addAll(app.mel.readValuesToList());
        candidates.addAll(app.candidates.readValuesToList());

        try (FeaturesDriver uninterrupted = new FeaturesDriver(FeaturesConfig.defaults(), stateDir.resolve("uninterrupted"))) {
            uninterrupted.send(reference);
            assertEquals(uninterrupted.mel.readValuesToList(), mel, "the same records as a run without the restart");
            List<CryCandidate> expected = uninterrupted.candidates.readValuesToList();
            assertEquals(2, expected.size());
            assertEquals(expected, candidates);
        }
    }

    @Test
    void eachMicrophoneOfARoomIsItsOwnStream() {
        short[] a = TestAudio.roomWithBurst(2.0, 0.5, 1.0, 1);
        short[] b = TestAudio.roomWithBurst(2.0, 1.0, 1.5, 2);
        List<AudioChunk> chunksA = chunk(ROOM, "mic-a", a, 1600);
        List<AudioChunk> chunksB = chunk(ROOM, "mic-b", b, 800);
        for (int i = 0; i < Math.max(chunksA.size(), chunksB.size()); i++) {
            if (i < chunksA.size()) {
                app.send(chunksA.get(i));
            }
            if (i < chunksB.size()) {
                app.send(chunksB.get(i));
            }
        }
        List<MelFrames> records = app.mel.readValuesToList();
        assertArrayEquals(directFrames(a), concatenated(records.stream().filter(r -> r.getMicrophoneId().equals("mic-a")).toList()));
        assertArrayEquals(directFrames(b), concatenated(records.stream().filter(r -> r.getMicrophoneId().equals("mic-b")).toList()));
    }

    @Test
    void aMicrophoneThatRestartsItsCounterStartsANewStream() {
        short[] audio = TestAudio.roomWithBurst(2.0, 0.5, 1.0, 9);
        app.send(chunk(ROOM, MIC, audio, 1600));
        app.mel.readValuesToList();
        app.status.readValuesToList();

        // The device rebooted: sequence numbers start again at 0, capture time moves on.
        AudioChunk restarted = chunk(ROOM, MIC, 0, audio.length + 5 * 16_000, Arrays.copyOf(audio, 1600));
        app.send(restarted);

        MelFrames first = app.mel.readValue();
        assertEquals(List.of(MelFramesFlag.STREAM_START), first.getFlags());
        assertEquals(0L, first.getFirstFrameIndex());
        assertEquals(MicrophoneState.MICROPHONE_ONLINE, app.status.readValue().getStatus());
        assertTrue(app.deadLetters.isEmpty());
    }

    @Test
    void heldRawAudioHasAShortLivedChangelog() {
        var store = FeaturesTopology.pendingChunksStore();
        assertTrue(store.loggingEnabled());
        assertEquals("60000", store.logConfig().get(TopicConfig.SEGMENT_MS_CONFIG), "segments close every minute");
        assertEquals("600000", store.logConfig().get(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG),
                "deleted audio is compacted away within 10 minutes, well inside the hour");
        assertEquals("300000", store.logConfig().get(TopicConfig.DELETE_RETENTION_MS_CONFIG));
    }

    @Test
    void aMicrophonesStateStaysAFewKilobytes() {
        app.send(chunk(ROOM, MIC, TestAudio.roomWithBurst(20.0, 5.0, 7.0, 4), 1600));
        byte[] state = app.microphoneState(ROOM, MIC);
        assertNotNull(state);
        // Measured: extractor snapshot + gate snapshot + bookkeeping (the number is printed for the record).
        MicrophoneStreamState read = MicrophoneStreamState.fromBytes(state);
        System.out.println("microphone state: " + state.length + " bytes (extractor " + read.extractorSnapshot.length
                + ", gate " + read.gateSnapshot.length + ")");
        assertTrue(state.length < 6_000, "state is " + state.length + " bytes");
        assertEquals(state.length, read.toBytes().length);
        assertTrue(app.driver.<String, Object>getKeyValueStore(MicrophoneProcessor.PENDING_STORE).approximateNumEntries() == 0,
                "nothing held once the stream is in order");
    }

    static float[] directFrames(short[] audio) {
        float[] samples = new float[audio.length];
        for (int i = 0; i < audio.length; i++) {
            samples[i] = audio[i] / 32768f;
        }
        return directFrames(samples);
    }

    static float[] directFrames(float[] samples) {
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(DSP);
        List<float[]> frames = new ArrayList<>();
        extractor.accept(samples, (index, logMel, energy) -> frames.add(logMel.clone()));
        float[] all = new float[frames.size() * DSP.melCount()];
        for (int f = 0; f < frames.size(); f++) {
            System.arraycopy(frames.get(f), 0, all, f * DSP.melCount(), DSP.melCount());
        }
        return all;
    }

    static float[] concatenated(List<MelFrames> records) {
        int total = records.stream().mapToInt(r -> r.getFrameCount() * r.getMelBands()).sum();
        float[] all = new float[total];
        int at = 0;
        for (MelFrames record : records) {
            at += Float32le.toFloats(record.getLogMel(), all, at);
        }
        return all;
    }

    static double seconds(Instant capture) {
        return ChronoUnit.MICROS.between(T0, capture) / 1e6;
    }
}
