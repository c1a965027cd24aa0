package io.cryflow.testkit;

import java.util.Locale;

/**
 * Which Kafka the integration tests run against.
 *
 * <p>Chosen by system property {@value #PROPERTY}, else environment variable {@value #ENV},
 * else {@link #AUTO}.
 */
public enum KafkaBackend {
    /** Testcontainers when a Docker engine is reachable, the embedded broker otherwise. */
    AUTO,
    /** The in-process KRaft broker of the {@code broker} module. */
    EMBEDDED,
    /** An {@code apache/kafka} container started through Testcontainers; fails without Docker. */
    TESTCONTAINERS;

    public static final String PROPERTY = "cryflow.test.kafka";
    public static final String ENV = "CRYFLOW_TEST_KAFKA";

    /** The backend asked for by {@value #PROPERTY} / {@value #ENV}; {@link #AUTO} when neither is set. */
    public static KafkaBackend configured() {
        return fromSetting(Settings.lookup(PROPERTY, ENV).orElse(null));
    }

    /** Parses a setting such as {@code embedded}; blank or null means {@link #AUTO}. */
    public static KafkaBackend fromSetting(String setting) {
        if (setting == null || setting.isBlank()) {
            return AUTO;
        }
        try {
            return valueOf(setting.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be auto, embedded or testcontainers, not '" + setting + "'", e);
        }
    }
}
