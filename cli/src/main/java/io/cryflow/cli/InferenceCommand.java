package io.cryflow.cli;

import io.cryflow.inference.app.InferenceApp;
import io.cryflow.inference.app.InferenceConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow inference}: the inference Kafka Streams app as a long-running service. */
@Command(name = "inference", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the inference stage (mel frames + cry candidates -> cry events, microphone status)",
            "against a Kafka cluster until Ctrl-C. App settings (cryflow.inference.*) come from --config",
            "or CRYFLOW_INFERENCE_* environment variables; see README.md."})
final class InferenceCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", required = true, description = "Kafka cluster.")
    String bootstrapServers;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = "cryflow-state",
            description = "Local state (RocksDB stores, restored from changelogs) (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        InferenceApp app = new InferenceApp();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            stopped.countDown();
        }, "cryflow-inference-shutdown"));
        app.start(bootstrapServers, stateDir.toString(), parent.config().appProperties());
        if (!app.awaitRunning(Duration.ofMinutes(2))) {
            out.println("inference: not running after 2 minutes (state " + app.state() + "); see the log");
        } else {
            out.println("inference (" + InferenceConfig.APPLICATION_ID + ") running against " + bootstrapServers
                    + "; Ctrl-C stops it.");
        }
        out.flush();
        // Until Ctrl-C, or until the app gives up (a dead stream thread stops it): then exit non-zero.
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            KafkaStreams.State state = app.state();
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                out.println("inference stopped by itself (state " + state + "); see the log");
                out.flush();
                return 1;
            }
        }
        return 0;
    }
}
