package io.cryflow.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class KafkaServerPropertiesTest {

    private static final Path LOG_DIR = Path.of("/tmp/cryflow-kafka-props-test");

    @Test
    void singleNodeKraftOnLoopbackWithReplicationFactorOne() {
        Map<String, String> p = KafkaServerProperties.of(BrokerOptions.defaults(), 19092, 19093, LOG_DIR);

        assertEquals("broker,controller", p.get("process.roles"));
        assertEquals("1@127.0.0.1:19093", p.get("controller.quorum.voters"));
        assertEquals("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093", p.get("listeners"));
        assertEquals("PLAINTEXT://127.0.0.1:19092", p.get("advertised.listeners"));
        assertEquals("1", p.get("offsets.topic.replication.factor"));
        assertEquals("1", p.get("transaction.state.log.replication.factor"));
        assertEquals("1", p.get("transaction.state.log.min.isr"));
        assertEquals("0", p.get("group.initial.rebalance.delay.ms"));
        assertEquals(LOG_DIR.toString(), p.get("log.dirs"));
    }

    @Test
    void isAValidKafkaConfig() {
        KafkaConfig config = new KafkaConfig(KafkaServerProperties.of(BrokerOptions.defaults(), 19092, 19093, LOG_DIR), false);

        assertEquals(1, config.nodeId());
        assertEquals(KafkaServerProperties.CONTROLLER_LISTENER, config.controllerListenerNames().get(0));
        assertEquals(16 * 1024 * 1024, config.logSegmentBytes());
        assertEquals((short) 1, config.getShort("transaction.state.log.replication.factor"));
        assertEquals(1, config.getInt("transaction.state.log.min.isr"));
    }

    @Test
    void overridesWinOverDefaults() {
        BrokerOptions options = BrokerOptions.builder()
                .nodeId(7)
                .autoCreateTopics(false)
                .brokerProperty("log.segment.bytes", "1048576")
                .build();
        Map<String, String> p = KafkaServerProperties.of(options, 1, 2, LOG_DIR);

        assertEquals("1048576", p.get("log.segment.bytes"));
        assertEquals("false", p.get("auto.create.topics.enable"));
        assertEquals("7", p.get("node.id"));
        assertEquals("7@127.0.0.1:2", p.get("controller.quorum.voters"));
    }

    @Test
    void optionsRejectImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> BrokerOptions.builder().brokerPort(70000));
        assertThrows(IllegalArgumentException.class, () -> BrokerOptions.builder().controllerPort(-1));
        assertThrows(IllegalArgumentException.class, () -> BrokerOptions.builder().nodeId(-2));
    }
}
