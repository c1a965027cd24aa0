package io.cryflow.inference.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.scene.CryBout;
import io.cryflow.ingest.scene.DistractorEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Matching alarms with hand-made truth. */
class SceneOutcomeTest {

    private static CryBout bout(double start, double end, String group) {
        return new CryBout(Math.round(start * 1000), Math.round(end * 1000), 1000, -20, 10, group, List.of(group + ".wav"));
    }

    private static DistractorEvent event(double start, double end, String soundClass) {
        return new DistractorEvent(Math.round(start * 1000), Math.round(end * 1000), 1000, soundClass, -20, List.of("x.wav"));
    }

    @Test
    void aBoutWithOneEpisodeIsDetectedOnceWithItsDelays() {
        SceneOutcome outcome = SceneOutcome.match(List.of(bout(20, 30, "baby-a")), List.of(), 120,
                List.of(new Alarm(21.5, 31, 23.0)));
        SceneOutcome.BoutOutcome b = outcome.bouts().get(0);
        assertTrue(b.detected());
        assertEquals(1, b.alarms());
        assertEquals(1.5, b.onsetDelay(), 1e-9);
        assertEquals(3.0, b.reportDelay(), 1e-9);
        assertEquals("baby-a", b.group());
        assertTrue(outcome.falseAlarms().isEmpty());
    }

    @Test
    void twoEpisodesInOneBoutAreTwoAlarmsAndNoFalseAlarm() {
        SceneOutcome outcome = SceneOutcome.match(List.of(bout(20, 40, "baby-a")), List.of(), 120,
                List.of(new Alarm(19.5, 26, 21), new Alarm(33, 41, 35), new Alarm(44.5, 46, 46)));
        assertEquals(3, outcome.bouts().get(0).alarms(), "the third starts within 5 s of the bout's end: still its alarm");
        assertEquals(-0.5, outcome.bouts().get(0).onsetDelay(), 1e-9, "the earliest alarm's start");
        assertTrue(outcome.falseAlarms().isEmpty());
    }

    @Test
    void anAlarmOutsideEveryBoutWindowIsAFalseAlarmOfTheDistractorItOverlapsMost() {
        List<DistractorEvent> events = List.of(event(50, 52, "dog"), event(52.5, 60, "music"), event(80, 85, "siren"));
        SceneOutcome outcome = SceneOutcome.match(List.of(bout(20, 30, "baby-a")), events, 120,
                List.of(new Alarm(51, 55, 53), new Alarm(35.5, 37, 37)));
        assertEquals(List.of("music", "bed"), outcome.falseAlarms(),
                "51..55 (reach 50..56) overlaps dog 2 s and music 3.5 s; 35.5..37 lies past the bout's window and any event");
        assertFalse(outcome.bouts().get(0).detected(), "35.5 is more than 5 s after the bout's end");
        assertTrue(Double.isNaN(outcome.bouts().get(0).onsetDelay()));
    }

    @Test
    void anAlarmOverTheBedOnlyIsTheBeds() {
        SceneOutcome outcome = SceneOutcome.match(List.of(), List.of(event(10, 12, "dog")), 60,
                List.of(new Alarm(30, 33, 32)));
        assertEquals(List.of(SoundClass.BED), outcome.falseAlarms());
        assertTrue(outcome.bouts().isEmpty());
    }

    @Test
    void anAlarmJustBeforeABoutWithinOneSecondCountsForIt() {
        SceneOutcome outcome = SceneOutcome.match(List.of(bout(20, 30, "baby-a")), List.of(event(15, 19.2, "dog")), 120,
                List.of(new Alarm(17, 19.1, 18)));
        assertTrue(outcome.bouts().get(0).detected(), "ends 0.9 s before the bout: inside its window");
        assertTrue(outcome.falseAlarms().isEmpty());
    }
}
