package io.cryflow.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow topics}: creates every Cryflow topic on a cluster with its documented settings. */
@Command(name = "topics", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Creates every Cryflow topic (partitions, retention as documented in README.md) on a",
            "Kafka cluster; topics that exist are left as they are. For deployments and docker-compose."})
final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the room-keyed topics; 0 keeps the documented default.")
    int partitions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> created = KafkaTopics.createAll(bootstrapServers, partitions);
        out.println(created.isEmpty() ? "All Cryflow topics already exist." : "Created " + String.join(", ", created));
        return 0;
    }
}
