package io.cryflow.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Supplies option defaults from the environment and a properties file, so that every setting of
 * every subcommand can be given in one of three ways, highest precedence first:
 * <ol>
 *   <li>the command-line option, e.g. {@code --chunk-ms 250};</li>
 *   <li>an environment variable {@code CRYFLOW_} + the option name in upper case with dashes as
 *       underscores, e.g. {@code CRYFLOW_CHUNK_MS=250};</li>
 *   <li>a properties file given by {@code --config FILE} (or {@code CRYFLOW_CONFIG}), keyed by
 *       {@code <subcommand>.<option>} or just {@code <option>}, e.g. {@code ingest.chunk-ms=250};</li>
 * </ol>
 * and otherwise the default the option declares. Keys prefixed {@code kafka.} in the file are Kafka
 * client settings, see {@link #kafkaOverrides()}; keys prefixed {@code cryflow.} configure the stream
 * apps, see {@link #appProperties()}.
 */
public final class ConfigDefaults implements IDefaultValueProvider {
    static final String ENV_PREFIX = "CRYFLOW_";
    static final String KAFKA_PREFIX = "kafka.";
    static final String APP_PREFIX = "cryflow.";

    private final Map<String, String> environment;
    private final Properties file;

    public ConfigDefaults(Map<String, String> environment, Properties file) {
        this.environment = Map.copyOf(environment);
        this.file = file;
    }

    /** Reads the file named by {@code --config}/{@code --config=} in args, or by CRYFLOW_CONFIG. */
    public static ConfigDefaults fromArgs(String[] args, Map<String, String> environment) throws IOException {
        String path = environment.get(ENV_PREFIX + "CONFIG");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                path = args[i + 1];
            } else if (args[i].startsWith("--config=")) {
                path = args[i].substring("--config=".length());
            }
        }
        Properties properties = new Properties();
        if (path != null && !path.isBlank()) {
            Path file = Path.of(path);
            if (!Files.isReadable(file)) {
                throw new IOException("configuration file " + file.toAbsolutePath() + " does not exist or is not readable");
            }
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        return new ConfigDefaults(environment, properties);
    }

    @Override
    public String defaultValue(ArgSpec argSpec) {
        if (!(argSpec instanceof OptionSpec option)) {
            return null;
        }
        String name = option.longestName().replaceFirst("^-+", "");
        if (name.equals("config") || name.equals("help") || name.equals("version")) {
            return null;
        }
        String fromEnv = environment.get(environmentName(name));
        if (fromEnv != null) {
            return fromEnv;
        }
        String command = option.command() == null ? null : option.command().name();
        if (command != null) {
            String scoped = file.getProperty(command + "." + name);
            if (scoped != null) {
                return scoped.trim();
            }
        }
        String plain = file.getProperty(name);
        return plain == null ? null : plain.trim();
    }

    /** Kafka client settings from the file ({@code kafka.linger.ms=5} becomes {@code linger.ms=5}). */
    public Properties kafkaOverrides() {
        Properties kafka = new Properties();
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(KAFKA_PREFIX)) {
                kafka.setProperty(key.substring(KAFKA_PREFIX.length()), file.getProperty(key).trim());
            }
        }
        return kafka;
    }

    /**
     * Settings of the stream apps themselves ({@code cryflow.features.reorder.chunks=8} and the like):
     * every {@code cryflow.*} key of the file, overridden by environment variables spelled
     * {@code CRYFLOW_FEATURES_REORDER_CHUNKS} (dots as underscores), plus the Kafka client settings of
     * {@link #kafkaOverrides()}.
     */
    public Properties appProperties() {
        Properties app = new Properties();
        app.putAll(kafkaOverrides());
        for (String key : file.stringPropertyNames()) {
            if (key.startsWith(APP_PREFIX)) {
                app.setProperty(key, file.getProperty(key).trim());
            }
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && name.length() > ENV_PREFIX.length()) {
                app.setProperty(APP_PREFIX + name.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return app;
    }

    static String environmentName(String optionName) {
        return ENV_PREFIX + optionName.toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
    }
}
