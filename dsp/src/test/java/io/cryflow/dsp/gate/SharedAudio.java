package io.cryflow.dsp.gate;

import io.cryflow.dsp.testdata.Pcm16Wav;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shared real-audio folder ({@code shared/data} and {@code shared/reference}), found through the
 * {@code cryflow.shared.dir} system property, else the {@code CRYFLOW_SHARED_DIR} environment variable;
 * tests that need it are skipped (JUnit assumption) when it is absent.
 */
final class SharedAudio {

    private final Path root;

    private SharedAudio(Path root) {
        this.root = root;
    }

    static SharedAudio require() {
        Path root = candidate(System.getProperty("cryflow.shared.dir"));
        if (root == null) {
            root = candidate(System.getenv("CRYFLOW_SHARED_DIR"));
        }
        assumeTrue(root != null, "shared audio not found: set -Dcryflow.shared.dir or CRYFLOW_SHARED_DIR to the shared/ folder"
                + " (property: " + System.getProperty("cryflow.shared.dir") + ", env: " + System.getenv("CRYFLOW_SHARED_DIR") + ")");
        return new SharedAudio(root);
    }

    private static Path candidate(String dir) {
        if (dir == null || dir.isBlank()) {
            return null;
        }
        Path root = Path.of(dir);
        return Files.isRegularFile(root.resolve("data/manifest.csv")) && Files.isDirectory(root.resolve("reference")) ? root : null;
    }

    Path data(String relative) {
        return root.resolve("data").resolve(relative);
    }

    Path reference(String relative) {
        return root.resolve("reference").resolve(relative);
    }

    /** A 16 kHz clip of {@code data/}, as doubles in ±1. */
    double[] clip16k(String relative) {
        try {
            Pcm16Wav wav = Pcm16Wav.read(data(relative));
            if (wav.sampleRate != 16000) {
                throw new IllegalStateException(relative + " is at " + wav.sampleRate + " Hz, need 16000");
            }
            return wav.samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Paths of manifest rows with this label, at this sample rate, under this folder prefix, in manifest order. */
    List<String> manifestPaths(String label, int sampleRate, String prefix) {
        try {
            List<String> out = new ArrayList<>();
            List<String> lines = Files.readAllLines(data("manifest.csv"));
            for (String line : lines.subList(1, lines.size())) {
                // path and label never hold commas; sample_rate is the second-to-last column
                String[] cols = line.split(",");
                if (cols.length >= 8 && cols[1].equals(label) && cols[0].startsWith(prefix)
                        && cols[cols.length - 2].equals(Integer.toString(sampleRate))) {
                    out.add(cols[0]);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
