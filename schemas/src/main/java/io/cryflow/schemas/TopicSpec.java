package io.cryflow.schemas;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * How a Cryflow topic is made: its name, the Avro type of its values, its default partition
 * count and its topic-level configs (retention and the like), ready for an admin client.
 * Keys are always the room id as a UTF-8 string (see {@link Topics}).
 */
public record TopicSpec(String name, Class<? extends SpecificRecord> valueType, int partitions, Map<String, String> configs) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(valueType, "valueType");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions + " for " + name);
        }
        configs = Map.copyOf(configs);
    }

    /** The same topic with another partition count (e.g. 1 for a laptop demo). */
    public TopicSpec withPartitions(int count) {
        return new TopicSpec(name, valueType, count, configs);
    }

    /** A topic creation request using the broker's default replication factor. */
    public NewTopic newTopic() {
        return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(configs);
    }

    /** A topic creation request with an explicit replication factor. */
    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }

    /** A topic creation request with the given copies and {@code min.insync.replicas}, over this topic's configs. */
    public NewTopic newTopic(TopicDurability durability) {
        Map<String, String> withIsr = new HashMap<>(configs);
        withIsr.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(durability.minInsyncReplicas()));
        return new NewTopic(name, partitions, durability.replicationFactor()).configs(withIsr);
    }
}
