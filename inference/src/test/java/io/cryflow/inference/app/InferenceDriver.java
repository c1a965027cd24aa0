package io.cryflow.inference.app;

import io.cryflow.inference.health.AnalysisHealth;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.OnnxCauseClassifier;
import io.cryflow.inference.model.OnnxCryDetector;
import io.cryflow.inference.scoring.WindowScorer;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.StreamsProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The inference topology with the real bundled models in a TopologyTestDriver. Feeds the features stage's
 * per-chunk outputs, advancing the driver's wall clock with the chunks' production times.
 */
final class InferenceDriver implements AutoCloseable {

    /**
     * Shared by every driver of a test run: sessions are expensive and thread-safe. The bundled models, unless a
     * measurement names others ({@code -Dcryflow.inference.model.detector.path=...}, see {@link MeasurementSettings}).
     */
    private static final Properties MODEL_OVERRIDES = MeasurementSettings.inferenceOverrides();
    static final OnnxCryDetector DETECTOR = BundledModels.cryDetector(MODEL_OVERRIDES);
    static final OnnxCauseClassifier CLASSIFIER = BundledModels.causeClassifier(MODEL_OVERRIDES);
    static final WindowScorer SCORER = new WindowScorer(DETECTOR, CLASSIFIER);

    static final List<String> STORES = List.of(RoomInferenceProcessor.WINDOWS_STORE, RoomInferenceProcessor.FRAMES_STORE,
            RoomInferenceProcessor.LIVENESS_STORE,
            RoomInferenceProcessor.EPISODES_STORE);

    final InferenceConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<String, MelFrames> mel;
    final TestInputTopic<String, CryCandidate> candidates;
    final TestInputTopic<String, byte[]> rawMel;
    final TestOutputTopic<String, CryEvent> events;
    final TestOutputTopic<String, MicrophoneStatus> status;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;
    private long wallMillis;

    InferenceDriver(Properties settings, Path stateDir, Instant wallClockStart) {
        this(settings, stateDir, wallClockStart, SCORER, null);
    }

    /** @param health where the processors report analysis alarms; null for a fresh one */
    InferenceDriver(Properties settings, Path stateDir, Instant wallClockStart, WindowScorer scorer, AnalysisHealth health) {
        Properties props = StreamsProperties.forApplication(InferenceConfig.APPLICATION_ID)
                .bootstrapServers("unused:9092").stateDir(stateDir.toString()).overrides(settings).build();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        config = InferenceConfig.fromProperties(props);
        driver = new TopologyTestDriver(health == null ? InferenceTopology.build(config, scorer, CLASSIFIER.uncertainBelow())
                : InferenceTopology.build(config, scorer, CLASSIFIER.uncertainBelow(), health), props, wallClockStart);
        wallMillis = wallClockStart.toEpochMilli();
        mel = driver.createInputTopic(config.melTopic(), new StringSerializer(), AvroSerdes.melFrames().serializer());
        rawMel = driver.createInputTopic(config.melTopic(), new StringSerializer(), new ByteArraySerializer());
        candidates = driver.createInputTopic(config.candidatesTopic(), new StringSerializer(), AvroSerdes.cryCandidate().serializer());
        events = driver.createOutputTopic(config.eventsTopic(), Serdes.String().deserializer(), AvroSerdes.cryEvent().deserializer());
        status = driver.createOutputTopic(config.statusTopic(), Serdes.String().deserializer(), AvroSerdes.microphoneStatus().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.ByteArray().deserializer(), AvroSerdes.deadLetter().deserializer());
    }

    InferenceDriver(Path stateDir) {
        this(new Properties(), stateDir, FeaturesRun.T0);
    }

    /** Delivers chunks in order: each chunk's mel frames, then its candidates (the later of the two topics). */
    List<CryEvent> feed(List<FeaturesRun.Chunk> chunks) {
        return feed(chunks, 0);
    }

