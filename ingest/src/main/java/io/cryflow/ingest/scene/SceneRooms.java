package io.cryflow.ingest.scene;

import io.cryflow.ingest.source.AudioSource;
import io.cryflow.ingest.source.SignalSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several rooms, each with its own generated scene (seed = spec seed + room index), for demos and
 * load tests: as in-memory sources, and optionally written out with their ground truth.
 */
public final class SceneRooms {

    /** Samples per block handed out by the sources: 0.1 s at 16 kHz. */
    public static final int DEFAULT_BLOCK_SIZE = 1600;

    /** One room's scene. */
    public record SceneRoom(String roomId, Scene scene) {

        /** The scene as a source starting its capture clock at {@code startMicros}. */
        public AudioSource source(String microphoneId, boolean loop, long startMicros) {
            return new SignalSource(roomId, microphoneId, scene.samples(), scene.sampleRate(), DEFAULT_BLOCK_SIZE, loop,
                    startMicros);
        }
    }

    private SceneRooms() {
    }

    /** Generates {@code count} rooms named {@code prefix-0 .. prefix-(count-1)}. */
    public static List<SceneRoom> generate(ClipLibrary library, SceneSpec spec, int count, String prefix)
            throws IOException {
        SceneGenerator generator = new SceneGenerator(library);
        List<SceneRoom> rooms = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rooms.add(new SceneRoom(prefix + "-" + i, generator.generate(spec.withSeed(spec.seed() + i))));
        }
        return rooms;
    }

    /** Writes each room as {@code folder/<roomId>.wav} with {@code <roomId>.cries.csv} beside it. */
    public static void write(List<SceneRoom> rooms, Path folder) throws IOException {
        for (SceneRoom room : rooms) {
            SceneFiles.write(room.scene(), folder.resolve(room.roomId() + ".wav"));
        }
    }
}
