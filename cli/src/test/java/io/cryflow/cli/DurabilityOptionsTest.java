package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.TopicDurability;
import io.cryflow.schemas.Topics;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Replication, min.insync.replicas and standby replicas as the service commands read them. */
class DurabilityOptionsTest {

    private static TopicsCommand topics(String... args) {
        TopicsCommand command = new TopicsCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void topicsDefaultToThreeCopiesTwoInSync() {
        assertEquals(TopicDurability.PRODUCTION, topics("--bootstrap-servers", "k:9092").durability());
        assertEquals(new TopicDurability((short) 1, 1),
                topics("--bootstrap-servers", "k:9092", "--replication-factor", "1", "--min-insync-replicas", "1").durability());
        assertThrows(IllegalArgumentException.class,
                () -> topics("--bootstrap-servers", "k:9092", "--replication-factor", "1").durability(),
                "two in sync cannot be asked of one copy");
    }

    @Test
    void everyTopicIsRequestedWithTheDurability() {
        List<NewTopic> requests = KafkaTopics.requests(0, TopicDurability.PRODUCTION);
        assertEquals(Topics.all().size(), requests.size());
        for (NewTopic request : requests) {
            assertEquals(3, request.replicationFactor(), request.name());
            assertEquals("2", request.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG), request.name());
            assertTrue(request.configs().containsKey(TopicConfig.RETENTION_MS_CONFIG), request.name());
        }
        assertTrue(KafkaTopics.requests(2, TopicDurability.SINGLE_BROKER).stream()
                .allMatch(r -> r.replicationFactor() == 1 && "1".equals(r.configs().get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG))));
    }

    @Test
    void standbyReplicasAreAStreamsSettingOfEveryStreamService() {
        for (Object command : List.of(new FeaturesCommand(), new InferenceCommand())) {
            CommandLine line = new CommandLine(command);
            line.parseArgs("--bootstrap-servers", "k:9092", "--standby-replicas", "1");
            StreamAppOptions options = (StreamAppOptions) line.getCommandSpec().mixins().get("app").userObject();
            Properties app = new Properties();
            app.setProperty("cryflow.features.reorder.chunks", "8");
            Properties settings = options.streamsSettings(app);
            assertEquals("1", settings.getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
            assertEquals("8", settings.getProperty("cryflow.features.reorder.chunks"), "the app's settings stay");
        }
        CommandLine defaults = new CommandLine(new FeaturesCommand());
        defaults.parseArgs("--bootstrap-servers", "k:9092");
        StreamAppOptions options = (StreamAppOptions) defaults.getCommandSpec().mixins().get("app").userObject();
        assertEquals("0", options.streamsSettings(new Properties()).getProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG));
    }
}
