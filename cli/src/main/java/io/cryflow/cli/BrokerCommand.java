package io.cryflow.cli;

import io.cryflow.broker.BrokerOptions;
import io.cryflow.broker.EmbeddedKafkaBroker;
import io.cryflow.schemas.TopicDurability;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow broker}: a single-node Kafka broker for development, until Ctrl-C. */
@Command(name = "broker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs an embedded single-node Kafka broker (KRaft) on 127.0.0.1 until Ctrl-C,",
            "with every Cryflow topic created. For development: point the other subcommands at it",
            "with --bootstrap-servers 127.0.0.1:<port>."})
final class BrokerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "9092", description = "Client port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep the broker's data here across restarts (default: a temporary folder deleted on exit).")
    Path dataDir;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the room-keyed topics; 0 keeps the documented default.")
    int partitions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        BrokerOptions.Builder options = BrokerOptions.builder().brokerPort(port);
        if (dataDir != null) {
            options.dataDir(dataDir);
        }
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(options.build()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "cryflow-broker-shutdown"));
        KafkaTopics.createAll(broker.bootstrapServers(), partitions, TopicDurability.SINGLE_BROKER);
        out.println("Kafka broker running at " + broker.bootstrapServers() + " (cluster " + broker.clusterId()
                + ", data in " + broker.dataDir() + "); Ctrl-C stops it.");
        out.flush();
        broker.awaitStop();
        return 0;
    }
}
