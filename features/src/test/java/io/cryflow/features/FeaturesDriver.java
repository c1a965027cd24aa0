package io.cryflow.features;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.AvroClassTrust;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MicrophoneStatus;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.StreamsProperties;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The features topology in a TopologyTestDriver, with typed topics and chunk helpers. */
final class FeaturesDriver implements AutoCloseable {

    static {
        AvroClassTrust.install(); // tests build chunks before touching a serde
    }

    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

    final FeaturesConfig config;
    final TopologyTestDriver driver;
    final TestInputTopic<String, AudioChunk> audio;
    final TestInputTopic<String, byte[]> rawAudio;
    final TestOutputTopic<String, MelFrames> mel;
    final TestOutputTopic<String, CryCandidate> candidates;
    final TestOutputTopic<String, MicrophoneStatus> status;
    final TestOutputTopic<byte[], DeadLetter> deadLetters;

    FeaturesDriver(FeaturesConfig config, Path stateDir) {
        this.config = config;
        Properties props = StreamsProperties.forApplication(FeaturesConfig.APPLICATION_ID)
                .bootstrapServers("unused:9092").stateDir(stateDir.toString()).build();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        driver = new TopologyTestDriver(FeaturesTopology.build(config), props);
        audio = driver.createInputTopic(config.inputTopic(), new StringSerializer(), AvroSerdes.audioChunk().serializer());
        rawAudio = driver.createInputTopic(config.inputTopic(), new StringSerializer(), new ByteArraySerializer());
        mel = driver.createOutputTopic(config.melTopic(), Serdes.String().deserializer(), AvroSerdes.melFrames().deserializer());
        candidates = driver.createOutputTopic(config.candidatesTopic(), Serdes.String().deserializer(), AvroSerdes.cryCandidate().deserializer());
        status = driver.createOutputTopic(config.statusTopic(), Serdes.String().deserializer(), AvroSerdes.microphoneStatus().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS, Serdes.ByteArray().deserializer(), AvroSerdes.deadLetter().deserializer());
    }

    /** Chunks of {@code sizes} samples (cycling through them) cut from {@code samples} in order, with consecutive sequence numbers from 0. */
    static List<AudioChunk> chunk(String room, String microphone, short[] samples, int... sizes) {
        List<AudioChunk> chunks = new ArrayList<>();
        int offset = 0;
        for (int i = 0; offset < samples.length; i++) {
            int size = Math.min(sizes[i % sizes.length], samples.length - offset);
            chunks.add(chunk(room, microphone, i, offset, Arrays.copyOfRange(samples, offset, offset + size)));
            offset += size;
        }
        return chunks;
    }

    /** A chunk whose first sample is sample {@code sampleOffset} of a stream starting at {@link #T0}. */
    static AudioChunk chunk(String room, String microphone, long sequence, long sampleOffset, short[] samples) {
        return AudioChunk.newBuilder()
                .setRoomId(room)
                .setMicrophoneId(microphone)
                .setSequenceNumber(sequence)
                .setCaptureStartMicros(T0.plusNanos(sampleOffset * 1_000_000_000L / TestAudio.RATE))
                .setSampleRate(TestAudio.RATE)
                .setSamples(PcmS16le.fromShorts(samples))
                .build();
    }

    void send(AudioChunk chunk) {
        audio.pipeInput(chunk.getRoomId(), chunk);
    }

    void send(List<AudioChunk> chunks) {
        chunks.forEach(this::send);
    }

    /** Every entry of both state stores, as a changelog would restore them. */
    List<KeyValue<String, Object>> storeContents() {
        List<KeyValue<String, Object>> entries = new ArrayList<>();
        for (String name : List.of(MicrophoneProcessor.STATE_STORE, MicrophoneProcessor.PENDING_STORE)) {
            KeyValueStore<String, Object> store = driver.getKeyValueStore(name);
            try (KeyValueIterator<String, Object> all = store.all()) {
                all.forEachRemaining(entry -> entries.add(KeyValue.pair(name + "|" + entry.key, entry.value)));
            }
        }
        return entries;
    }

    /** Loads entries taken with {@link #storeContents()} into this driver's stores. */
    void restore(List<KeyValue<String, Object>> entries) {
        for (KeyValue<String, Object> entry : entries) {
            int bar = entry.key.indexOf('|');
            KeyValueStore<String, Object> store = driver.getKeyValueStore(entry.key.substring(0, bar));
            store.put(entry.key.substring(bar + 1), entry.value);
        }
    }

    byte[] microphoneState(String room, String microphone) {
        KeyValueStore<String, byte[]> store = driver.getKeyValueStore(MicrophoneProcessor.STATE_STORE);
        return store.get(StoreKeys.microphone(room, microphone));
    }

    @Override
    public void close() {
        driver.close();
    }
}
