package io.cryflow.loadtest;

import io.cryflow.ingest.scene.SceneRooms.SceneRoom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each load-test room's capture begins. Rooms start spread evenly over one chunk after the stream's start, so
 * that their chunks end (and are sent) at distinct instants, as independent microphones' do, not all at once.
 *
 * @param streamStartMicros capture start of the first room, microseconds since the Unix epoch
 * @param byRoom            capture start of each room
 */
record RoomStarts(long streamStartMicros, Map<String, Long> byRoom) {

    RoomStarts {
        byRoom = Map.copyOf(byRoom);
    }

    /** Room {@code i} of {@code n} starts {@code i * chunkMicros / n} after {@code streamStartMicros}. */
    static RoomStarts spread(List<SceneRoom> rooms, long streamStartMicros, long chunkMicros) {
        if (chunkMicros <= 0) {
            throw new IllegalArgumentException("chunk duration must be positive, got " + chunkMicros + " us");
        }
        Map<String, Long> starts = new LinkedHashMap<>();
        for (int i = 0; i < rooms.size(); i++) {
            if (starts.put(rooms.get(i).roomId(), streamStartMicros + i * chunkMicros / rooms.size()) != null) {
                throw new IllegalArgumentException("room " + rooms.get(i).roomId() + " is listed twice");
            }
        }
        return new RoomStarts(streamStartMicros, starts);
    }

    /**
     * @throws IllegalArgumentException for a room not in the load test
     */
    long of(String roomId) {
        Long start = byRoom.get(roomId);
        if (start == null) {
            throw new IllegalArgumentException("room " + roomId + " is not in the load test");
        }
        return start;
    }
}
