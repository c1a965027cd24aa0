package io.cryflow.ingest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates ../shared (system property cryflow.shared.dir, else env CRYFLOW_SHARED_DIR). */
public final class SharedData {

    private SharedData() {
    }

    /** The shared data folder ({@code shared/data}); skips the calling test when it is absent. */
    public static Path dataDir() {
        String dir = System.getProperty("cryflow.shared.dir");
        if (dir == null || dir.isBlank()) {
            dir = System.getenv("CRYFLOW_SHARED_DIR");
        }
        Path data = dir == null || dir.isBlank() ? null : Path.of(dir).resolve("data");
        assumeTrue(data != null && Files.isRegularFile(data.resolve("manifest.csv")),
                "shared data not found: set -Dcryflow.shared.dir or CRYFLOW_SHARED_DIR to the folder holding "
                        + "data/manifest.csv (looked at " + data + ")");
        return data;
    }
}
