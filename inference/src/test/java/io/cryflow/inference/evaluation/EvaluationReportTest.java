package io.cryflow.inference.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryflow.inference.episode.EpisodeSensitivity;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.ingest.scene.DistractorEvent;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Aggregation of hand-made scene outcomes into the report. */
class EvaluationReportTest {

    private static DistractorEvent event(double seconds, String soundClass) {
        return new DistractorEvent(0, Math.round(seconds * 1000), 1000, soundClass, -20, List.of("x.wav"));
    }

    /** Two 30-minute scenes: three bouts (two detected, one with two alarms), three false alarms. */
    private static List<SceneOutcome> scenes() {
        SceneOutcome first = new SceneOutcome(1800, List.of(
                new SceneOutcome.BoutOutcome("baby-a", true, 1, 1.0, 3.0),
                new SceneOutcome.BoutOutcome("baby-b", false, 0, Double.NaN, Double.NaN)),
                List.of("music", "music"), List.of(event(360, "music"), event(120, "dog")));
        SceneOutcome second = new SceneOutcome(1800, List.of(new SceneOutcome.BoutOutcome("baby-a", true, 2, -1.0, 5.0)),
                List.of(SoundClass.BED), List.of(event(240, "music")));
        return List.of(first, second);
    }

    @Test
    void recallAlarmsPerEpisodeFalseAlarmsAndClassesAddUp() {
        EvaluationReport.SensitivityResult r = EvaluationReport.result("NORMAL", EpisodeSettings.DEFAULT, scenes(), 200, 1);
        assertEquals(3, r.bouts());
        assertEquals(2, r.detected());
        assertEquals(2.0 / 3, r.recall(), 1e-12);
        assertEquals(1.5, r.alarmsPerEpisode(), 1e-12, "3 alarms on 2 detected bouts");
        assertEquals(3, r.falseAlarms());
        assertEquals(3.0, r.falseAlarmsPerHour(), 1e-12, "3 in one hour");
        assertEquals(0.0, r.onsetDelay().p50(), 1e-12);
        assertEquals(4.0, r.reportDelay().p50(), 1e-12);
        Map<String, EvaluationReport.ClassResult> byClass = new java.util.HashMap<>();
        r.byClass().forEach(c -> byClass.put(c.soundClass(), c));
        assertEquals(List.of("bed", "dog", "music"), r.byClass().stream().map(EvaluationReport.ClassResult::soundClass).toList());
        assertEquals(10.0, byClass.get("music").minutes(), 1e-9);
        assertEquals(12.0, byClass.get("music").perHourOfClass(), 1e-9, "2 in 10 minutes of music");
        assertEquals(2.0, byClass.get("music").perHourOfAll(), 1e-9);
        assertEquals(0, byClass.get("dog").falseAlarms());
        assertEquals(60.0, byClass.get("bed").minutes(), 1e-9);
        assertEquals(1.0, byClass.get("bed").perHourOfClass(), 1e-9);
        assertTrue(r.recallCi()[0] <= r.recall() && r.recall() <= r.recallCi()[1]);
        assertTrue(r.falseAlarmsPerHourCi()[0] <= 3 && 3 <= r.falseAlarmsPerHourCi()[1]);
        assertEquals(List.of("recall 0.67 < 0.95", "FA/h 3.0 > 1", "music 12.0/h > 2", "alarms/episode 1.50 > 1.1"), r.misses());
        assertFalse(r.targetsMet());
    }

    @Test
    void allTargetsMetWhenEveryBoutIsFoundOnceWithoutFalseAlarms() {
        SceneOutcome clean = new SceneOutcome(3600, List.of(new SceneOutcome.BoutOutcome("baby-a", true, 1, 0.5, 2.5)),
                List.of(), List.of(event(60, "dog")));
        EvaluationReport.SensitivityResult r = EvaluationReport.result("LOW", EpisodeSettings.DEFAULT, List.of(clean), 100, 1);
        assertTrue(r.targetsMet(), r.misses().toString());
        assertEquals(1.0, r.recall());
        assertEquals(0.0, r.falseAlarmsPerHour());
    }

    @Test
    void theJsonCarriesTheTablesContent() throws Exception {
        Map<EpisodeSensitivity, List<SceneOutcome>> outcomes = new EnumMap<>(EpisodeSensitivity.class);
        Map<EpisodeSensitivity, EpisodeSettings> settings = new EnumMap<>(EpisodeSensitivity.class);
        for (EpisodeSensitivity s : EpisodeSensitivity.values()) {
            outcomes.put(s, scenes());
            settings.put(s, EpisodeSettings.DEFAULT.withSensitivity(s));
        }
        EvaluationReport.Header header = new EvaluationReport.Header("det@1+cls@2", "split.json", 5, List.of("data"), 9, 2,
                1800, 1.0, Map.of("cry", new EvaluationClips.Count(3, 2)), Map.of(), 3, 2,
                Map.of("music", new EvaluationReport.Events(2, 10.0)), 200, EvaluationReport.bootstrapUnits());
        EvaluationReport report = new EvaluationReport(header, EvaluationReport.results(outcomes, settings, 200, 9));
        JsonNode json = new ObjectMapper().readTree(report.json());
        assertEquals("det@1+cls@2", json.get("header").get("models").asText());
        assertEquals(List.of("LOW", "NORMAL", "HIGH"), json.get("sensitivities").findValuesAsText("sensitivity"));
        JsonNode normal = json.get("sensitivities").get(1);
        assertEquals(2, normal.get("bouts_detected").asInt());
        assertEquals(2, normal.get("recall_ci95").size());
        assertFalse(normal.get("targets_met").asBoolean());
        assertEquals(3, normal.get("false_alarms_by_class").size());
        String text = report.text();
        assertTrue(text.contains("2 scenes x 1800 s = 1.00 h, seed 9; 3 bouts from 2 cry groups"), text);
        assertTrue(text.contains("NORMAL      0.500 x 3        2/3 0.67"), text);
        assertTrue(text.contains("music 12.0/h > 2"), text);
    }
}