    /**
     * Delivers chunks with each chunk's candidates held back until after the mel frames of {@code candidateDelay}
     * later chunks: the cross-topic reordering a consumer may see.
     */
    List<CryEvent> feed(List<FeaturesRun.Chunk> chunks, int candidateDelay) {
        List<CryEvent> out = new ArrayList<>();
        for (int i = 0; i < chunks.size() + candidateDelay; i++) {
            if (i < chunks.size()) {
                FeaturesRun.Chunk chunk = chunks.get(i);
                advanceWallClockTo(chunk.wallMillis());
                for (MelFrames frames : chunk.mel()) {
                    mel.pipeInput(frames.getRoomId(), frames, chunk.wallMillis());
                }
            }
            int late = i - candidateDelay;
            if (late >= 0 && late < chunks.size()) {
                for (CryCandidate candidate : chunks.get(late).candidates()) {
                    candidates.pipeInput(candidate.getRoomId(), candidate, chunks.get(late).wallMillis());
                }
            }
            out.addAll(events.readValuesToList());
        }
        return out;
    }

    /** The status records published since the last read, without the periodic ANALYSIS_PROGRESS reports. */
    List<MicrophoneStatus> statusChanges() {
        return status.readValuesToList().stream().filter(s -> s.getStatus() != MicrophoneState.ANALYSIS_PROGRESS).toList();
    }

    /** Lets wall-clock time pass (punctuations run) without any input. */
    void advanceWallClock(Duration duration) {
        long target = wallMillis + duration.toMillis();
        while (wallMillis < target) {
            long step = Math.min(500, target - wallMillis);
            driver.advanceWallClockTime(Duration.ofMillis(step));
            wallMillis += step;
        }
    }

    private void advanceWallClockTo(long millis) {
        if (millis > wallMillis) {
            advanceWallClock(Duration.ofMillis(millis - wallMillis));
        }
    }

    /** Every entry of the stores: what a changelog would restore on another instance. */
    Map<String, Map<String, byte[]>> storeContents() {
        Map<String, Map<String, byte[]>> contents = new TreeMap<>();
        for (String name : STORES) {
            Map<String, byte[]> entries = new TreeMap<>();
            KeyValueStore<String, byte[]> store = driver.getKeyValueStore(name);
            try (KeyValueIterator<String, byte[]> all = store.all()) {
                all.forEachRemaining(entry -> entries.put(entry.key, entry.value));
            }
            contents.put(name, entries);
        }
        return contents;
    }

    /** Loads entries taken with {@link #storeContents()}, as a changelog restore would. */
    void restore(Map<String, Map<String, byte[]>> contents) {
        contents.forEach((name, entries) -> {
            KeyValueStore<String, byte[]> store = driver.getKeyValueStore(name);
            entries.forEach(store::put);
        });
    }

    /**
     * What the stores' changelogs received since the last call, per store: the bytes a broker (and RocksDB) had to
     * take for the state. Reads the driver's captured changelog topics, so each write is counted once.
     */
    Map<String, StateWrites> takeStateWrites() {
        Map<String, StateWrites> writes = new TreeMap<>();
        for (String topic : driver.producedTopicNames()) {
            String prefix = InferenceConfig.APPLICATION_ID + "-";
            if (!topic.startsWith(prefix) || !topic.endsWith("-changelog")) {
                continue;
            }
            String store = topic.substring(prefix.length(), topic.length() - "-changelog".length());
            TestOutputTopic<byte[], byte[]> changelog = driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer());
            StateWrites total = StateWrites.NONE;
            for (var record : changelog.readRecordsToList()) {
                total = total.plus(record.key(), record.value());
            }
            writes.put(store, total);
        }
        return writes;
    }

    /** Changelog records of one store: how many, their key and value bytes, the largest value, the tombstones. */
    record StateWrites(int records, long keyBytes, long valueBytes, int largestValue, int tombstones) {
        static final StateWrites NONE = new StateWrites(0, 0, 0, 0, 0);

        StateWrites plus(byte[] key, byte[] value) {
            int size = value == null ? 0 : value.length;
            return new StateWrites(records + 1, keyBytes + key.length, valueBytes + size, Math.max(largestValue, size),
                    tombstones + (value == null ? 1 : 0));
        }

        long bytes() {
            return keyBytes + valueBytes;
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
