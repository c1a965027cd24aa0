package io.cryflow.ingest.scene;

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
}
