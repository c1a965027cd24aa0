package io.cryflow.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every stream-app service command shares (a picocli mixin). */
final class StreamAppOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "cryflow-state",
            description = "Local state (RocksDB stores, restored from changelogs) (default: ${DEFAULT-VALUE}).")
    Path stateDir;
}
