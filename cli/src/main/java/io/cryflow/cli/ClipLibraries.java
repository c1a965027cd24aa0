package io.cryflow.cli;

import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.ClipLibrary;
import io.cryflow.ingest.scene.DirectoryClipLibrary;
import io.cryflow.ingest.scene.ManifestClipLibrary;
import io.cryflow.ingest.scene.SyntheticClipLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The clip sets simulated rooms are mixed from, by the name a {@code --clips} option gives. */
final class ClipLibraries {

    private ClipLibraries() {
    }

    /**
     * @param clips     {@code bundled} (the samples in the jar), {@code shared} ({@code sharedDir/data} with its
     *                  manifest), {@code synthetic}, or a directory of WAVs
     * @param sharedDir where {@code shared} looks for {@code data/}
     */
    static ClipLibrary open(String clips, Path sharedDir) throws IOException {
        return switch (clips.toLowerCase(Locale.ROOT)) {
            case "bundled" -> new BundledClipLibrary();
            case "synthetic" -> new SyntheticClipLibrary();
            case "shared" -> {
                Path data = sharedDir.resolve("data");
                if (!Files.isRegularFile(data.resolve("manifest.csv"))) {
                    throw new IOException("--clips shared needs " + data.toAbsolutePath() + "/manifest.csv (set --shared-dir)");
                }
                yield ManifestClipLibrary.open(data);
            }
            default -> DirectoryClipLibrary.open(Path.of(clips));
        };
    }
}
