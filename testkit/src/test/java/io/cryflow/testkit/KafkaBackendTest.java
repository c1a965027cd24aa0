package io.cryflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

class KafkaBackendTest {

    @Test
    void parsesSettingsCaseInsensitively() {
        assertEquals(KafkaBackend.AUTO, KafkaBackend.fromSetting(null));
        assertEquals(KafkaBackend.AUTO, KafkaBackend.fromSetting("  "));
        assertEquals(KafkaBackend.AUTO, KafkaBackend.fromSetting("auto"));
        assertEquals(KafkaBackend.EMBEDDED, KafkaBackend.fromSetting(" Embedded "));
        assertEquals(KafkaBackend.TESTCONTAINERS, KafkaBackend.fromSetting("TESTCONTAINERS"));
    }

    @Test
    void rejectsUnknownSettingsWithTheChoices() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> KafkaBackend.fromSetting("docker"));
        assertTrue(error.getMessage().contains("auto, embedded or testcontainers"), error.getMessage());
    }

    @Test
    void explicitBackendsResolveToThemselves() {
        assertEquals(KafkaBackend.EMBEDDED, KafkaClusters.resolve(KafkaBackend.EMBEDDED));
        assertEquals(KafkaBackend.TESTCONTAINERS, KafkaClusters.resolve(KafkaBackend.TESTCONTAINERS));
    }

    @Test
    void testcontainersWithoutDockerFailsClearly() {
        assumeFalse(DockerProbe.dockerReachable(), "a Docker engine is reachable here");
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> KafkaClusters.start(KafkaBackend.TESTCONTAINERS));
        assertTrue(error.getMessage().contains("no Docker engine"), error.getMessage());
        assertEquals(KafkaBackend.EMBEDDED, KafkaClusters.resolve(KafkaBackend.AUTO));
    }
}
