package io.cryflow.cli;

import io.cryflow.broker.BrokerOptions;
import io.cryflow.broker.EmbeddedKafkaBroker;
import io.cryflow.schemas.TopicDurability;
import java.io.PrintWriter;

/**
 * An embedded broker for the length of one command, with every Cryflow topic created: what
 * subcommands use when no {@code --bootstrap-servers} is given.
 */
final class EmbeddedBrokerSession implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;

    private EmbeddedBrokerSession(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** @param partitions partitions of the room-keyed topics, or 0 for the documented default */
    static EmbeddedBrokerSession start(int partitions, PrintWriter out) {
        out.println("Starting an embedded Kafka broker (KRaft, in this JVM)...");
        out.flush();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.defaults()).start();
        EmbeddedBrokerSession session = new EmbeddedBrokerSession(broker);
        try {
            KafkaTopics.createAll(broker.bootstrapServers(), partitions, TopicDurability.SINGLE_BROKER);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        out.println("Embedded Kafka broker at " + broker.bootstrapServers());
        out.flush();
        return session;
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void close() {
        broker.stop();
    }
}
