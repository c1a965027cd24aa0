package io.cryflow.testkit;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the {@link KafkaCluster} a {@link KafkaBackend} asks for. */
public final class KafkaClusters {

    private static final Logger log = LoggerFactory.getLogger(KafkaClusters.class);

    private KafkaClusters() {
    }

    /** The backend {@code requested} resolves to on this machine; never {@link KafkaBackend#AUTO}. */
    public static KafkaBackend resolve(KafkaBackend requested) {
        if (requested != KafkaBackend.AUTO) {
            return requested;
        }
        return DockerProbe.dockerReachable() ? KafkaBackend.TESTCONTAINERS : KafkaBackend.EMBEDDED;
    }

    /**
     * Starts a cluster of the resolved backend. The caller closes it.
     *
     * @throws IllegalStateException when Testcontainers is asked for explicitly and no Docker engine is reachable
     */
    public static KafkaCluster start(KafkaBackend requested) {
        KafkaBackend backend = resolve(requested);
        if (backend == KafkaBackend.TESTCONTAINERS && !DockerProbe.dockerReachable()) {
            throw new IllegalStateException(KafkaBackend.PROPERTY + "=testcontainers but no Docker engine is reachable;"
                    + " use " + KafkaBackend.PROPERTY + "=embedded or auto");
        }
        KafkaCluster cluster = backend == KafkaBackend.TESTCONTAINERS
                ? ContainerKafkaCluster.start()
                : EmbeddedKafkaCluster.start();
        log.info("Test Kafka ({} requested): {}", requested.name().toLowerCase(Locale.ROOT), cluster);
        return cluster;
    }
}
