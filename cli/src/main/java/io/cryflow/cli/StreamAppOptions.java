package io.cryflow.cli;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Option;

/** The options every stream-app service command shares (a picocli mixin). */
final class StreamAppOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "cryflow-state",
            description = "Local state (RocksDB stores, restored from changelogs) (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--standby-replicas", paramLabel = "N", defaultValue = "0",
            description = {"Warm copies of each task's state kept on other instances (num.standby.replicas): a failed",
                "instance's rooms resume without first replaying their changelogs. 1 in production with at least",
                "two instances (default: ${DEFAULT-VALUE})."})
    int standbyReplicas;

    /**
     * The app's settings with these options' Streams settings over them (an option beats a {@code kafka.*} key).
     *
     * @throws IllegalArgumentException if an option is out of range
     */
    Properties streamsSettings(Properties appSettings) {
        if (standbyReplicas < 0) {
            throw new IllegalArgumentException("--standby-replicas must be 0 or more, got " + standbyReplicas);
        }
        Properties settings = new Properties();
        settings.putAll(appSettings);
        settings.setProperty(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, Integer.toString(standbyReplicas));
        return settings;
    }
}
