package io.cryflow.cli;

import io.cryflow.features.FeaturesApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow features}: the features Kafka Streams app as a long-running service. */
@Command(name = "features", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the features stage (audio chunks -> mel frames, cry candidates, microphone status)",
            "against a Kafka cluster until Ctrl-C. App settings (cryflow.features.*) come from --config",
            "or CRYFLOW_FEATURES_* environment variables; see README.md."})
final class FeaturesCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Mixin
    StreamAppOptions app;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9401",
            description = "Port of /metrics (Prometheus) and /health; -1 serves none (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Override
    public Integer call() throws Exception {
        return ServiceRunner.run(new FeaturesApp(), "features", app.bootstrapServers, app.stateDir, app.streamsSettings(parent.config().appProperties()),
                metricsPort, spec.commandLine().getOut());
    }
}
