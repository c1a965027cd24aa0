package io.cryflow.ingest.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A folder of WAV files replayed as several rooms.
 *
 * <p>If the folder has sub-folders holding WAV files, each such sub-folder is one room (its files
 * played in name order, one microphone); otherwise each WAV file directly in the folder is one
 * room. Room ids come from the sub-folder or file name, lower-cased, with anything other than
 * letters, digits, '-' and '_' replaced by '_'.
 */
public final class FolderReplay {

    private FolderReplay() {
    }

    /** One room's files. */
    public record Room(String roomId, List<Path> files) {
    }

    /** Finds the rooms in {@code folder}, sorted by room id. */
    public static List<Room> rooms(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException(folder + ": not a folder");
        }
        List<Room> rooms = new ArrayList<>();
        for (Path dir : sorted(folder, Files::isDirectory)) {
            List<Path> wavs = sorted(dir, FolderReplay::isWav);
            if (!wavs.isEmpty()) {
                rooms.add(new Room(roomId(dir.getFileName().toString()), wavs));
            }
        }
        if (rooms.isEmpty()) {
            for (Path wav : sorted(folder, FolderReplay::isWav)) {
                String name = wav.getFileName().toString();
                rooms.add(new Room(roomId(name.substring(0, name.length() - 4)), List.of(wav)));
            }
        }
        if (rooms.isEmpty()) {
            throw new IOException(folder + ": no WAV files in the folder or its sub-folders");
        }
        rooms.sort(java.util.Comparator.comparing(Room::roomId));
        return rooms;
    }

    /** Opens one source per room, each starting its capture clock at {@code startMicros}. */
    public static List<AudioSource> sources(Path folder, String microphoneId, int sampleRate, boolean loop,
            long startMicros) throws IOException {
        List<AudioSource> sources = new ArrayList<>();
        for (Room room : rooms(folder)) {
            sources.add(new WavFileSource(room.roomId(), microphoneId, room.files(), sampleRate, loop, startMicros));
        }
        return sources;
    }

    static String roomId(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "_");
    }

    private static boolean isWav(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".wav");
    }

    private static List<Path> sorted(Path dir, java.util.function.Predicate<Path> filter) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(filter).sorted().toList();
        }
    }
}
