package io.cryflow.cli;

import java.io.IOException;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code ./cryflow} command: one runnable jar, one subcommand per job. */
@Command(
        name = "cryflow",
        mixinStandardHelpOptions = true,
        versionProvider = Cryflow.Version.class,
        description = "Real-time infant-cry detection: room audio -> Kafka -> cry events.",
        footer = {
            "",
            "Every option can also be set by an environment variable CRYFLOW_<OPTION>",
            "(e.g. CRYFLOW_CHUNK_MS) or in a properties file given by --config, keyed",
            "'<subcommand>.<option>' or '<option>'; 'kafka.*' keys go to the Kafka clients."
        },
        subcommands = {IngestCommand.class, FeaturesCommand.class, InferenceCommand.class, DetectCommand.class,
            ClassifyCommand.class, DemoCommand.class, LoadTestCommand.class, DashboardCommand.class, MirrorCommand.class, TopicsCommand.class, BrokerCommand.class, ExportTensorsCommand.class, ScoreTensorsCommand.class, EvaluateCommand.class,
            CommandLine.HelpCommand.class})
public final class Cryflow {

    @Option(names = "--config", paramLabel = "FILE", scope = CommandLine.ScopeType.INHERIT,
            description = "Properties file with defaults for any option (env CRYFLOW_CONFIG).")
    String configFile;

    private final ConfigDefaults config;

    Cryflow(ConfigDefaults config) {
        this.config = config;
    }

    ConfigDefaults config() {
        return config;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> environment) {
        ConfigDefaults config;
        try {
            config = ConfigDefaults.fromArgs(args, environment);
        } catch (IOException e) {
            System.err.println("cryflow: " + e.getMessage());
            return 2;
        }
        return commandLine(config).execute(args);
    }

    static CommandLine commandLine(ConfigDefaults config) {
        return new CommandLine(new Cryflow(config))
                .setDefaultValueProvider(config)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler((e, cmd, parseResult) -> {
                    // A clear one-line reason for users; the stack trace only at debug level.
                    cmd.getErr().println("cryflow " + cmd.getCommandName() + ": " + describe(e));
                    if ("DEBUG".equalsIgnoreCase(System.getenv("CRYFLOW_LOG_LEVEL"))) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                });
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cryflow.class.getPackage().getImplementationVersion();
            return new String[] {"cryflow " + (version == null ? "development build" : version)};
        }
    }
}
