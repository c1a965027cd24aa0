package io.cryflow.testkit;

/** A running Kafka cluster for integration tests, whichever {@link KafkaBackend} provides it. */
public interface KafkaCluster extends AutoCloseable {

    /** {@code host:port} list for the clients. */
    String bootstrapServers();

    /** {@link KafkaBackend#EMBEDDED} or {@link KafkaBackend#TESTCONTAINERS}; never {@code AUTO}. */
    KafkaBackend backend();

    /** Stops the cluster and frees its resources. */
    @Override
    void close();
}
