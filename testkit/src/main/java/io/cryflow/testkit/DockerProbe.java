package io.cryflow.testkit;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Tells whether a Docker engine is reachable, without hanging or logging errors when there is none.
 *
 * <p>Testcontainers' own probe tries every strategy it knows and logs an error for each failure.
 * So it is asked only when there is a hint of an engine: {@code DOCKER_HOST}, a Testcontainers
 * host setting, or one of the usual socket files.
 */
public final class DockerProbe {

    private static final Logger log = LoggerFactory.getLogger(DockerProbe.class);

    private static volatile Boolean reachable;

    private DockerProbe() {
    }

    /** True when Testcontainers can talk to a Docker engine; the answer is computed once per JVM. */
    public static boolean dockerReachable() {
        Boolean answer = reachable;
        if (answer == null) {
            synchronized (DockerProbe.class) {
                answer = reachable;
                if (answer == null) {
                    answer = probe();
                    reachable = answer;
                }
            }
        }
        return answer;
    }

    private static boolean probe() {
        Optional<String> hint = engineHint(System.getenv(), Path.of(System.getProperty("user.home", "/")));
        if (hint.isEmpty()) {
            log.debug("No Docker engine hint (DOCKER_HOST, Testcontainers settings, socket files); not probing");
            return false;
        }
        log.debug("Docker engine hint: {}; asking Testcontainers", hint.get());
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            log.debug("Testcontainers found no usable Docker engine", e);
            return false;
        }
    }

    /** The first sign that a Docker engine may exist, if any. Visible for tests. */
    static Optional<String> engineHint(Map<String, String> env, Path home) {
        for (String variable : List.of("DOCKER_HOST", "TESTCONTAINERS_HOST_OVERRIDE", "TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE")) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(variable + "=" + value);
            }
        }
        Optional<String> configured = testcontainersDockerHost(home.resolve(".testcontainers.properties"));
        if (configured.isPresent()) {
            return configured;
        }
        for (Path socket : socketCandidates(env, home)) {
            if (Files.exists(socket)) {
                return Optional.of(socket.toString());
            }
        }
        return Optional.empty();
    }

    private static List<Path> socketCandidates(Map<String, String> env, Path home) {
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock")));
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            candidates.add(Path.of(runtimeDir, "docker.sock"));
            candidates.add(Path.of(runtimeDir, "podman/podman.sock"));
        }
        return candidates;
    }

    private static Optional<String> testcontainersDockerHost(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        String host = properties.getProperty("docker.host");
        return host == null || host.isBlank() ? Optional.empty() : Optional.of(file + ": docker.host=" + host);
    }
}
