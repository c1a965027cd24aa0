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

    /**
     * How much of the cries each further microphone of a room hears, as an amplitude factor on the previous one's
     * (10.5 dB weaker): the background is the room's and the same for all, the cot is farther away.
     */
    public static final float FARTHER_MICROPHONE_CRY_GAIN = 0.3f;

    /** One room's scene. */
    public record SceneRoom(String roomId, Scene scene) {

        /** The scene as a source starting its capture clock at {@code startMicros}. */
        public AudioSource source(String microphoneId, boolean loop, long startMicros) {
            return new SignalSource(roomId, microphoneId, scene.samples(), scene.sampleRate(), DEFAULT_BLOCK_SIZE, loop,
                    startMicros);
        }

        /**
         * What the room's microphone number {@code index} hears: 0 is the scene itself, each further one the same
         * background with the cries {@link #FARTHER_MICROPHONE_CRY_GAIN} as loud as the one before.
         */
        public float[] heardBy(int index) {
            if (index < 0) {
                throw new IllegalArgumentException("microphone index must be >= 0, got " + index);
            }
            if (index == 0) {
                return scene.samples();
            }
            float gain = (float) Math.pow(FARTHER_MICROPHONE_CRY_GAIN, index);
            float[] samples = scene.samples();
            float[] background = scene.background();
            float[] heard = new float[samples.length];
            for (int i = 0; i < heard.length; i++) {
                heard[i] = background[i] + gain * (samples[i] - background[i]);
            }
            return heard;
        }

        /**
         * One source per microphone, {@code mic-1} (the scene) to {@code mic-<count>} (each farther from the cot,
         * see {@link #heardBy}), all starting their capture clocks at {@code startMicros}.
         */
        public List<AudioSource> sources(int count, boolean loop, long startMicros) {
            List<AudioSource> sources = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                sources.add(new SignalSource(roomId, "mic-" + (i + 1), heardBy(i), scene.sampleRate(), DEFAULT_BLOCK_SIZE,
                        loop, startMicros));
            }
            return sources;
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
