package io.cryflow.inference.app;

import io.cryflow.features.FeaturesConfig;
import io.cryflow.features.FeaturesTopology;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.StreamsProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * What the real features stage publishes for some audio, chunk by chunk: runs {@link FeaturesTopology} in a
 * TopologyTestDriver over 0.5 s chunks and keeps, per chunk, the mel frames and gate candidates it produced, so
 * a test can deliver them to the inference stage in any cross-topic order.
 */
final class FeaturesRun {

    static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
    static final int CHUNK_SAMPLES = 8000;

    /** One chunk's outputs; {@code wallMillis} is when it was produced (its record timestamp). */
    record Chunk(long wallMillis, List<MelFrames> mel, List<CryCandidate> candidates) {}

    private FeaturesRun() {}

    /** Removes a temporary state directory (best effort: a leftover file is harmless). */
    static void deleteRecursively(Path dir) {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException ignored) {
            // nothing to clean, or already gone
        }
    }

    static long t0Micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, T0);
    }

    /** The features of {@code audio} from microphone {@code mic-1} of {@code room}, starting at {@link #T0}. */
    static List<Chunk> of(String room, float[] audio) {
        return of(room, "mic-1", audio, 0, T0);
    }

    static List<Chunk> of(String room, String microphone, float[] audio, long firstSequence, Instant start) {
        Path stateDir;
        try {
            stateDir = Files.createTempDirectory("features-run");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Properties props = StreamsProperties.forApplication(FeaturesConfig.APPLICATION_ID)
                .bootstrapServers("unused:9092").stateDir(stateDir.toString()).build();
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        FeaturesConfig config = FeaturesConfig.defaults();
        List<Chunk> chunks = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(FeaturesTopology.build(config), props, start)) {
            TestInputTopic<String, AudioChunk> in = driver.createInputTopic(config.inputTopic(), new StringSerializer(),
                    AvroSerdes.audioChunk().serializer());
            TestOutputTopic<String, MelFrames> mel = driver.createOutputTopic(config.melTopic(),
                    Serdes.String().deserializer(), AvroSerdes.melFrames().deserializer());
            TestOutputTopic<String, CryCandidate> candidates = driver.createOutputTopic(config.candidatesTopic(),
                    Serdes.String().deserializer(), AvroSerdes.cryCandidate().deserializer());
            long sequence = firstSequence;
            for (int at = 0; at + CHUNK_SAMPLES <= audio.length; at += CHUNK_SAMPLES) {
                float[] samples = java.util.Arrays.copyOfRange(audio, at, at + CHUNK_SAMPLES);
                Instant capture = start.plus(at * 1_000_000L / TestScenes.RATE, ChronoUnit.MICROS);
                AudioChunk chunk = AudioChunk.newBuilder()
                        .setRoomId(room)
                        .setMicrophoneId(microphone)
                        .setSequenceNumber(sequence++)
                        .setCaptureStartMicros(capture)
                        .setSampleRate(TestScenes.RATE)
                        .setChannels(1)
                        .setSamples(PcmS16le.fromFloats(samples))
                        .build();
                long wall = capture.toEpochMilli() + CHUNK_SAMPLES * 1000L / TestScenes.RATE; // published once complete
                in.pipeInput(room, chunk, wall);
                chunks.add(new Chunk(wall, mel.readValuesToList(), candidates.readValuesToList()));
            }
        } finally {
            deleteRecursively(stateDir);
        }
        return chunks;
    }
}
