package io.cryflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The fixture against the real cluster this machine provides (the embedded broker without Docker). */
@KafkaIntegrationTest
class KafkaFixtureTest {

    private static KafkaCluster clusterSeenBeforeAll;

    @BeforeAll
    static void rememberCluster(KafkaCluster cluster) {
        clusterSeenBeforeAll = cluster;
    }

    @Test
    void picksTheBackendThisMachineSupports(KafkaFixture kafka) {
        KafkaBackend expected = KafkaClusters.resolve(KafkaBackend.configured());
        assertEquals(expected, kafka.backend());
        if (KafkaBackend.configured() == KafkaBackend.AUTO && !DockerProbe.dockerReachable()) {
            assertEquals(KafkaBackend.EMBEDDED, kafka.backend(), "no Docker engine: auto must mean embedded");
        }
    }

    @Test
    void oneClusterServesTheWholeRun(KafkaCluster cluster, KafkaFixture kafka) {
        assertSame(clusterSeenBeforeAll, cluster);
        assertSame(cluster, kafka.cluster());
        assertEquals(cluster.bootstrapServers(), kafka.bootstrapServers());
    }

    @Test
    void uniqueNamesAreValidAndTellTheTest(KafkaFixture kafka) {
        String first = kafka.uniqueTopic("audio chunks/raw");
        String second = kafka.uniqueTopic("audio chunks/raw");
        assertNotEquals(first, second);
        assertTrue(first.startsWith("KafkaFixtureTest.uniqueNamesAreValidAndTellTheTest.audio_chunks_raw."), first);
        assertTrue(first.matches("[a-zA-Z0-9._-]+"), first);
        assertTrue(kafka.uniqueTopic("x".repeat(400)).length() <= 249);
    }

    @Test
    void producesAndConsumesInOrder(KafkaFixture kafka) {
        String topic = kafka.createTopic("round-trip", 1);
        Map<String, String> sent = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            sent.put("key-" + i, "value-" + i);
        }
        kafka.produceStrings(topic, sent);

        List<ConsumerRecord<String, String>> received = kafka.consumeStrings(topic, sent.size());
        assertEquals(List.copyOf(sent.keySet()), received.stream().map(ConsumerRecord::key).collect(Collectors.toList()));
        assertEquals(List.copyOf(sent.values()), received.stream().map(ConsumerRecord::value).collect(Collectors.toList()));
    }

    @Test
    void readsEveryPartitionKeepingEachOneInOrder(KafkaFixture kafka) {
        String topic = kafka.createTopic("rooms", 3);
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int room = i % 3;
            records.add(new ProducerRecord<>(topic, room, "room-" + room, String.valueOf(i)));
        }
        kafka.produce(records, new StringSerializer(), new StringSerializer());

        List<ConsumerRecord<String, String>> received = kafka.consume(topic, 30, Duration.ofSeconds(30),
                new StringDeserializer(), new StringDeserializer());
        for (int room = 0; room < 3; room++) {
            int partition = room;
            List<Integer> values = received.stream().filter(r -> r.partition() == partition)
                    .map(r -> Integer.parseInt(r.value())).collect(Collectors.toList());
            List<Integer> expected = new ArrayList<>();
            for (int i = room; i < 30; i += 3) {
                expected.add(i);
            }
            assertEquals(expected, values, "partition " + partition);
        }
    }

    @Test
    void consumeFailsWhenTooFewRecordsArrive(KafkaFixture kafka) {
        String topic = kafka.createTopic("short", 1);
        kafka.produceStrings(topic, Map.of("only", "one"));

        AssertionFailedError error = assertThrows(AssertionFailedError.class, () ->
                kafka.consume(topic, 2, Duration.ofSeconds(1), new StringDeserializer(), new StringDeserializer()));
        assertTrue(error.getMessage().contains("but got 1"), error.getMessage());
    }

    @Test
    void abortedTransactionsStayInvisible(KafkaFixture kafka) throws Exception {
        String topic = kafka.createTopic("transactions", 1);
        Map<String, Object> config = kafka.producerProperties();
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, kafka.uniqueGroupId("tx"));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "room-1", "aborted")).get(10, TimeUnit.SECONDS);
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "room-1", "committed"));
            producer.commitTransaction();
        }
        List<ConsumerRecord<String, String>> received = kafka.consumeStrings(topic, 1);
        assertEquals("committed", received.get(0).value());
    }
}
