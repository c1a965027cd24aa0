package io.cryflow.ingest.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.source.AudioSource;
import io.cryflow.ingest.source.FolderReplay;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneRoomsTest {

    @TempDir
    Path dir;

    @Test
    void roomsGetDistinctScenesAndReplayFromTheWrittenFolder() throws Exception {
        SceneSpec spec = SceneSpec.defaults().withDurationSeconds(12).withCryCount(1).withMinGapSeconds(1).withMaxCrySeconds(4);
        List<SceneRooms.SceneRoom> rooms = SceneRooms.generate(new SyntheticClipLibrary(), spec, 3, "nursery");
        assertEquals(List.of("nursery-0", "nursery-1", "nursery-2"), rooms.stream().map(SceneRooms.SceneRoom::roomId).toList());
        assertNotEquals(rooms.get(0).scene().episodes(), rooms.get(1).scene().episodes());

        AudioSource source = rooms.get(0).source("mic-1", false, 0L);
        long samples = 0;
        for (var block = source.read(); block != null; block = source.read()) {
            samples += block.samples().length;
        }
        assertEquals(12 * 16000, samples);

        SceneRooms.write(rooms, dir);
        assertTrue(Files.isRegularFile(dir.resolve("nursery-1.cries.csv")));
        assertEquals(List.of("nursery-0", "nursery-1", "nursery-2"),
                FolderReplay.rooms(dir).stream().map(FolderReplay.Room::roomId).toList());
    }

    @Test
    void fartherMicrophonesHearTheSameBackgroundAndWeakerCries() throws Exception {
        SceneSpec spec = SceneSpec.defaults().withDurationSeconds(12).withCryCount(1).withMinGapSeconds(1).withMaxCrySeconds(4);
        SceneRooms.SceneRoom room = SceneRooms.generate(new SyntheticClipLibrary(), spec, 1, "bay").get(0);
        float[] near = room.heardBy(0);
        float[] far = room.heardBy(2);
        float[] background = room.scene().background();
        assertArrayEquals(room.scene().samples(), near);
        double nearCry = 0;
        double farCry = 0;
        for (int i = 0; i < near.length; i++) {
            nearCry += Math.abs(near[i] - background[i]);
            farCry += Math.abs(far[i] - background[i]);
        }
        assertTrue(nearCry > 0, "the scene has a cry");
        assertEquals(0.09, farCry / nearCry, 1e-4, "two steps of 0.3 in amplitude");
        List<AudioSource> sources = room.sources(3, false, 0L);
        assertEquals(List.of("mic-1", "mic-2", "mic-3"), sources.stream().map(AudioSource::microphoneId).toList());
        assertTrue(sources.stream().allMatch(source -> source.roomId().equals("bay-0")));
    }
}
