package io.cryflow.inference.episode;

import java.util.List;

/**
 * An event of a room's episode, as {@link RoomEpisodes} reports it.
 *
 * @param event       the episode's start, times and figures
 * @param microphones the room's microphones that heard the episode so far, sorted
 */
public record RoomEpisodeEvent(EpisodeEvent event, List<String> microphones) {

    public RoomEpisodeEvent {
        microphones = List.copyOf(microphones);
    }
}
