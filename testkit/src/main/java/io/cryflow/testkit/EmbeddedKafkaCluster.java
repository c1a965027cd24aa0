package io.cryflow.testkit;

import io.cryflow.broker.BrokerOptions;
import io.cryflow.broker.EmbeddedKafkaBroker;

/** {@link KafkaCluster} backed by the in-process KRaft broker on free ports and a temporary directory. */
final class EmbeddedKafkaCluster implements KafkaCluster {

    private final EmbeddedKafkaBroker broker;

    private EmbeddedKafkaCluster(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    static EmbeddedKafkaCluster start() {
        return new EmbeddedKafkaCluster(new EmbeddedKafkaBroker(BrokerOptions.defaults()).start());
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public KafkaBackend backend() {
        return KafkaBackend.EMBEDDED;
    }

    @Override
    public void close() {
        broker.stop();
    }

    @Override
    public String toString() {
        return "embedded Kafka at " + (broker.isRunning() ? broker.bootstrapServers() : "(stopped)");
    }
}
