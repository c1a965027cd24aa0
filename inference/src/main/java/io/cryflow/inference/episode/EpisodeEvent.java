package io.cryflow.inference.episode;

import java.util.Map;

/**
 * What the tracker reports about an episode; the stream app turns it into a CryEvent, the offline tools into
 * JSON. Times are capture times in microseconds since the epoch (or since the start of a file offline).
 *
 * @param type               STARTED, UPDATED or ENDED
 * @param episodeStartMicros when the episode began
 * @param episodeEndMicros   when it ended; set on ENDED only, else -1
 * @param eventTimeMicros    the moment this event speaks for: start, latest analysed audio, or end
 * @param confidence         cry probability of the latest scored window of the episode
 * @param peakConfidence     highest window cry probability of the episode
 * @param meanConfidence     mean cry probability over the episode's scored windows
 * @param cause              the lower-case name of the most likely cause, or {@value EpisodeTracker#UNCERTAIN}
 * @param causeProbabilities mean cause probabilities over the episode's classified windows (empty if none)
 */
public record EpisodeEvent(
        Type type,
        long episodeStartMicros,
        long episodeEndMicros,
        long eventTimeMicros,
        float confidence,
        float peakConfidence,
        float meanConfidence,
        String cause,
        Map<String, Float> causeProbabilities) {

    public enum Type { STARTED, UPDATED, ENDED }

    public EpisodeEvent {
        causeProbabilities = Map.copyOf(causeProbabilities);
    }

    /** Length of the episode so far (final on ENDED), in microseconds. */
    public long durationMicros() {
        return (type == Type.ENDED ? episodeEndMicros : eventTimeMicros) - episodeStartMicros;
    }
}
