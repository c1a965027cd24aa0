package io.cryflow.inference.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.inference.episode.WindowScore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlarmTest {

    /** 2 s windows every 0.5 s; probability 0.9 for windows whose centre lies in [from, to), else 0.05. */
    private static List<WindowScore> scores(double seconds, double from, double to) {
        List<WindowScore> scores = new ArrayList<>();
        for (long start = 0; start + 2_000_000 <= seconds * 1e6; start += 500_000) {
            double centre = (start + 1_000_000) / 1e6;
            scores.add(WindowScore.scored(start, start + 2_000_000, centre >= from && centre < to ? 0.9f : 0.05f));
        }
        return scores;
    }

    @Test
    void anEpisodeStartsAtItsFirstCryWindowAndIsReportedAtTheEndOfTheWindowThatConfirmedIt() {
        List<Alarm> alarms = Alarm.replay(scores(30, 10, 15), EpisodeSettings.DEFAULT);
        assertEquals(1, alarms.size());
        Alarm alarm = alarms.get(0);
        assertEquals(10.0, alarm.startSeconds(), 1e-9);
        assertEquals(14.5, alarm.endSeconds(), 1e-9, "the last window centre at or above the off threshold");
        // Onset confirmed by the third window (centre 11.0); minimum duration 1 s is reached at the window centred at 11.0.
        assertEquals(12.0, alarm.reportedSeconds(), 1e-9, "end of the window centred at 11.0 s");
    }

    @Test
    void anEpisodeOpenAtTheEndIsClosedThere() {
        List<Alarm> alarms = Alarm.replay(scores(20, 15, 30), EpisodeSettings.DEFAULT);
        assertEquals(1, alarms.size());
        assertEquals(19.0, alarms.get(0).endSeconds(), 1e-9, "the last window's centre");
    }
}
