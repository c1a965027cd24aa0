package io.cryflow.ingest.scene;

import io.cryflow.ingest.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a scene as a 16-bit mono WAV with its ground truth beside it. */
public final class SceneFiles {

    private SceneFiles() {
    }

    /**
     * Writes {@code scene} to {@code wav} and its ground truth to {@link #groundTruthPath(Path)}.
     *
     * @return the ground-truth path
     */
    public static Path write(Scene scene, Path wav) throws IOException {
        createParent(wav);
        WavWriter.writePcm16Mono(wav, scene.samples(), scene.sampleRate());
        Path truth = groundTruthPath(wav);
        GroundTruthCsv.write(truth, scene.episodes());
        return truth;
    }

    /** {@code room1.wav} -> {@code room1.cries.csv}, in the same folder. */
    public static Path groundTruthPath(Path wav) {
        return siblingPath(wav, ".cries.csv");
    }

    /** {@code room1.wav} -> {@code room1<suffix>}, in the same folder. */
    static Path siblingPath(Path wav, String suffix) {
        String name = wav.getFileName().toString();
        String stem = name.toLowerCase(java.util.Locale.ROOT).endsWith(".wav") ? name.substring(0, name.length() - 4) : name;
        return wav.resolveSibling(stem + suffix);
    }

    static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
