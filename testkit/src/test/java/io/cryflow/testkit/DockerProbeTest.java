package io.cryflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerProbeTest {

    @TempDir
    Path home;

    @Test
    void dockerHostVariableIsAHint() {
        assertEquals(Optional.of("DOCKER_HOST=tcp://127.0.0.1:2375"),
                DockerProbe.engineHint(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home));
    }

    @Test
    void testcontainersPropertiesDockerHostIsAHint() throws IOException {
        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix:///custom/docker.sock\n");
        Optional<String> hint = DockerProbe.engineHint(Map.of(), home);
        assertTrue(hint.orElse("").contains("docker.host=unix:///custom/docker.sock"), hint.toString());
    }

    @Test
    void socketInRuntimeDirIsAHint() throws IOException {
        Path runtime = Files.createDirectories(home.resolve("run"));
        Files.createFile(runtime.resolve("docker.sock"));
        assertEquals(Optional.of(runtime.resolve("docker.sock").toString()),
                DockerProbe.engineHint(Map.of("XDG_RUNTIME_DIR", runtime.toString()), home));
    }

    @Test
    void nothingMeansNoHint() {
        assumeFalse(Files.exists(Path.of("/var/run/docker.sock")), "this machine has a system Docker socket");
        assertEquals(Optional.empty(), DockerProbe.engineHint(Map.of("XDG_RUNTIME_DIR", home.toString()), home));
    }
}
