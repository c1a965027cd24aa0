package io.cryflow.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Kafka server configuration of the embedded single-node KRaft cluster.
 *
 * <p>One node is both broker and controller, listens on 127.0.0.1 only and keeps every internal
 * topic at replication factor 1 with min ISR 1, so that idempotent producers, transactions and
 * Kafka Streams {@code exactly_once_v2} work on one node. Sizes and delays are tuned for
 * development and tests, not for throughput.
 */
final class KafkaServerProperties {

    static final String HOST = "127.0.0.1";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** Segment size: small so retention and compaction act within a dev session (Kafka's minimum is 1 MiB). */
    static final String SEGMENT_BYTES = String.valueOf(16 * 1024 * 1024);
    /** Retention: one day of room audio is plenty on a developer's disk. */
    static final String RETENTION_HOURS = "24";
    /** Partitions of __consumer_offsets and __transaction_state: one node needs few (Kafka's default is 50). */
    static final String INTERNAL_TOPIC_PARTITIONS = "5";
    /** Log cleaner dedupe buffer: Kafka's 128 MiB default is wasteful for an embedded broker. */
    static final String CLEANER_DEDUPE_BUFFER_BYTES = String.valueOf(8 * 1024 * 1024);

    private KafkaServerProperties() {
    }

    /**
     * Server properties for the given options and the ports actually chosen.
     *
     * @param options        user options; their overrides are applied last
     * @param brokerPort     resolved client listener port
     * @param controllerPort resolved controller listener port
     * @param logDir         directory holding both the data logs and the KRaft metadata log
     */
    static Map<String, String> of(BrokerOptions options, int brokerPort, int controllerPort, Path logDir) {
        Map<String, String> p = new LinkedHashMap<>();
        int nodeId = options.nodeId();

        // Combined KRaft node with a static single-voter quorum: the voter set lives in the
        // configuration, so a persistent data dir may be restarted on a different controller port.
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(nodeId));
        p.put("controller.quorum.voters", nodeId + "@" + HOST + ":" + controllerPort);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort + ","
                + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("log.dirs", logDir.toString());

        // One replica everywhere: the exactly-once prerequisites on a single node.
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", INTERNAL_TOPIC_PARTITIONS);
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");

        // Dev and test friendliness: no rebalance wait for the first group member, small files.
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", String.valueOf(options.autoCreateTopics()));
        p.put("num.partitions", "1");
        p.put("log.segment.bytes", SEGMENT_BYTES);
        p.put("log.retention.hours", RETENTION_HOURS);
        p.put("log.cleaner.dedupe.buffer.size", CLEANER_DEDUPE_BUFFER_BYTES);

        // Few threads: one node on a developer laptop or a 2-core CI machine.
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "4");
        p.put("num.recovery.threads.per.data.dir", "1");
        p.put("num.replica.fetchers", "1");

        p.putAll(options.brokerOverrides());
        return p;
    }
}
