package io.cryflow.ingest.scene;

import io.cryflow.ingest.csv.Csv;
import io.cryflow.ingest.source.MonoWavStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Clips from the shared data set's {@code manifest.csv} (columns path, label, cause, ...): cries
 * are the rows labelled {@code cry} (the unscreened {@code cry?} rows are left out), backgrounds
 * the {@code non_cry} rows under the given path prefixes.
 */
public final class ManifestClipLibrary implements ClipLibrary {

    /**
     * Background folders by default: room-like noise, environmental sounds, music and read speech.
     * Spoken single digits and words are left out: too short to make a background of.
     */
    public static final List<String> DEFAULT_BACKGROUND_PREFIXES = List.of(
            "wids_tutorial/background_noise/", "baby_cry_detection/noise/", "librosa-data/music/",
            "librosa-data/speech/");

    private final Path dataDir;
    private final List<ClipEntry> cries;
    private final List<ClipEntry> backgrounds;

    private ManifestClipLibrary(Path dataDir, List<ClipEntry> cries, List<ClipEntry> backgrounds) {
        this.dataDir = dataDir;
        this.cries = List.copyOf(cries);
        this.backgrounds = List.copyOf(backgrounds);
    }

    /** Reads {@code dataDir/manifest.csv} with the default background prefixes. */
    public static ManifestClipLibrary open(Path dataDir) throws IOException {
        return open(dataDir, DEFAULT_BACKGROUND_PREFIXES);
    }

    /** Reads {@code dataDir/manifest.csv}, taking backgrounds only under {@code backgroundPrefixes}. */
    public static ManifestClipLibrary open(Path dataDir, List<String> backgroundPrefixes) throws IOException {
        Path manifest = dataDir.resolve("manifest.csv");
        if (!Files.isRegularFile(manifest)) {
            throw new IOException(manifest + ": manifest not found");
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(manifest + ": empty manifest");
        }
        List<String> header = Csv.split(lines.get(0));
        int pathColumn = column(header, "path", manifest);
        int labelColumn = column(header, "label", manifest);
        int causeColumn = column(header, "cause", manifest);
        List<ClipEntry> cries = new ArrayList<>();
        List<ClipEntry> backgrounds = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> row = Csv.split(lines.get(i));
            if (row.size() < header.size()) {
                throw new IOException(manifest + ":" + (i + 1) + ": " + row.size() + " fields, header has " + header.size());
            }
            String path = row.get(pathColumn);
            String label = row.get(labelColumn);
            if (label.equals("cry")) {
                cries.add(new ClipEntry(path, row.get(causeColumn)));
            } else if (label.equals("non_cry") && backgroundPrefixes.stream().anyMatch(path::startsWith)) {
                backgrounds.add(new ClipEntry(path, ""));
            }
        }
        return new ManifestClipLibrary(dataDir, cries, backgrounds);
    }

    private static int column(List<String> header, String name, Path manifest) throws IOException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw new IOException(manifest + ": no '" + name + "' column in the header " + header);
        }
        return i;
    }

    @Override
    public String name() {
        return "manifest " + dataDir.resolve("manifest.csv");
    }

    @Override
    public List<ClipEntry> cries() {
        return cries;
    }

    @Override
    public List<ClipEntry> backgrounds() {
        return backgrounds;
    }

    @Override
    public float[] load(ClipEntry clip, int sampleRate) throws IOException {
        return MonoWavStream.readAll(dataDir.resolve(clip.id()), sampleRate);
    }
}
