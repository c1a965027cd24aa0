package io.cryflow.features;

import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.ShortLivedChangelog;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The features stage as a topology, a pure function of its {@link FeaturesConfig}:
 * <pre>
 *   audio chunks ──▶ microphone processor ──▶ mel frames
 *                      │ state, pending      ├─▶ cry candidates
 *                      ▼                     └─▶ microphone status
 *                 (changelogged stores)   bad chunks ─▶ dead letters (via the Streams error handlers)
 * </pre>
 * Chunks are keyed by room, so one room's microphones share a partition and a task; the processor
 * keeps per-(room, microphone) state. Both stores are persistent and changelogged, so a restarted or
 * moved task continues each microphone exactly where it stopped; the held chunks' changelog is short-lived.
 */
public final class FeaturesTopology {

    private static final String SOURCE = "audio-chunks";
    private static final String PROCESSOR = "microphone-processor";

    private FeaturesTopology() {}

    /**
     * Held chunks are raw audio, written once and deleted within seconds: their changelog is a
     * {@link ShortLivedChangelog}, so deleted audio leaves the broker within minutes, not the days Kafka's
     * compaction defaults allow, and never outlives the hour promised for recordings.
     */
    static StoreBuilder<KeyValueStore<String, AudioChunk>> pendingChunksStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MicrophoneProcessor.PENDING_STORE), Serdes.String(),
                AvroSerdes.audioChunk()).withLoggingEnabled(ShortLivedChangelog.CONFIG);
    }

    public static Topology build(FeaturesConfig config) {
        // The dBFS calibration runs a reference tone through the extractor once; every room shares it.
        DbfsCalibration calibration = DbfsCalibration.of(config.featureConfig());
        Topology topology = new Topology();
        topology.addSource(SOURCE, Topics.keySerde().deserializer(), AvroSerdes.audioChunk().deserializer(), config.inputTopic());
        topology.addProcessor(PROCESSOR, () -> new MicrophoneProcessor(config, calibration), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(MicrophoneProcessor.STATE_STORE), Serdes.String(), Serdes.ByteArray()), PROCESSOR);
        topology.addStateStore(pendingChunksStore(), PROCESSOR);
        topology.addSink(MicrophoneProcessor.MEL_OUTPUT, config.melTopic(),
                Topics.keySerde().serializer(), AvroSerdes.melFrames().serializer(), PROCESSOR);
        topology.addSink(MicrophoneProcessor.CANDIDATE_OUTPUT, config.candidatesTopic(),
                Topics.keySerde().serializer(), AvroSerdes.cryCandidate().serializer(), PROCESSOR);
        topology.addSink(MicrophoneProcessor.STATUS_OUTPUT, config.statusTopic(),
                Topics.keySerde().serializer(), AvroSerdes.microphoneStatus().serializer(), PROCESSOR);
        return topology;
    }
}
