package io.cryflow.loadtest;

import io.cryflow.ingest.RoomSender;
import io.cryflow.ingest.chunk.ChunkStream;
import io.cryflow.ingest.chunk.Pacer;
import io.cryflow.ingest.publish.ChunkSink;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load test's microphones: every room's chunks go out from one {@link RoomSender} thread, in capture order
 * across rooms, each when its pacer allows its capture end (the load test's pacer is {@linkplain
 * io.cryflow.ingest.Pacing#WALL_CLOCK the system clock}), cut from scenes {@linkplain EncodedScene encoded once}:
 * the rooms playing a scene share its encoding instead of each quantizing it again (a third of the load generator's
 * CPU when each room did). The chunks are the ones the ingest service sends for the same scene and start: same keys,
 * sequence numbers, capture times and bytes.
 */
final class EmulatedMicrophones {

    private EmulatedMicrophones() {
    }

    /**
     * @param rooms        the rooms and their scenes (rooms sharing a scene instance share its encoding)
     * @param starts       each room's capture start
     * @param microphoneId every room's microphone id
     * @param chunkSamples samples per chunk
     * @param sink         where chunks go
     * @param pacer        when each chunk may go, by its capture end; one pacer for all rooms
     * @return the sender, not started
     */
    static RoomSender sender(List<SceneRoom> rooms, RoomStarts starts, String microphoneId, int chunkSamples,
            ChunkSink sink, Pacer pacer) {
        Map<Scene, EncodedScene> encoded = new IdentityHashMap<>();
        List<ChunkStream> streams = new ArrayList<>();
        for (SceneRoom room : rooms) {
            EncodedScene scene = encoded.computeIfAbsent(room.scene(), s -> new EncodedScene(s, chunkSamples));
            streams.add(scene.stream(room.roomId(), microphoneId, starts.of(room.roomId())));
        }
        return new RoomSender("loadtest-microphones", streams, sink, pacer, false);
    }
}
