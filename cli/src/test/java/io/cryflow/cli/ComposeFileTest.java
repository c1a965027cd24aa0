package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cryflow.features.FeaturesConfig;
import io.cryflow.inference.app.InferenceConfig;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * docker-compose.yml against the real app: every Cryflow service's command parses with the real
 * picocli model, and every environment variable it sets names a real option of that command
 * ({@code CRYFLOW_<OPTION>}) or a setting its stage declares ({@code CRYFLOW_<STAGE>_<KEY>}), so the
 * file cannot drift from the code unnoticed. Where Debian's docker-compose is installed (CI installs
 * it), the file is also validated by it, offline.
 */
class ComposeFileTest {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    private static final String IMAGE = "cryflow:latest";

    @Test
    void everyServiceCommandAndEnvironmentMatchesTheAppsRealOptions() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE.toFile()).get("services");
        Set<String> checked = new HashSet<>();
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) services::fields) {
            JsonNode service = entry.getValue();
            if (!IMAGE.equals(service.path("image").asText())) {
                continue;
            }
            List<String> command = new ArrayList<>();
            service.get("command").forEach(arg -> command.add(arg.asText()));
            Map<String, String> environment = new java.util.TreeMap<>();
            service.path("environment").fields().forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText()));

            CommandLine cli = Cryflow.commandLine(new ConfigDefaults(environment, new Properties()));
            ParseResult parsed;
            try {
                parsed = cli.parseArgs(command.toArray(String[]::new));
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("service " + entry.getKey() + ": " + e.getMessage(), e);
            }
            assertTrue(parsed.hasSubcommand(), "service " + entry.getKey() + " runs a subcommand");
            CommandLine subcommand = parsed.subcommand().commandSpec().commandLine();
            String stage = subcommand.getCommandName();
            Set<String> optionVariables = new HashSet<>();
            for (OptionSpec option : subcommand.getCommandSpec().options()) {
                optionVariables.add(ConfigDefaults.environmentName(option.longestName().replaceFirst("^-+", "")));
            }
            Set<String> settingKeys = declaredSettings(stage);
            for (String variable : environment.keySet()) {
                boolean option = optionVariables.contains(variable);
                String key = "cryflow." + variable.substring("CRYFLOW_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                boolean setting = settingKeys.stream().anyMatch(k -> k.endsWith(".") ? key.startsWith(k) : key.equals(k));
                assertTrue(variable.startsWith("CRYFLOW_") && (option || setting),
                        "service " + entry.getKey() + ": " + variable + " is neither an option of '" + stage
                                + "' nor a setting it reads (" + key + ")");
            }
            checked.add(stage);
        }
        assertEquals(Set.of("topics", "features", "inference", "ingest", "dashboard", "mirror"), checked,
                "every Cryflow service of the deployment was checked");
    }

    @Test
    void debiansDockerComposeAcceptsTheFile() throws Exception {
        Path binary = Path.of("/usr/bin/docker-compose");
        Assumptions.assumeTrue(Files.isExecutable(binary), "docker-compose is not installed here (CI installs it)");
        Process process = new ProcessBuilder(binary.toString(), "-f", COMPOSE.toString(), "config", "-q")
                .redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker-compose config finished");
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.exitValue(), output);
        assertFalse(output.contains("ERROR"), output);
    }

    /** The cryflow.<stage>.* keys a stage's config class declares (constants; prefixes end with a dot). */
    private static Set<String> declaredSettings(String stage) {
        Class<?> config = switch (stage) {
            case "features" -> FeaturesConfig.class;
            case "inference" -> InferenceConfig.class;
            default -> null;
        };
        Set<String> keys = new HashSet<>();
        if (config == null) {
            return keys;
        }
        for (Field field : config.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String value = (String) field.get(null);
                    if (value.startsWith("cryflow." + stage + ".")) {
                        keys.add(value);
                    }
                } catch (IllegalAccessException e) {
                    fail(e);
                }
            }
        }
        return keys;
    }
}
