package io.cryflow.cli;

import io.cryflow.broker.TopicCreator;
import io.cryflow.schemas.TopicSpec;
import io.cryflow.schemas.Topics;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates every Cryflow topic with its documented settings (existing topics are left as they are). */
final class KafkaTopics {

    private KafkaTopics() {
    }

    /** @param partitions partitions of the room-keyed topics, or 0 for {@link Topics#DEFAULT_PARTITIONS} */
    static List<String> createAll(String bootstrapServers, int partitions) {
        List<NewTopic> requests = Topics.all().stream()
                .map(spec -> partitions > 0 && spec.partitions() > 1 ? spec.withPartitions(partitions) : spec)
                .map(TopicSpec::newTopic)
                .toList();
        return TopicCreator.createTopics(bootstrapServers, requests);
    }
}
