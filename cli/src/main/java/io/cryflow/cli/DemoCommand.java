package io.cryflow.cli;

import io.cryflow.dashboard.DashboardFeed;
import io.cryflow.dashboard.DashboardServer;
import io.cryflow.dashboard.OperationsEndpoints;
import io.cryflow.dashboard.PipelineMetrics;
import io.cryflow.dashboard.RoomBoard;
import io.cryflow.ingest.IngestOptions;
import io.cryflow.ingest.IngestRunner;
import io.cryflow.ingest.Pacing;
import io.cryflow.ingest.publish.AudioChunkPublisher;
import io.cryflow.ingest.publish.ProducerSettings;
import io.cryflow.ingest.scene.ClipLibrary;
import io.cryflow.ingest.scene.SceneRooms;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.ingest.source.AudioSource;
import io.cryflow.loadtest.InProcessPipeline;
import io.cryflow.schemas.serde.AvroSerdes;
import java.awt.Desktop;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./cryflow demo}: the whole pipeline in one JVM — embedded broker, features and inference
 * apps, simulated rooms streaming in real time, the dashboard, a console line per event — until
 * Ctrl-C (or {@code --run-for}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs the whole pipeline on an embedded Kafka broker with simulated rooms, opens the",
            "live dashboard and prints a line per cry event, until Ctrl-C."})
final class DemoCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--rooms", paramLabel = "N", defaultValue = "6", description = "Simulated rooms (default: ${DEFAULT-VALUE}).")
    int rooms;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "90",
            description = "Length of each room's scene; scenes loop (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--cries", paramLabel = "N", defaultValue = "2", description = "Cry episodes per scene (default: ${DEFAULT-VALUE}).")
    int cries;

    @Option(names = "--clips", paramLabel = "SET", defaultValue = "bundled",
            description = "Clips the rooms are mixed from: bundled, shared (../shared/data), synthetic or a folder (default: ${DEFAULT-VALUE}).")
    String clips;

    @Option(names = "--shared-dir", paramLabel = "DIR", defaultValue = "../shared", description = "Where --clips shared finds data/ (default: ${DEFAULT-VALUE}).")
    Path sharedDir;

    @Option(names = "--seed", defaultValue = "1", description = "Scene seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--port", defaultValue = "8080", description = "Dashboard port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--no-browser", description = "Do not open the dashboard in a browser.")
    boolean noBrowser;

    @Option(names = "--run-for", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop by itself after this long; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE}).")
    long runForSeconds;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ClipLibrary library = ClipLibraries.open(clips, sharedDir);
        SceneSpec sceneSpec = SceneSpec.defaults().withDurationSeconds(durationSeconds).withCryCount(cries).withSeed(seed);
        List<SceneRoom> scenes = SceneRooms.generate(library, sceneSpec, rooms, "room");
        Path stateDir = Files.createTempDirectory("cryflow-demo-state");
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C: ask the main thread to stop, and hold the JVM open until it has closed everything cleanly.
        Thread onCtrlC = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(90, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cryflow-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);

        // The pipeline closes before the broker: the apps commit and close cleanly.
        try (EmbeddedBrokerSession broker = EmbeddedBrokerSession.start(0, out);
             InProcessPipeline pipeline = InProcessPipeline.start(broker.bootstrapServers(), stateDir, parent.config().appProperties())) {
            run(broker.bootstrapServers(), scenes, library.name(), stop, pipeline, out);
        } finally {
            TempDirs.deleteRecursively(stateDir);
            if (stop.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(onCtrlC); // stopped by --run-for or a failure, not Ctrl-C
            }
            stopped.countDown();
        }
        return 0;
    }

    private void run(String servers, List<SceneRoom> scenes, String libraryName, CountDownLatch stop,
            InProcessPipeline pipeline, PrintWriter out) throws Exception {
        RoomBoard board = new RoomBoard();
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        DashboardServer[] server = new DashboardServer[1];
        try (StreamAppMetrics metrics = new StreamAppMetrics(pipeline.features(), pipeline.inference());
             DashboardFeed feed = new DashboardFeed(consumer, DashboardFeed.Topics.defaults(), board,
                     room -> server[0].roomChanged(room), Duration.ofHours(1), new PipelineMetrics(metrics.registry()));
             DashboardServer dashboard = new DashboardServer("127.0.0.1", port, board, metrics.registry(),
                     () -> OperationsEndpoints.combine(Map.of("streams", metrics.health(), "dashboardFeed", feed.health()))).start();
             EventConsole console = new EventConsole(servers, out);
             AudioChunkPublisher publisher = AudioChunkPublisher.create(ProducerSettings.forBootstrap(servers, "lz4"),
                     AvroSerdes.audioChunk().serializer(), IngestOptions.DEFAULT_TOPIC, "lz4");
             IngestRunner rooms = new IngestRunner(sources(scenes), publisher,
                     IngestOptions.defaults().withPacing(Pacing.REAL_TIME).withLoop(true))) {
            server[0] = dashboard;
            feed.start();
            console.start();
            rooms.start();
            printPlan(out, scenes, libraryName, dashboard.url());
            openBrowser(out, dashboard.url());
            if (runForSeconds > 0) {
                stop.await(runForSeconds, TimeUnit.SECONDS);
            } else {
                stop.await();
            }
            out.println("Stopping...");
            out.flush();
            rooms.stop();
        }
    }

    private static List<AudioSource> sources(List<SceneRoom> scenes) {
        // The real-time pacer sends the first chunk at once: its capture is taken to end now.
        long startMicros = (System.currentTimeMillis() - IngestOptions.DEFAULT_CHUNK_DURATION.toMillis()) * 1000;
        return scenes.stream().map(scene -> scene.source(IngestOptions.DEFAULT_MICROPHONE_ID, true, startMicros)).toList();
    }

    private void printPlan(PrintWriter out, List<SceneRoom> scenes, String libraryName, String url) {
        out.printf("Simulating %d room(s) from %s; each %.0f s scene loops:%n", scenes.size(), libraryName, durationSeconds);
        for (SceneRoom scene : scenes) {
            out.printf("  %-8s cries at %s%n", scene.roomId(), scene.scene().episodes().stream()
                    .map(e -> String.format(Locale.ROOT, "%.0f-%.0f s (%s)", e.startSeconds(), e.endSeconds(),
                            e.cause().isEmpty() ? "cry" : e.cause()))
                    .collect(Collectors.joining(", ")));
        }
        out.println("Dashboard: " + url + "   (metrics: " + url + "metrics, health: " + url + "health)");
        out.println("Events appear below as they are published; Ctrl-C stops everything.");
        out.flush();
    }

    private void openBrowser(PrintWriter out, String url) {
        if (noBrowser) {
            return;
        }
        try {
            if (!java.awt.GraphicsEnvironment.isHeadless() && Desktop.isDesktopSupported()
                    && Desktop.getDesktop().isSupported(Desktop.Action.BROWSE)) {
                Desktop.getDesktop().browse(URI.create(url));
            }
        } catch (IOException | UnsupportedOperationException e) {
            out.println("(could not open a browser: " + e.getMessage() + "; open " + url + " yourself)");
        }
    }

}
