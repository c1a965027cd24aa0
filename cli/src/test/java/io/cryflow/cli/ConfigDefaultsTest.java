package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class ConfigDefaultsTest {

    @Command(name = "probe")
    static final class Probe implements Runnable {
        @Option(names = "--chunk-ms", defaultValue = "500") int chunkMs;
        @Option(names = "--topic", defaultValue = "cryflow.audio.chunks") String topic;
        @Option(names = "--rooms", defaultValue = "4") int rooms;
        @Override public void run() { }
    }

    private static Probe parse(ConfigDefaults defaults, String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).setDefaultValueProvider(defaults).parseArgs(args);
        return probe;
    }

    @Test
    void optionBeatsEnvironmentBeatsFileBeatsDeclaredDefault(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cryflow.properties");
        Files.writeString(file, "probe.chunk-ms=250\ntopic=from-file\nrooms=7\nkafka.linger.ms=5\n");
        Map<String, String> env = Map.of("CRYFLOW_ROOMS", "9");
        ConfigDefaults defaults = ConfigDefaults.fromArgs(new String[] {"--config", file.toString()}, env);

        Probe fromSources = parse(defaults);
        assertEquals(250, fromSources.chunkMs, "scoped key from the file");
        assertEquals("from-file", fromSources.topic, "plain key from the file");
        assertEquals(9, fromSources.rooms, "environment beats the file");

        Probe fromCommandLine = parse(defaults, "--rooms", "2", "--chunk-ms", "100");
        assertEquals(2, fromCommandLine.rooms);
        assertEquals(100, fromCommandLine.chunkMs);

        Probe declared = parse(new ConfigDefaults(Map.of(), new Properties()));
        assertEquals(500, declared.chunkMs);
        assertEquals("cryflow.audio.chunks", declared.topic);

        assertEquals("5", defaults.kafkaOverrides().getProperty("linger.ms"));
        assertEquals(1, defaults.kafkaOverrides().size());
    }

    @Test
    void configFileFromEnvironmentAndEqualsSyntax(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.properties");
        Files.writeString(file, "rooms=3\n");
        assertEquals(3, parse(ConfigDefaults.fromArgs(new String[0], Map.of("CRYFLOW_CONFIG", file.toString()))).rooms);
        assertEquals(3, parse(ConfigDefaults.fromArgs(new String[] {"--config=" + file}, Map.of())).rooms);
    }

    @Test
    void missingConfigFileIsAClearError(@TempDir Path dir) {
        IOException e = assertThrows(IOException.class,
                () -> ConfigDefaults.fromArgs(new String[] {"--config", dir.resolve("nope.properties").toString()}, Map.of()));
        assertTrue(e.getMessage().contains("nope.properties"), e.getMessage());
    }

    @Test
    void appPropertiesComeFromTheFileTheEnvironmentAndKafkaKeys(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("app.properties");
        Files.writeString(file, "cryflow.features.reorder.chunks=8\ncryflow.features.silence.after.ms=3000\n"
                + "kafka.commit.interval.ms=50\nrooms=2\n");
        ConfigDefaults defaults = ConfigDefaults.fromArgs(new String[] {"--config", file.toString()},
                Map.of("CRYFLOW_FEATURES_SILENCE_AFTER_MS", "7000"));
        Properties app = defaults.appProperties();
        assertEquals("8", app.getProperty("cryflow.features.reorder.chunks"));
        assertEquals("7000", app.getProperty("cryflow.features.silence.after.ms"), "environment beats the file");
        assertEquals("50", app.getProperty("commit.interval.ms"));
        assertEquals(null, app.getProperty("rooms"), "option defaults are not app settings");
    }

    @Test
    void environmentNames() {
        assertEquals("CRYFLOW_BOOTSTRAP_SERVERS", ConfigDefaults.environmentName("bootstrap-servers"));
        assertEquals("CRYFLOW_CHUNK_MS", ConfigDefaults.environmentName("chunk-ms"));
    }

    @Test
    void unreadableConfigGivesExitCodeTwo(@TempDir Path dir) {
        assertEquals(2, Cryflow.run(new String[] {"--config", dir.resolve("missing").toString(), "--version"}, Map.of()));
        assertEquals(0, Cryflow.run(new String[] {"--version"}, Map.of()));
    }
}
