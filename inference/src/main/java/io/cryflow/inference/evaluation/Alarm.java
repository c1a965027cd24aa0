package io.cryflow.inference.evaluation;

import io.cryflow.inference.episode.EpisodeEvent;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.inference.episode.EpisodeTracker;
import io.cryflow.inference.episode.WindowScore;
import java.util.ArrayList;
import java.util.List;

/**
 * One reported cry episode (one alarm), in seconds from the scene's start.
 *
 * @param startSeconds    the episode's start as the tracker reports it
 * @param endSeconds      its end
 * @param reportedSeconds when CRY_STARTED was decided: the end of the window whose observation emitted it (the
 *                        earliest moment that window's audio exists; live, settling and processing come on top)
 */
public record Alarm(double startSeconds, double endSeconds, double reportedSeconds) {

    /** The episodes an {@link EpisodeTracker} with {@code settings} reports over the scores, as {@code detect} runs it. */
    public static List<Alarm> replay(List<WindowScore> scores, EpisodeSettings settings) {
        EpisodeTracker tracker = new EpisodeTracker(settings);
        List<Alarm> alarms = new ArrayList<>();
        double[] reported = {Double.NaN};
        for (WindowScore score : scores) {
            for (EpisodeEvent event : tracker.observe(score)) {
                collect(event, score.endMicros() / 1e6, reported, alarms);
            }
        }
        for (EpisodeEvent event : tracker.endNow()) {
            collect(event, Double.NaN, reported, alarms);
        }
        return alarms;
    }

    private static void collect(EpisodeEvent event, double windowEndSeconds, double[] reported, List<Alarm> alarms) {
        if (event.type() == EpisodeEvent.Type.STARTED) {
            reported[0] = windowEndSeconds;
        } else if (event.type() == EpisodeEvent.Type.ENDED) {
            alarms.add(new Alarm(event.episodeStartMicros() / 1e6, event.episodeEndMicros() / 1e6, reported[0]));
        }
    }

    /** Whether the episode overlaps [{@code from}, {@code to}] (seconds). */
    public boolean overlaps(double from, double to) {
        return startSeconds <= to && from <= endSeconds;
    }
}
