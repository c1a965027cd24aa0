package io.cryflow.cli;

import io.cryflow.ingest.IngestOptions;
import io.cryflow.ingest.IngestRunner;
import io.cryflow.ingest.Pacing;
import io.cryflow.ingest.RoomReport;
import io.cryflow.ingest.audit.AudioTopicReader;
import io.cryflow.ingest.audit.ChunkStreamAudit;
import io.cryflow.ingest.publish.AudioChunkPublisher;
import io.cryflow.ingest.publish.ProducerSettings;
import io.cryflow.ingest.publish.PublishStats;
import io.cryflow.ingest.scene.ClipLibrary;
import io.cryflow.ingest.scene.CryEpisode;
import io.cryflow.ingest.scene.SceneRooms;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.ingest.source.AudioSource;
import io.cryflow.ingest.source.FolderReplay;
import io.cryflow.ingest.source.MicrophoneSource;
import io.cryflow.ingest.source.WavFileSource;
import io.cryflow.ingest.wav.WavReader;
import io.cryflow.schemas.serde.AvroSerdes;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ./cryflow ingest}: room audio from files, a microphone or simulated scenes to Kafka. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Publishes room audio to Kafka as AudioChunk records keyed by room.",
            "Without --bootstrap-servers it starts an embedded Kafka broker for the run, then reads the",
            "topic back and prints a per-room audit. With no source option it simulates 4 rooms."})
final class IngestCommand implements Callable<Integer> {

    @ParentCommand
    Cryflow parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--scene-rooms", paramLabel = "N", description = "Simulate N rooms: cries mixed over household backgrounds at known times and SNRs.")
    int sceneRooms;

    @Option(names = "--wav", paramLabel = "FILE", arity = "1..*", description = "WAV files, one room each (room id = file name).")
    List<Path> wavFiles = new ArrayList<>();

    @Option(names = "--folder", paramLabel = "DIR", description = "A folder of WAVs: one room per sub-folder, else one per file.")
    Path folder;

    @Option(names = "--mic", description = "Capture the default microphone live as room --room until Ctrl-C.")
    boolean microphone;

    @Option(names = "--room", paramLabel = "ID", defaultValue = "room-1", description = "Room id for --mic (default: ${DEFAULT-VALUE}).")
    String room;

    @Option(names = "--clips", paramLabel = "SET", defaultValue = "bundled",
            description = "Clips for --scene-rooms: bundled (the shipped samples), shared (../shared/data), synthetic, or a folder with cry/ and background/ (default: ${DEFAULT-VALUE}).")
    String clips;

