package io.cryflow.cli;

import io.cryflow.broker.TopicCreator;
import io.cryflow.inference.mirror.JsonMirrorApp;
import io.cryflow.inference.mirror.JsonMirrorTopology;
import io.cryflow.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow mirror}: the opt-in JSON mirror of the cry-events topic, as a service. */
@Command(name = "mirror", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Mirrors every cry event as JSON (cryflow.events.cry -> cryflow.events.cry.json, same keys)",
            "for consumers that do not speak Avro, until Ctrl-C. Creates the JSON topic (30 days) if missing."})
final class MirrorCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Mixin
    StreamAppOptions app;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9403",
            description = "Port of /metrics and /health; -1 serves none (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Override
    public Integer call() throws Exception {
        Properties settings = app.streamsSettings(parent.config().appProperties());
        String output = settings.getProperty(JsonMirrorTopology.OUTPUT_TOPIC, JsonMirrorTopology.DEFAULT_OUTPUT_TOPIC);
        TopicCreator.createTopics(app.bootstrapServers, List.of(new NewTopic(output, Optional.of(Topics.CRY_EVENTS_SPEC.partitions()),
                Optional.<Short>empty()).configs(Map.of(
                        TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(30).toMillis())))));
        return ServiceRunner.run(new JsonMirrorApp(), "mirror", app.bootstrapServers, app.stateDir, settings, metricsPort,
                spec.commandLine().getOut());
    }
}
