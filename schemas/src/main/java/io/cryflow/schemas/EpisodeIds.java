package io.cryflow.schemas;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The deterministic {@link CryEvent#getEpisodeId()}: a name-based UUID of the room and the
 * episode's start capture time, so re-running inference over the same audio yields the same ids
 * and downstream consumers can deduplicate.
 */
public final class EpisodeIds {

    private EpisodeIds() {}

    public static String of(String roomId, Instant episodeStart) {
        long startMicros = ChronoUnit.MICROS.between(Instant.EPOCH, episodeStart);
        String name = "cryflow-episode:" + roomId + ":" + startMicros;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