    @Option(names = "--shared-dir", paramLabel = "DIR", defaultValue = "../shared", description = "Where --clips shared finds data/ (default: ${DEFAULT-VALUE}).")
    Path sharedDir;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "60", description = "Length of each simulated room's scene (default: ${DEFAULT-VALUE}).")
    double durationSeconds;

    @Option(names = "--cries", paramLabel = "N", defaultValue = "3", description = "Cry episodes per simulated room (default: ${DEFAULT-VALUE}).")
    int cries;

    @Option(names = "--seed", defaultValue = "1", description = "Scene seed; room i uses seed + i (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--write-scenes", paramLabel = "DIR", description = "Also write each simulated room as DIR/<room>.wav with its ground truth <room>.cries.csv.")
    Path writeScenes;

    @Option(names = "--pace", paramLabel = "MODE", defaultValue = "realtime", description = "realtime (by capture time) or fast (default: ${DEFAULT-VALUE}).")
    String pace;

    @Option(names = "--loop", description = "Replay files and scenes forever (until Ctrl-C).")
    boolean loop;

    @Option(names = "--chunk-ms", paramLabel = "MS", defaultValue = "500", description = "Audio per chunk in milliseconds (default: ${DEFAULT-VALUE}).")
    int chunkMillis;

    @Option(names = "--sample-rate", paramLabel = "HZ", defaultValue = "16000", description = "Pipeline sample rate; sources are resampled to it (default: ${DEFAULT-VALUE}).")
    int sampleRate;

    @Option(names = "--microphone", paramLabel = "ID", defaultValue = "mic-1", description = "Microphone id (default: ${DEFAULT-VALUE}).")
    String microphoneId;

    @Option(names = "--topic", defaultValue = IngestOptions.DEFAULT_TOPIC, description = "Audio topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--compression", defaultValue = "lz4", description = "Producer compression: lz4, zstd, gzip, snappy, none (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", defaultValue = "",
            description = "Kafka cluster to publish to; empty starts an embedded broker for this run (default: embedded).")
    String bootstrapServers;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "0",
            description = "Partitions of the topics the embedded broker creates; 0 keeps the documented default.")
    int partitions;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        IngestOptions options = ingestOptions();
        long startMicros = System.currentTimeMillis() * 1000;
        List<AudioSource> sources = openSources(options, startMicros, out);

        EmbeddedBrokerSession embedded = bootstrapServers.isBlank() ? EmbeddedBrokerSession.start(partitions, out) : null;
        String servers = embedded != null ? embedded.bootstrapServers() : bootstrapServers;
        Properties producer = ProducerSettings.forBootstrap(servers, compression);
        producer.putAll(parent.config().kafkaOverrides());
        try (embedded; AudioChunkPublisher publisher =
                AudioChunkPublisher.create(producer, AvroSerdes.audioChunk().serializer(), topic, compression);
                IngestRunner runner = new IngestRunner(sources, publisher, options)) {
            Thread onCtrlC = new Thread(runner::stop, "cryflow-ingest-shutdown");
            Runtime.getRuntime().addShutdownHook(onCtrlC);
            out.printf("Publishing %d room(s) to %s at %s, %s pacing, %d ms chunks%n", sources.size(), topic, servers,
                    options.pacing() == Pacing.REAL_TIME ? "real-time" : "as-fast-as-possible", chunkMillis);
            out.flush();
            runner.start();
            List<RoomReport> reports = runner.awaitCompletion(Duration.ofDays(365));
            publisher.flush();
            Runtime.getRuntime().removeShutdownHook(onCtrlC);
            printReports(out, reports, publisher.stats());
            boolean failed = reports.stream().anyMatch(r -> r.outcome() == RoomReport.Outcome.FAILED)
                    || publisher.stats().failed() > 0;
            if (embedded != null) {
                failed |= !audit(out, servers, publisher.stats().acknowledged());
            }
            return failed ? 1 : 0;
        } catch (TimeoutException e) {
            throw new IllegalStateException("ingest did not finish", e);
        }
    }

    private IngestOptions ingestOptions() {
        Pacing pacing = switch (pace.toLowerCase(Locale.ROOT)) {
            case "realtime", "real-time", "real_time" -> Pacing.REAL_TIME;
            case "fast" -> Pacing.AS_FAST_AS_POSSIBLE;
            default -> throw new ParameterException(spec.commandLine(), "--pace must be realtime or fast, not " + pace);
        };
        try {
            return IngestOptions.defaults().withTopic(topic).withSampleRate(sampleRate)
                    .withChunkDuration(Duration.ofMillis(chunkMillis)).withPacing(pacing).withLoop(loop)
                    .withCompression(compression).withMicrophoneId(microphoneId);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private List<AudioSource> openSources(IngestOptions options, long startMicros, PrintWriter out) throws IOException {
        int chosen = (sceneRooms > 0 ? 1 : 0) + (wavFiles.isEmpty() ? 0 : 1) + (folder != null ? 1 : 0) + (microphone ? 1 : 0);
        if (chosen > 1) {
            throw new ParameterException(spec.commandLine(), "choose one source: --scene-rooms, --wav, --folder or --mic");
        }
        if (microphone) {
            return List.of(MicrophoneSource.open(room, microphoneId, sampleRate, 100));
        }
        if (folder != null) {
            return FolderReplay.sources(folder, microphoneId, sampleRate, loop, startMicros);
        }
        if (!wavFiles.isEmpty()) {
            List<AudioSource> sources = new ArrayList<>();
            for (Path file : wavFiles) {
                checkReadable(file);
                String name = file.getFileName().toString().replaceFirst("(?i)\\.wav$", "");
                String roomId = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
                sources.add(new WavFileSource(roomId, microphoneId, List.of(file), sampleRate, loop, startMicros));
            }
            return sources;
        }
        return sceneSources(sceneRooms > 0 ? sceneRooms : 4, startMicros, out);
    }

    /** Opens the header now, so a bad file is reported before anything starts. */
    private static void checkReadable(Path file) throws IOException {
        try (WavReader reader = WavReader.open(file)) {
            reader.format();
        }
    }

    private List<AudioSource> sceneSources(int rooms, long startMicros, PrintWriter out) throws IOException {
        ClipLibrary library = clipLibrary();
        SceneSpec sceneSpec = SceneSpec.defaults().withDurationSeconds(durationSeconds).withSampleRate(sampleRate)
                .withCryCount(cries).withSeed(seed);
        List<SceneRoom> scenes = SceneRooms.generate(library, sceneSpec, rooms, "room");
        if (writeScenes != null) {
            Files.createDirectories(writeScenes);
            SceneRooms.write(scenes, writeScenes);
            out.printf("Wrote %d scene(s) with ground truth to %s%n", scenes.size(), writeScenes.toAbsolutePath());
        }
        out.printf("Simulating %d room(s) from %s, %.0f s each:%n", rooms, library.name(), durationSeconds);
        List<AudioSource> sources = new ArrayList<>();
        for (SceneRoom scene : scenes) {
            out.printf("  %-8s cries at %s%n", scene.roomId(), scene.scene().episodes().stream()
                    .map(IngestCommand::describe).collect(Collectors.joining(", ")));
            sources.add(scene.source(microphoneId, loop, startMicros));
        }
        return sources;
    }

    private static String describe(CryEpisode e) {
        return String.format(Locale.ROOT, "%.1f-%.1f s (%s, %.0f dB SNR)", e.startSeconds(), e.endSeconds(),
                e.cause().isEmpty() ? "cry" : e.cause(), e.snrDb());
    }

    private ClipLibrary clipLibrary() throws IOException {
        return ClipLibraries.open(clips, sharedDir);
    }

    private void printReports(PrintWriter out, List<RoomReport> reports, PublishStats stats) {
        for (RoomReport r : reports) {
            out.printf("  %-8s %-6s %6d chunks %8.1f s  %s%s%n", r.roomId(), r.microphoneId(), r.chunks(),
                    r.samples() / (double) sampleRate, r.outcome(), r.error().isEmpty() ? "" : ": " + r.error());
        }
        out.printf("Published %d chunks: %d acknowledged, %d failed%n", stats.sent(), stats.acknowledged(), stats.failed());
        out.flush();
    }

    private boolean audit(PrintWriter out, String servers, long expected) {
        ChunkStreamAudit audit = AudioTopicReader.read(servers, topic, expected, Duration.ofSeconds(60), parent.config().kafkaOverrides());
        out.printf("Read back %d chunks from %s:%n", audit.totalChunks(), topic);
        audit.microphones().forEach(m -> out.println("  " + m));
        boolean ok = audit.clean() && audit.totalChunks() == expected;
        out.println(ok ? "Every room arrived complete, in order, with contiguous sequence numbers."
                : "Audit FAILED: see the lines above.");
        out.flush();
        return ok;
    }
}
