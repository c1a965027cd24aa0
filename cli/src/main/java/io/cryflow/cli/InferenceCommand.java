package io.cryflow.cli;

import io.cryflow.inference.app.InferenceApp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow inference}: the inference Kafka Streams app as a long-running service. */
@Command(name = "inference", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the inference stage (mel frames + cry candidates -> cry events) until Ctrl-C.",
            "App settings (cryflow.inference.*) come from --config",
            "or CRYFLOW_INFERENCE_* environment variables; see README.md."})
final class InferenceCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Mixin
    StreamAppOptions app;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9402",
            description = "Port of /metrics (Prometheus) and /health; -1 serves none (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Override
    public Integer call() throws Exception {
        return ServiceRunner.run(new InferenceApp(), "inference", app.bootstrapServers, app.stateDir, app.streamsSettings(parent.config().appProperties()),
                metricsPort, spec.commandLine().getOut());
    }
}
