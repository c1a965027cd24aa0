package io.cryflow.testkit;

import java.util.Optional;

/** Reads a test setting from a system property, falling back to an environment variable. */
final class Settings {

    private Settings() {
    }

    static Optional<String> lookup(String property, String env) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(env);
        }
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }
}
