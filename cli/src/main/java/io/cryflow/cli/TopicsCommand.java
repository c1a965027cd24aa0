package io.cryflow.cli;

import io.cryflow.schemas.TopicDurability;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow topics}: creates every Cryflow topic on a cluster with its documented settings. */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates every Cryflow topic (partitions, retention as documented in docs/architecture.md) on a",
            "Kafka cluster, with its replication factor and min.insync.replicas; topics that exist are left as",
            "they are. For deployments and docker-compose (a single broker needs --replication-factor 1",
            "--min-insync-replicas 1)."})
final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the room-keyed topics; 0 keeps the documented default.")
    int partitions;

    @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "3",
            description = "Copies of each topic; 3 lets one broker fail without losing data (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--min-insync-replicas", paramLabel = "N", defaultValue = "2",
            description = "Copies that must have a record before acks=all producers succeed; 2 of 3 never leaves an "
                    + "acknowledged record on one broker alone (default: ${DEFAULT-VALUE}).")
    int minInsyncReplicas;

    /** @throws IllegalArgumentException if the two settings do not fit together */
    TopicDurability durability() {
        return new TopicDurability(replicationFactor, minInsyncReplicas);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TopicDurability durability;
        try {
            durability = durability();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        List<String> created = KafkaTopics.createAll(bootstrapServers, partitions, durability);
        out.println(created.isEmpty() ? "All Cryflow topics already exist." : "Created " + String.join(", ", created));
        return 0;
    }
}
