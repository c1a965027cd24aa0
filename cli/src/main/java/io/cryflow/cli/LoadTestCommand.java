package io.cryflow.cli;

import io.cryflow.loadtest.LoadReport;
import io.cryflow.loadtest.LoadTest;
import io.cryflow.loadtest.LoadTestSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow loadtest}: N rooms in real time through features and inference, judged against the SLO. */
@Command(name = "loadtest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Streams N simulated rooms in real time (scripted cries) through the features and inference",
            "apps (in this JVM) on the embedded broker or a given cluster; reports latency p50/p95/p99, consumer lag,",
            "CPU, heap and detected episodes, and exits 0 only if the SLO is met."})
final class LoadTestCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--rooms", paramLabel = "N", defaultValue = "50", description = "Rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60", description = "Audio per room (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--distinct-scenes", paramLabel = "N", defaultValue = "24",
            description = "Scenes generated; rooms share them round-robin (default: ${DEFAULT-VALUE}).")
    int distinctScenes;

    @Option(names = "--cries", paramLabel = "N", defaultValue = "2", description = "Cry episodes per scene (default: ${DEFAULT-VALUE}).")
    int cries;

    @Option(names = "--clips", paramLabel = "SET", defaultValue = "bundled",
            description = "bundled, shared (../shared/data), synthetic or a folder (default: ${DEFAULT-VALUE}).")
    String clips;

    @Option(names = "--shared-dir", paramLabel = "DIR", defaultValue = "../shared", description = "Where --clips shared finds data/ (default: ${DEFAULT-VALUE}).")
    Path sharedDir;

    @Option(names = "--warm-up", paramLabel = "SECONDS", defaultValue = "10",
            description = "Latencies and the CPU split count only audio captured after this (JIT, first rebalance, every room's "
                    + "first chunk at once) (default: ${DEFAULT-VALUE}).")
    long warmUpSeconds;

    @Option(names = "--slo-p99-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Pipeline latency SLO at p99 (default: ${DEFAULT-VALUE}).")
    long sloP99Millis;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "",
            description = "Cluster with the Cryflow topics; empty starts an embedded broker (default).")
    String bootstrapServers;

    @Option(names = "--report", paramLabel = "FILE", description = "Also append the markdown report to FILE.")
    Path reportFile;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadTestSpec loadSpec = LoadTestSpec.of(rooms, Duration.ofSeconds(durationSeconds))
                .withDistinctScenes(Math.min(distinctScenes, rooms)).withCriesPerScene(cries)
                .withLatencyP99Slo(Duration.ofMillis(sloP99Millis)).withWarmUp(Duration.ofSeconds(warmUpSeconds));
        LoadTest test = new LoadTest(loadSpec, ClipLibraries.open(clips, sharedDir), out);
        Path stateDir = Files.createTempDirectory("cryflow-loadtest-state");
        LoadReport report;
        try (EmbeddedBrokerSession embedded = bootstrapServers.isBlank() ? EmbeddedBrokerSession.start(0, out) : null) {
            String servers = embedded != null ? embedded.bootstrapServers() : bootstrapServers;
            report = test.run(servers, stateDir, parent.config().appProperties());
        } finally {
            TempDirs.deleteRecursively(stateDir);
        }
        String markdown = report.markdown();
        out.println();
        out.println(markdown);
        out.flush();
        if (reportFile != null) {
            Files.writeString(reportFile, "\n" + markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return report.passed() ? 0 : 1;
    }
}
