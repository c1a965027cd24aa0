package io.cryflow.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** One embedded broker shared by every test here, exercised through the real Kafka clients. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedKafkaBrokerTest {

    private final EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.builder()
            .autoCreateTopics(false)
            .build());
    private Admin admin;

    @BeforeAll
    void startBroker() {
        broker.start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    @AfterAll
    void stopBroker() {
        if (admin != null) {
            admin.close();
        }
        broker.stop();
    }

    @Test
    void servesOneNodeOnLoopback() throws Exception {
        assertTrue(broker.isRunning());
        assertTrue(broker.bootstrapServers().startsWith("127.0.0.1:"), broker.bootstrapServers());
        Collection<Node> nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS);
        assertEquals(1, nodes.size());
        Node node = nodes.iterator().next();
        assertEquals(BrokerOptions.DEFAULT_NODE_ID, node.id());
        assertEquals("127.0.0.1", node.host());
        assertEquals(broker.clusterId(), admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS));
    }

    @Test
    void startingTwiceIsRejected() {
        assertThrows(IllegalStateException.class, broker::start);
    }

    @Test
    void idempotentAcksAllProducerRoundTrip() throws Exception {
        String topic = "round-trip";
        broker.createTopics(new NewTopic(topic, 1, (short) 1));
        List<String> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.idempotentProducer(broker.bootstrapServers()))) {
            for (int i = 0; i < 50; i++) {
                String value = "chunk-" + i;
                RecordMetadata metadata = producer.send(new ProducerRecord<>(topic, "room-1", value)).get(10, TimeUnit.SECONDS);
                assertEquals(i, metadata.offset());
                sent.add(value);
            }
        }
        assertEquals(sent, Clients.readAll(broker.bootstrapServers(), topic, "read_uncommitted"));
    }

    @Test
    void createsTopicsWithConfigsIdempotently() throws Exception {
        NewTopic compacted = new NewTopic("room-state", 3, (short) 1)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.RETENTION_MS_CONFIG, "3600000"));
        NewTopic plain = new NewTopic("cry-events", 2, (short) 1);

        assertEquals(List.of("room-state", "cry-events"), broker.createTopics(compacted, plain));
        assertEquals(List.of(), broker.createTopics(compacted, plain), "second creation must find both existing");

        TopicDescription description = admin.describeTopics(List.of("room-state")).allTopicNames()
                .get(10, TimeUnit.SECONDS).get("room-state");
        assertEquals(3, description.partitions().size());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "room-state");
        Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
        assertEquals("compact", config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        assertEquals("3600000", config.get(TopicConfig.RETENTION_MS_CONFIG).value());
    }

    @Test
    void transactionalProducerIsReadCommitted() throws Exception {
        String topic = "transactions";
        broker.createTopics(new NewTopic(topic, 1, (short) 1));
        Map<String, Object> config = Clients.idempotentProducer(broker.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "embedded-broker-test");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "room-1", "committed-1"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "room-1", "aborted"));
            producer.flush();
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "room-1", "committed-2"));
            producer.commitTransaction();
        }
        assertEquals(List.of("committed-1", "committed-2"),
                Clients.readAll(broker.bootstrapServers(), topic, "read_committed"));
        List<String> uncommitted = Clients.readAll(broker.bootstrapServers(), topic, "read_uncommitted");
        assertTrue(uncommitted.contains("aborted"), "read_uncommitted sees the aborted record: " + uncommitted);
    }

    @Test
    void autoCreationFollowsTheOption() throws Exception {
        ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, String.valueOf(BrokerOptions.DEFAULT_NODE_ID));
        Config config = admin.describeConfigs(List.of(node)).all().get(10, TimeUnit.SECONDS).get(node);
        assertFalse(Boolean.parseBoolean(config.get("auto.create.topics.enable").value()));
        assertEquals("1", config.get("transaction.state.log.min.isr").value());
        assertEquals("1", config.get("offsets.topic.replication.factor").value());
    }
}
