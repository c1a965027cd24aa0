package io.cryflow.inference.app;

import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.inference.health.AnalysisHealth;
import io.cryflow.inference.scoring.WindowScorer;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.ShortLivedChangelog;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The inference stage as a topology, a pure function of its {@link InferenceConfig} and its models:
 * <pre>
 *   cryflow.features.mel ────────┐
 *                                ├─▶ room-inference ─▶ cryflow.events.cry          (CRY_STARTED/UPDATED/ENDED)
 *   cryflow.features.candidates ─┘     │             └▶ cryflow.status.microphones  (OFFLINE / ONLINE,
 *                                      │                 ANALYSIS_STALLED / FAILED / RESUMED / PROGRESS)
 *                                      ▼
 *       inference-microphone-windows, inference-microphone-frames, inference-microphone-liveness,
 *       inference-room-episodes (persistent, changelogged; the frames changelog keeps tombstones 5 min, not a day)
 *   bad records ─▶ cryflow.deadletter (via the Streams error handlers)
 * </pre>
 * Both inputs are keyed by room and co-partitioned, so a room's frames and candidates meet in one task.
 */
public final class InferenceTopology {

    private static final String MEL_SOURCE = "mel-frames";
    private static final String CANDIDATE_SOURCE = "cry-candidates";
    private static final String PROCESSOR = "room-inference";

    /**
     * Topic settings of the frames store's changelog ({@link ShortLivedChangelog}). Each frame block is deleted about
     * 2 s after it is written (one per mel record: 1 000 a second at 500 rooms), so that log is mostly tombstones,
     * and Kafka's default keeps a tombstone a day: about 86 million of them at 500 rooms, which every cleaning pass
     * copies again and every instance restoring the store without local state reads.
     */
    static final Map<String, String> FRAMES_CHANGELOG_CONFIG = ShortLivedChangelog.CONFIG;

    private InferenceTopology() {}

    /**
     * @param scorer the models, shared by every task of the instance (sessions are created once and reused)
     * @param health where the processors report analysis alarms and scoring failures, for the instance's /health
     */
    public static Topology build(InferenceConfig config, WindowScorer scorer, EpisodeSettings baseSettings,
            AnalysisHealth health) {
        Topology topology = new Topology();
        topology.addSource(MEL_SOURCE, Topics.keySerde().deserializer(), AvroSerdes.melFrames().deserializer(), config.melTopic());
        topology.addSource(CANDIDATE_SOURCE, Topics.keySerde().deserializer(), AvroSerdes.cryCandidate().deserializer(),
                config.candidatesTopic());
        topology.addProcessor(PROCESSOR, () -> new RoomInferenceProcessor(config, scorer, baseSettings, health), MEL_SOURCE, CANDIDATE_SOURCE);
        for (String store : new String[] {RoomInferenceProcessor.WINDOWS_STORE, RoomInferenceProcessor.FRAMES_STORE,
                RoomInferenceProcessor.LIVENESS_STORE, RoomInferenceProcessor.EPISODES_STORE}) {
            StoreBuilder<KeyValueStore<String, byte[]>> builder = Stores.keyValueStoreBuilder(
                    Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.ByteArray());
            if (store.equals(RoomInferenceProcessor.FRAMES_STORE)) {
                builder.withLoggingEnabled(FRAMES_CHANGELOG_CONFIG);
            }
            topology.addStateStore(builder, PROCESSOR);
        }
        topology.addSink(RoomInferenceProcessor.EVENTS_OUTPUT, config.eventsTopic(), Topics.keySerde().serializer(),
                AvroSerdes.cryEvent().serializer(), PROCESSOR);
        topology.addSink(RoomInferenceProcessor.STATUS_OUTPUT, config.statusTopic(), Topics.keySerde().serializer(),
                AvroSerdes.microphoneStatus().serializer(), PROCESSOR);
        return topology;
    }

    /** The topology with the episode settings the models' thresholds and the configuration give. */
    public static Topology build(InferenceConfig config, WindowScorer scorer, float causeUncertainBelow,
            AnalysisHealth health) {
        return build(config, scorer, config.episodeSettings(scorer.detectorThreshold(), causeUncertainBelow), health);
    }

    /** As above, for runs nobody asks the health of (replays, measurements). */
    public static Topology build(InferenceConfig config, WindowScorer scorer, float causeUncertainBelow) {
        return build(config, scorer, causeUncertainBelow, new AnalysisHealth(config.offlineAfter().toMillis()));
    }
}
