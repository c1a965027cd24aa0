package io.cryflow.broker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.tools.StorageTool;
import net.sourceforge.argparse4j.inf.Namespace;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Formats KRaft storage the way {@code kafka-storage.sh format --ignore-formatted} does, in process.
 *
 * <p>Goes through {@link StorageTool#runFormatCommand} rather than {@code main}, which ends the JVM
 * through Kafka's {@code Exit}. Directories already formatted are left untouched, so a persistent
 * data directory keeps its cluster id and data across restarts.
 */
final class StorageFormatter {

    private static final Logger log = LoggerFactory.getLogger(StorageFormatter.class);

    /** Stands in for {@code --config}: required by the argument parser, never read by runFormatCommand. */
    private static final String UNUSED_CONFIG_PATH = "in-process-config";
    /** Written by the formatter into every log directory it formats. */
    static final String META_PROPERTIES = "meta.properties";

    private StorageFormatter() {
    }

    /**
     * Formats every log directory of {@code config} that is not formatted yet.
     *
     * @param logDir the single log directory of {@code config}
     * @return the cluster id of the storage
     */
    static String formatIfNeeded(KafkaConfig config, Path logDir) {
        // The formatter checks formatted directories against the id it is given, so reuse theirs.
        String clusterId = existingClusterId(logDir).orElseGet(() -> Uuid.randomUuid().toString());
        Namespace arguments = formatArguments(clusterId);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            StorageTool.runFormatCommand(arguments, config, printStream);
        } catch (Exception e) {
            // TerseFailure and FormatterException carry the tool's own explanation.
            throw new BrokerStartException("Formatting Kafka storage failed: " + e.getMessage(), e);
        }
        log.debug("kafka-storage format: {}", output.toString(StandardCharsets.UTF_8).trim());
        return clusterId;
    }

    /** The cluster id recorded by an earlier format, if the directory has one. */
    static Optional<String> existingClusterId(Path logDir) {
        Path metaProperties = logDir.resolve(META_PROPERTIES);
        if (!Files.isRegularFile(metaProperties)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(metaProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + metaProperties, e);
        }
        return Optional.ofNullable(properties.getProperty("cluster.id")).filter(id -> !id.isBlank());
    }

    private static Namespace formatArguments(String clusterId) {
        String[] args = {"format", "--config", UNUSED_CONFIG_PATH, "--cluster-id", clusterId, "--ignore-formatted"};
        try {
            return StorageTool.parseArguments(args);
        } catch (Exception e) {
            // Scala hides the checked ArgumentParserException from javac.
            throw new IllegalStateException("kafka-storage rejected its own format arguments", e);
        }
    }
}
