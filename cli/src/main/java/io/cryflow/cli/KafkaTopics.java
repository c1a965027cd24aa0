package io.cryflow.cli;

import io.cryflow.broker.TopicCreator;
import io.cryflow.schemas.TopicDurability;
import io.cryflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates every Cryflow topic with its documented settings (existing topics are left as they are). */
final class KafkaTopics {

    private KafkaTopics() {
    }

    /**
     * @param partitions partitions of the room-keyed topics, or 0 for {@link Topics#DEFAULT_PARTITIONS}
     * @param durability copies of each topic and {@code min.insync.replicas}
     */
    static List<String> createAll(String bootstrapServers, int partitions, TopicDurability durability) {
        return TopicCreator.createTopics(bootstrapServers, requests(partitions, durability));
    }

    /** The creation requests {@link #createAll} sends. */
    static List<NewTopic> requests(int partitions, TopicDurability durability) {
        return Topics.all().stream()
                .map(spec -> partitions > 0 && spec.partitions() > 1 ? spec.withPartitions(partitions) : spec)
                .map(spec -> spec.newTopic(durability))
                .toList();
    }
}
