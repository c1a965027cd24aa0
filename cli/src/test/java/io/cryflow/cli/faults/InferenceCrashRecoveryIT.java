package io.cryflow.cli.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.features.FeaturesApp;
import io.cryflow.inference.app.InferenceConfig;
import io.cryflow.ingest.IngestOptions;
import io.cryflow.ingest.IngestRunner;
import io.cryflow.ingest.Pacing;
import io.cryflow.ingest.publish.AudioChunkPublisher;
import io.cryflow.ingest.publish.ProducerSettings;
import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.SceneRooms;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.DeadLetterConfig;
import io.cryflow.testkit.KafkaFixture;
import io.cryflow.testkit.KafkaIntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inference stage SIGKILLed mid-stream and restarted on its own state, on the real broker, while a
 * second, undisturbed instance (another application id) reads the very same features: the crashed one
 * publishes exactly the undisturbed one's cry episodes — every CRY_STARTED and CRY_ENDED once, none lost,
 * none twice.
 */
@KafkaIntegrationTest
class InferenceCrashRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void aCrashedInstancePublishesEveryEpisodeExactlyOnce(KafkaFixture kafka, @TempDir Path dir) throws Exception {
        String audio = kafka.createTopic("audio", 4);
        String mel = kafka.createTopic("mel", 4);
        String candidates = kafka.createTopic("candidates", 4);
        String status = kafka.createTopic("status", 4);
        String deadLetters = kafka.createTopic("deadletter", 1);
        String referenceEvents = kafka.createTopic("events-reference", 4);
        String crashedEvents = kafka.createTopic("events-crashed", 4);

        SceneSpec spec = SceneSpec.defaults().withDurationSeconds(45).withCryCount(2).withSnrDb(10, 20).withSeed(11);
        List<SceneRoom> rooms = SceneRooms.generate(new BundledClipLibrary(), spec, 3, "room");

        Properties features = new Properties();
        features.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.uniqueGroupId("features"));
        features.put("cryflow.features.input.topic", audio);
        features.put("cryflow.features.mel.topic", mel);
        features.put("cryflow.features.candidates.topic", candidates);
        features.put("cryflow.features.status.topic", status);
        features.put(DeadLetterConfig.TOPIC, deadLetters);

        FeaturesApp featuresApp = new FeaturesApp();
        try (StageProcess reference = StageProcess.start("reference", "inference", kafka.bootstrapServers(), dir.resolve("reference"),
                inferenceSettings(kafka.uniqueGroupId("inference-reference"), mel, candidates, referenceEvents, status, deadLetters));
             AudioChunkPublisher publisher = AudioChunkPublisher.create(ProducerSettings.forBootstrap(kafka.bootstrapServers(), "lz4"),
                     AvroSerdes.audioChunk().serializer(), audio, "lz4");
             IngestRunner ingest = new IngestRunner(rooms.stream().map(r -> r.source("mic-1", false,
                     System.currentTimeMillis() * 1000)).toList(), publisher,
                     IngestOptions.defaults().withTopic(audio).withPacing(Pacing.REAL_TIME))) {
            Map<String, String> crashedSettings = inferenceSettings(kafka.uniqueGroupId("inference-crashed"), mel, candidates,
                    crashedEvents, status, deadLetters);
            StageProcess crashed = StageProcess.start("crashed", "inference", kafka.bootstrapServers(), dir.resolve("crashed"), crashedSettings);
            featuresApp.start(kafka.bootstrapServers(), dir.resolve("features").toString(), features);
            reference.awaitRunning(WAIT);
            crashed.awaitRunning(WAIT);
            ingest.start();

            // Kill while the first cries are being tracked: after the first episode has started somewhere.
            awaitEvents(kafka, crashedEvents, e -> e.getEventType() == CryEventType.CRY_STARTED, 1, WAIT);
            Thread.sleep(1500);
            crashed.kill();
            Thread.sleep(2000);
            try (StageProcess restarted = StageProcess.start("restarted", "inference", kafka.bootstrapServers(),
                    dir.resolve("crashed"), crashedSettings)) {
                restarted.awaitRunning(WAIT);
                ingest.awaitCompletion(Duration.ofSeconds(120));
                publisher.flush();
                Thread.sleep(15_000); // the last episodes end some seconds after their cries

                List<String> expected = episodes(readAll(kafka, referenceEvents));
                List<String> actual = episodes(readAll(kafka, crashedEvents));
                assertTrue(expected.stream().anyMatch(e -> e.contains("CRY_STARTED")), "the reference saw cries: " + expected);
                assertEquals(expected, actual, "the crashed instance's episodes equal the undisturbed one's");
                assertEquals(actual.stream().distinct().count(), actual.size(), "no event twice: " + actual);
            }
        } finally {
            featuresApp.stop();
        }
    }

    private static Map<String, String> inferenceSettings(String applicationId, String mel, String candidates, String events,
            String status, String deadLetters) {
        return Map.of("kafka.application.id", applicationId, InferenceConfig.MEL_TOPIC, mel,
                InferenceConfig.CANDIDATES_TOPIC, candidates, InferenceConfig.EVENTS_TOPIC, events,
                InferenceConfig.STATUS_TOPIC, status, DeadLetterConfig.TOPIC, deadLetters);
    }

    /** The episode moments that must be published exactly once, sorted: room, id, type and capture times. */
    private static List<String> episodes(List<CryEvent> events) {
        return events.stream()
                .filter(e -> e.getEventType() != CryEventType.CRY_UPDATED) // refinements are rate-limited, not counted
                .map(e -> e.getRoomId() + " " + e.getEpisodeId() + " " + e.getEventType() + " " + e.getEpisodeStartMicros()
                        + (e.getEpisodeEndMicros() == null ? "" : "-" + e.getEpisodeEndMicros()))
                .sorted().collect(Collectors.toList());
    }

    private static void awaitEvents(KafkaFixture kafka, String topic, java.util.function.Predicate<CryEvent> wanted, int count,
            Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (readAll(kafka, topic).stream().filter(wanted).count() >= count) {
                return;
            }
            Thread.sleep(300);
        }
        throw new AssertionError("no matching event on " + topic + " within " + timeout);
    }

    private static List<CryEvent> readAll(KafkaFixture kafka, String topic) {
        Map<String, Object> properties = new HashMap<>(kafka.consumerProperties("unused"));
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<CryEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, CryEvent> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                AvroSerdes.cryEvent().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = new TreeMap<>((a, b) -> Integer.compare(a.partition(), b.partition()));
            ends.putAll(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, CryEvent> record : consumer.poll(Duration.ofMillis(100))) {
                    events.add(record.value());
                }
            }
        }
        return events;
    }
}
