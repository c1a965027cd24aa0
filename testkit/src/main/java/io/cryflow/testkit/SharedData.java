package io.cryflow.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * Locates the project's shared test data ({@code ../shared} beside the repository: real audio and
 * reference DSP vectors), which never lives in the repository itself.
 *
 * <p>Looks at system property {@value #PROPERTY} (set by surefire), then environment variable
 * {@value #ENV}. Tests that need the data are skipped, with a message saying how to provide it,
 * when it is absent.
 */
public final class SharedData {

    public static final String PROPERTY = "cryflow.shared.dir";
    public static final String ENV = "CRYFLOW_SHARED_DIR";

    private SharedData() {
    }

    /** The shared directory if it is configured and exists. */
    public static Optional<Path> locate() {
        return locate(Settings.lookup(PROPERTY, ENV).orElse(null));
    }

    /** The shared directory; skips the calling test when it is absent. */
    public static Path dir() {
        Optional<Path> dir = locate();
        Assumptions.assumeTrue(dir.isPresent(), () -> "Shared test data not found (" + describeSetting()
                + "); set -D" + PROPERTY + " or " + ENV + " to the shared/ directory to run this test");
        return dir.get();
    }

    /** A file or directory inside the shared directory, e.g. {@code data/manifest.csv}; skips the test when absent. */
    public static Path resolve(String relativePath) {
        Path path = dir().resolve(relativePath);
        Assumptions.assumeTrue(Files.exists(path), () -> "Shared test data " + path + " not found; skipping");
        return path;
    }

    static Optional<Path> locate(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        Path dir = Path.of(setting.trim()).toAbsolutePath().normalize();
        return Files.isDirectory(dir) ? Optional.of(dir) : Optional.empty();
    }

    private static String describeSetting() {
        return Settings.lookup(PROPERTY, ENV).map(v -> "looked in " + v).orElse(PROPERTY + " and " + ENV + " unset");
    }
}
