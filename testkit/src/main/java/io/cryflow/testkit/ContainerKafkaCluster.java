package io.cryflow.testkit;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link KafkaCluster} backed by an {@code apache/kafka} container (single KRaft node).
 *
 * <p>Testcontainers already sets replication factor 1, transaction-log min ISR 1 and no initial
 * rebalance delay, matching the embedded broker.
 */
final class ContainerKafkaCluster implements KafkaCluster {

    /** System property / env var choosing the image; default {@value #DEFAULT_IMAGE}. */
    static final String IMAGE_PROPERTY = "cryflow.test.kafka.image";
    static final String IMAGE_ENV = "CRYFLOW_TEST_KAFKA_IMAGE";
    static final String DEFAULT_IMAGE = "apache/kafka:4.1.0";

    private final KafkaContainer container;

    private ContainerKafkaCluster(KafkaContainer container) {
        this.container = container;
    }

    static ContainerKafkaCluster start() {
        String image = Settings.lookup(IMAGE_PROPERTY, IMAGE_ENV).orElse(DEFAULT_IMAGE);
        KafkaContainer container = new KafkaContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("apache/kafka"));
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw e;
        }
        return new ContainerKafkaCluster(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public KafkaBackend backend() {
        return KafkaBackend.TESTCONTAINERS;
    }

    @Override
    public void close() {
        container.close();
    }

    @Override
    public String toString() {
        return "Kafka container " + container.getDockerImageName() + " at " + container.getBootstrapServers();
    }
}
