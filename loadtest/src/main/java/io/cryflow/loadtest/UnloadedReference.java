package io.cryflow.loadtest;

import io.cryflow.features.FeaturesConfig;
import io.cryflow.features.FeaturesTopology;
import io.cryflow.inference.app.InferenceConfig;
import io.cryflow.inference.app.InferenceTopology;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.OnnxCauseClassifier;
import io.cryflow.inference.model.OnnxCryDetector;
import io.cryflow.inference.scoring.WindowScorer;
import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.StreamsProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * What the pipeline reports for the load test's scenes with no load at all: each distinct scene's audio, chunked
 * exactly as the load generator chunks it, through the real features and inference topologies in a
 * {@link TopologyTestDriver} (no broker, one room at a time, the same app settings). A room's events depend only on
 * its own audio, so every room playing a scene should report the cries this run reports for it; one that does not
 * lost it to the load, while a cry this run misses too is the detector's miss.
 */
final class UnloadedReference {

    /** Wall-clock time let pass after a scene's last chunk, as the load test's drain does (microphones go offline). */
    static final Duration TAIL = Duration.ofSeconds(12);

    private UnloadedReference() {
    }

    /**
     * @param scenes        the distinct scenes (rooms sharing a scene share its {@link Scene} object)
     * @param appSettings   the settings the stream apps run with
     * @param chunkDuration the load generator's chunk length
     * @param stateDir      a folder for the drivers' state, a subfolder per scene (the caller removes it)
     * @return per scene, its {@code CRY_STARTED} episode starts in microseconds after the scene's first sample
     */
    static Map<Scene, List<Long>> episodeStarts(List<SceneRoom> scenes, Properties appSettings, Duration chunkDuration,
            Path stateDir) {
        Map<Scene, List<Long>> starts = new IdentityHashMap<>();
        try (OnnxCryDetector detector = BundledModels.cryDetector(appSettings);
             OnnxCauseClassifier classifier = BundledModels.causeClassifier(appSettings)) {
            WindowScorer scorer = new WindowScorer(detector, classifier);
            for (SceneRoom scene : scenes) {
                if (!starts.containsKey(scene.scene())) {
                    starts.put(scene.scene(), run(scene, appSettings, chunkDuration, stateDir.resolve(scene.roomId()), scorer,
                            classifier.uncertainBelow()));
                }
            }
        }
        return starts;
    }

    private static List<Long> run(SceneRoom scene, Properties appSettings, Duration chunkDuration, Path stateDir,
            WindowScorer scorer, float causeUncertainBelow) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        long startMicros = AudioChunker.microsOf(start);
        try {
            Properties featuresProps = driverProperties(FeaturesConfig.APPLICATION_ID, stateDir.resolve("features"), appSettings);
            Properties inferenceProps = driverProperties(InferenceConfig.APPLICATION_ID, stateDir.resolve("inference"), appSettings);
            FeaturesConfig featuresConfig = FeaturesConfig.fromProperties(featuresProps);
            InferenceConfig inferenceConfig = InferenceConfig.fromProperties(inferenceProps);
            List<Long> starts = new ArrayList<>();
            try (TopologyTestDriver features = new TopologyTestDriver(FeaturesTopology.build(featuresConfig), featuresProps, start);
                 TopologyTestDriver inference = new TopologyTestDriver(
                         InferenceTopology.build(inferenceConfig, scorer, causeUncertainBelow), inferenceProps, start)) {
                TestInputTopic<String, AudioChunk> audio = features.createInputTopic(featuresConfig.inputTopic(),
                        new StringSerializer(), AvroSerdes.audioChunk().serializer());
                TestOutputTopic<String, MelFrames> mel = features.createOutputTopic(featuresConfig.melTopic(),
                        Serdes.String().deserializer(), AvroSerdes.melFrames().deserializer());
                TestOutputTopic<String, CryCandidate> candidates = features.createOutputTopic(featuresConfig.candidatesTopic(),
                        Serdes.String().deserializer(), AvroSerdes.cryCandidate().deserializer());
                TestInputTopic<String, MelFrames> melIn = inference.createInputTopic(inferenceConfig.melTopic(),
                        new StringSerializer(), AvroSerdes.melFrames().serializer());
                TestInputTopic<String, CryCandidate> candidatesIn = inference.createInputTopic(inferenceConfig.candidatesTopic(),
                        new StringSerializer(), AvroSerdes.cryCandidate().serializer());
                TestOutputTopic<String, CryEvent> events = inference.createOutputTopic(inferenceConfig.eventsTopic(),
                        Serdes.String().deserializer(), AvroSerdes.cryEvent().deserializer());

                int chunkSamples = AudioChunker.chunkSamples(scene.scene().sampleRate(), chunkDuration.toMillis());
                AudioChunker chunker = new AudioChunker(scene.source("mic-1", false, startMicros), chunkSamples);
                long wallMillis = start.toEpochMilli();
                for (AudioChunk chunk = chunker.next(); chunk != null; chunk = chunker.next()) {
                    // Published once captured, as the real-time load generator publishes it.
                    long captureEndMillis = AudioChunker.captureEndMicros(chunk) / 1000;
                    wallMillis = advanceTo(wallMillis, captureEndMillis, features, inference);
                    audio.pipeInput(chunk.getRoomId(), chunk, wallMillis);
                    for (MelFrames frames : mel.readValuesToList()) {
                        melIn.pipeInput(frames.getRoomId(), frames, wallMillis);
                    }
                    for (CryCandidate candidate : candidates.readValuesToList()) {
                        candidatesIn.pipeInput(candidate.getRoomId(), candidate, wallMillis);
                    }
                    collectStarts(events, startMicros, starts);
                }
                advanceTo(wallMillis, wallMillis + TAIL.toMillis(), features, inference);
                collectStarts(events, startMicros, starts);
            }
            return starts;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while replaying " + scene.roomId(), e);
        }
    }

    private static Properties driverProperties(String applicationId, Path stateDir, Properties appSettings) {
        return StreamsProperties.forApplication(applicationId).bootstrapServers("unused:9092")
                .stateDir(stateDir.toString()).overrides(appSettings).build();
    }

    /** Lets both drivers' wall clocks pass to {@code targetMillis} in half-second steps, so punctuations run in time. */
    private static long advanceTo(long wallMillis, long targetMillis, TopologyTestDriver... drivers) {
        while (wallMillis < targetMillis) {
            long step = Math.min(500, targetMillis - wallMillis);
            for (TopologyTestDriver driver : drivers) {
                driver.advanceWallClockTime(Duration.ofMillis(step));
            }
            wallMillis += step;
        }
        return wallMillis;
    }

    private static void collectStarts(TestOutputTopic<String, CryEvent> events, long startMicros, List<Long> starts) {
        for (CryEvent event : events.readValuesToList()) {
            if (event.getEventType() == CryEventType.CRY_STARTED) {
                starts.add(AudioChunker.microsOf(event.getEpisodeStartMicros()) - startMicros);
            }
        }
    }
}
