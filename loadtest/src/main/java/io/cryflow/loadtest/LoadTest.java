package io.cryflow.loadtest;

import io.cryflow.features.FeaturesConfig;
import io.cryflow.inference.app.InferenceConfig;
import io.cryflow.ingest.IngestOptions;
import io.cryflow.ingest.Pacing;
import io.cryflow.ingest.RoomReport;
import io.cryflow.ingest.RoomSender;
import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.publish.AudioChunkPublisher;
import io.cryflow.ingest.publish.ProducerSettings;
import io.cryflow.ingest.scene.ClipLibrary;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneRooms;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeoutException;

/**
 * Runs a load test against a Kafka cluster: starts the features and inference apps in this JVM, streams
 * {@link LoadTestSpec#rooms()} rooms in real time (scripted cries at known times), observes every output
 * as a downstream consumer would, samples consumer lag, CPU and heap, and returns the {@link LoadReport}.
 */
public final class LoadTest {

    private final LoadTestSpec spec;
    private final ClipLibrary clips;
    private final PrintWriter progress;

    public LoadTest(LoadTestSpec spec, ClipLibrary clips, PrintWriter progress) {
        this.spec = spec;
        this.clips = clips;
        this.progress = progress;
    }

    /**
     * @param bootstrapServers the cluster, with the Cryflow topics created
     * @param stateDir         state directory for the two apps
     * @param appSettings      settings for the apps (cryflow.* keys, Streams overrides)
     */
    public LoadReport run(String bootstrapServers, Path stateDir, Properties appSettings) throws Exception {
        progress.printf("Generating %d distinct %d s scenes for %d rooms...%n", spec.distinctScenes(),
                spec.duration().toSeconds(), spec.rooms());
        progress.flush();
        ScriptedCryTiming timing = ScriptedCryTiming.of(appSettings);
        SceneSpec sceneSpec = SceneSpec.defaults().withDurationSeconds(spec.duration().toSeconds())
                .withCryCount(spec.criesPerScene()).withMinGapSeconds(timing.minGap().toMillis() / 1000.0)
                .withSeed(spec.seed());
        List<SceneRoom> distinct = SceneRooms.generate(clips, sceneSpec, spec.distinctScenes(), "scene");
        List<SceneRoom> rooms = new ArrayList<>();
        for (int i = 0; i < spec.rooms(); i++) {
            rooms.add(new SceneRoom(String.format("room-%03d", i), distinct.get(i % distinct.size()).scene()));
        }

        Properties settings = new Properties();
        settings.putAll(appSettings);
        try (InProcessPipeline pipeline = InProcessPipeline.start(bootstrapServers, stateDir, settings)) {
            return stream(bootstrapServers, rooms, settings, timing, stateDir.resolve("unloaded-reference"));
        }
    }

    private LoadReport stream(String servers, List<SceneRoom> rooms, Properties settings, ScriptedCryTiming timing,
            Path referenceStateDir) throws Exception {
        // Each chunk goes out when the system clock reaches the end of its capture, as from a microphone, so that
        // latency = arrival - capture end is the pipeline's. (Anchoring each room on its first chunk instead had
        // rooms send everything as late as they started: 0.08-0.55 s at 500 rooms, counted as pipeline latency.)
        IngestOptions options = IngestOptions.defaults().withPacing(Pacing.WALL_CLOCK);
        long chunkMicros = options.chunkDuration().toNanos() / 1000;
        long startMicros = AudioChunker.microsOf(Instant.now()) - chunkMicros;
        RoomStarts roomStarts = RoomStarts.spread(rooms, startMicros, chunkMicros);
        long chunksPerRoom = (long) Math.ceil(spec.duration().toMillis() / (double) options.chunkDuration().toMillis());
        long expectedChunks = chunksPerRoom * rooms.size();
        try (OutputObserver observer = new OutputObserver(servers, Topics.MEL_FEATURES, Topics.CRY_CANDIDATES, Topics.CRY_EVENTS)
                     .measureFrom(startMicros + spec.warmUp().toNanos() / 1000)
                     .chunkGrid(roomStarts, chunkMicros).start();
             LagSampler lag = new LagSampler(servers, Map.of(
                     FeaturesConfig.APPLICATION_ID, List.of(Topics.AUDIO_CHUNKS),
                     InferenceConfig.APPLICATION_ID, List.of(Topics.MEL_FEATURES, Topics.CRY_CANDIDATES))).start(2000);
             ResourceSampler resources = new ResourceSampler().start(1000);
             AudioChunkPublisher publisher = AudioChunkPublisher.create(ProducerSettings.forBootstrap(servers, "lz4"),
                     AvroSerdes.audioChunk().serializer(), Topics.AUDIO_CHUNKS, "lz4");
             RoomSender microphones = EmulatedMicrophones.sender(rooms, roomStarts, "mic-1", options.chunkSamples(),
                     publisher, options.pacing().newPacer())) {
            progress.printf("Streaming %d rooms in real time for %d s (%d chunks)...%n", rooms.size(),
                    spec.duration().toSeconds(), expectedChunks);
            progress.flush();
            resources.splitCpuAfter(spec.warmUp());
            microphones.start();
            List<RoomReport> ingest;
            try {
                ingest = microphones.awaitCompletion(spec.duration().plusSeconds(60));
            } catch (TimeoutException e) {
                ingest = microphones.stop(Duration.ofSeconds(10));
            }
            Map<String, Double> cpuByComponent = resources.cpuByComponentSinceSplit();
            ScoringMeter.Usage scoring = resources.scoringSinceSplit().orElse(null);
            publisher.flush();
            progress.println("Audio done; draining the pipeline...");
            progress.flush();
            long deadline = System.nanoTime() + spec.drain().toNanos();
            while (observer.melRecords() < expectedChunks && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(Math.min(spec.drain().toMillis(), 12_000)); // episodes end some seconds after the audio
            List<LagSampler.Sample> lagSamples = lag.samples();
            List<ResourceSampler.Sample> resourceSamples = resources.samples();
            progress.println("Replaying the distinct scenes without load, for reference...");
            progress.flush();
            Map<Scene, List<Long>> unloaded = UnloadedReference.episodeStarts(rooms, settings, options.chunkDuration(),
                    referenceStateDir);
            return new LoadReport(spec, timing, rooms, roomStarts, expectedChunks, publisher.stats().acknowledged(),
                    observer.melRecords(), ingest, observer.latencies(), observer.startsByRoom(), unloaded,
                    lagSamples, resourceSamples, cpuByComponent, scoring, resources.availableCores());
        }
    }
}
