package io.cryflow.streams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cryflow.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsPropertiesTest {

    @Test
    void defaultsAreExactlyOnceWithDeadLetterHandlers() {
        Properties props = StreamsProperties.forApplication("app").bootstrapServers("b:9092").stateDir("/tmp/s").build();
        assertEquals("app", props.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals("b:9092", props.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        assertEquals("/tmp/s", props.get(StreamsConfig.STATE_DIR_CONFIG));
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("-1", props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals("100", props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(StreamsConfig.OPTIMIZE, props.get(StreamsConfig.TOPOLOGY_OPTIMIZATION_CONFIG));
        assertEquals(DeadLetterDeserializationHandler.class.getName(), props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(DeadLetterProcessingHandler.class.getName(), props.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals(Topics.DEAD_LETTERS, props.get(DeadLetterConfig.TOPIC));
        // Kafka accepts the result as a valid configuration.
        new StreamsConfig(props);
    }

    @Test
    void standbyReplicasAreASettingWithKafkasDefault() {
        Properties defaults = StreamsProperties.forApplication("app").build();
        assertEquals("0", defaults.get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
        Properties one = StreamsProperties.forApplication("app").standbyReplicas(1).build();
        assertEquals(1, new StreamsConfig(with(one, "b:9092")).getInt(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
        Properties overridden = new Properties();
        overridden.setProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "2");
        assertEquals("2", StreamsProperties.forApplication("app").overrides(overridden).build().get(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
        assertThrows(IllegalArgumentException.class, () -> StreamsProperties.forApplication("app").standbyReplicas(-1));
    }

    private static Properties with(Properties props, String bootstrap) {
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }

    @Test
    void aDeadInstanceIsDetectedInSecondsNotKafkasDefault45() {
        StreamsConfig config = new StreamsConfig(StreamsProperties.forApplication("app").bootstrapServers("b:9092").build());
        var consumer = config.getMainConsumerConfigs("app", "app-client", 0);
        assertEquals(6000, Integer.parseInt(consumer.get(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG).toString()));
        assertEquals(1500, Integer.parseInt(consumer.get(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG).toString()));
        var producer = config.getProducerConfigs("app-client");
        assertEquals(10000, Integer.parseInt(producer.get(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG).toString()));
    }

    @Test
    void producerBatchesHoldManyMelRecordsUnlessOverridden() {
        StreamsConfig defaults = new StreamsConfig(StreamsProperties.forApplication("app").bootstrapServers("b:9092").build());
        assertEquals(262144, Integer.parseInt(defaults.getProducerConfigs("app-client").get(ProducerConfig.BATCH_SIZE_CONFIG).toString()));

        Properties overrides = new Properties();
        overrides.put("producer." + ProducerConfig.BATCH_SIZE_CONFIG, "16384");
        StreamsConfig overridden = new StreamsConfig(StreamsProperties.forApplication("app").bootstrapServers("b:9092")
                .overrides(overrides).build());
        assertEquals(16384, Integer.parseInt(overridden.getProducerConfigs("app-client").get(ProducerConfig.BATCH_SIZE_CONFIG).toString()));
    }

    @Test
    void settersAndOverridesApplyOverrideLast() {
        Properties overrides = new Properties();
        overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250");
        Properties props = StreamsProperties.forApplication("app")
                .replicationFactor(3)
                .commitInterval(Duration.ofSeconds(1))
                .processingGuarantee(StreamsConfig.AT_LEAST_ONCE)
                .deadLetterTopic("other.dlq")
                .overrides(overrides)
                .build();
        assertEquals("3", props.get(StreamsConfig.REPLICATION_FACTOR_CONFIG));
        assertEquals("250", props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals(StreamsConfig.AT_LEAST_ONCE, props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("other.dlq", props.get(DeadLetterConfig.TOPIC));
    }

    @Test
    void invalidValuesAreRefused() {
        StreamsProperties builder = StreamsProperties.forApplication("app");
        assertThrows(IllegalArgumentException.class, () -> builder.replicationFactor(0));
        assertThrows(IllegalArgumentException.class, () -> builder.commitInterval(Duration.ofMillis(-1)));
    }
}
