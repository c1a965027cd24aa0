package io.cryflow.ingest.scene;

import io.cryflow.ingest.source.MonoWavStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Clips from a folder laid out as {@code cry/} and {@code background/}, WAV files at any depth
 * below them. A cry's cause is the name of the folder directly under {@code cry/} that holds it
 * (e.g. {@code cry/hungry/a.wav}), empty for files directly in {@code cry/}. Suits a handful of
 * committed sample clips, so scenes can be made without the shared data set.
 */
public final class DirectoryClipLibrary implements ClipLibrary {

    private final Path root;
    private final List<ClipEntry> cries;
    private final List<ClipEntry> backgrounds;

    private DirectoryClipLibrary(Path root, List<ClipEntry> cries, List<ClipEntry> backgrounds) {
        this.root = root;
        this.cries = cries;
        this.backgrounds = backgrounds;
    }

    public static DirectoryClipLibrary open(Path root) throws IOException {
        Path cryDir = root.resolve("cry");
        Path backgroundDir = root.resolve("background");
        if (!Files.isDirectory(cryDir) || !Files.isDirectory(backgroundDir)) {
            throw new IOException(root + ": a clip folder needs cry/ and background/ sub-folders");
        }
        List<ClipEntry> cries = new ArrayList<>();
        for (Path wav : wavs(cryDir)) {
            Path relative = cryDir.relativize(wav);
            String cause = relative.getNameCount() > 1 ? relative.getName(0).toString() : "";
            cries.add(new ClipEntry(id(root, wav), cause));
        }
        List<ClipEntry> backgrounds = new ArrayList<>();
        for (Path wav : wavs(backgroundDir)) {
            backgrounds.add(new ClipEntry(id(root, wav), ""));
        }
        return new DirectoryClipLibrary(root, List.copyOf(cries), List.copyOf(backgrounds));
    }

    private static String id(Path root, Path wav) {
        return root.relativize(wav).toString().replace('\\', '/');
    }

    private static List<Path> wavs(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav"))
                    .sorted().toList();
        }
    }

    @Override
    public String name() {
        return "folder " + root;
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
        return MonoWavStream.readAll(root.resolve(clip.id()), sampleRate);
    }
}
