package io.cryflow.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stop and start again in the same JVM, with a temporary and with a persistent data directory. */
class BrokerRestartTest {

    @Test
    void temporaryBrokerRestartsCleanAndDeletesItsData() throws InterruptedException {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()) {
            broker.start();
            Path firstDir = broker.dataDir();
            String firstCluster = broker.clusterId();
            broker.createTopics(new NewTopic("first-life", 1, (short) 1));
            Thread waiter = new Thread(() -> {
                try {
                    broker.awaitStop();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            waiter.start();
            broker.stop();
            waiter.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(waiter.isAlive(), "awaitStop returns once the broker is stopped");

            assertFalse(broker.isRunning());
            assertFalse(Files.exists(firstDir), "temporary data directory is deleted on stop");
            assertThrows(IllegalStateException.class, broker::bootstrapServers);

            broker.start();
            assertTrue(broker.isRunning());
            assertTrue(broker.clusterId().length() > 0);
            assertFalse(firstCluster.equals(broker.clusterId()), "a fresh temporary broker is a new cluster");
            assertEquals(List.of("first-life"), broker.createTopics(new NewTopic("first-life", 1, (short) 1)),
                    "the earlier life's topic is gone");
        }
    }

    @Test
    void persistentDataDirKeepsClusterTopicsAndRecords(@TempDir Path dataDir) throws Exception {
        BrokerOptions options = BrokerOptions.builder().dataDir(dataDir).build();
        String clusterId;
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(options).start()) {
            clusterId = broker.clusterId();
            broker.createTopics(new NewTopic("kept", 1, (short) 1));
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.idempotentProducer(broker.bootstrapServers()))) {
                producer.send(new ProducerRecord<>("kept", "room-1", "before-restart")).get(10, TimeUnit.SECONDS);
            }
        }
        assertTrue(Files.exists(dataDir.resolve("meta.properties")), "given data directory is kept on stop");

        // New ports, the client one fixed as the CLI sets it: a static quorum allows a new controller port.
        int fixedPort = FreePort.pick();
        BrokerOptions fixed = BrokerOptions.builder().dataDir(dataDir).brokerPort(fixedPort).build();
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(fixed).start()) {
            assertEquals("127.0.0.1:" + fixedPort, broker.bootstrapServers());
            assertEquals(clusterId, broker.clusterId());
            assertEquals(List.of(), broker.createTopics(new NewTopic("kept", 1, (short) 1)));
            assertEquals(List.of("before-restart"), Clients.readAll(broker.bootstrapServers(), "kept", "read_committed"));
        }
    }
}
