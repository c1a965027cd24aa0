package io.cryflow.inference.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.episode.WindowScore;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.FaultyModels;
import io.cryflow.inference.model.FaultyModels.Fault;
import io.cryflow.inference.model.OnnxCauseClassifier;
import io.cryflow.inference.model.OnnxCryDetector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A model's failure or invalid output is a failure of the batch, never a window "not scored". */
class WindowScorerTest {

    private static final OnnxCryDetector DETECTOR = BundledModels.cryDetector();
    private static final OnnxCauseClassifier CLASSIFIER = BundledModels.causeClassifier();

    @AfterAll
    static void closeModels() {
        DETECTOR.close();
        CLASSIFIER.close();
    }

    private static List<MelWindow> windows(int count) {
        int values = DETECTOR.inputSpec().windowValues();
        List<MelWindow> windows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            windows.add(new MelWindow(50L * i, 500_000L * i, 500_000L * i + 2_000_000, new float[values]));
        }
        return windows;
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aDetectorFailingOrGivingNoProbabilitiesFailsTheBatch(Fault fault) {
        WindowScorer scorer = new WindowScorer(new FaultyModels.Detector(DETECTOR).fault(fault), CLASSIFIER);

        ScoringFailedException e = assertThrows(ScoringFailedException.class,
                () -> scorer.score(windows(2), new boolean[] {true, true}, 0.0, failure -> { }));

        assertEquals(ScoringFailedException.Model.DETECTOR, e.model());
        assertTrue(e.getMessage().contains(DETECTOR.version()), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aFailingClassifierKeepsTheDetectorsProbabilitiesAndIsReported(Fault fault) {
        WindowScorer healthy = new WindowScorer(DETECTOR, CLASSIFIER);
        WindowScorer scorer = new WindowScorer(DETECTOR, new FaultyModels.Classifier(CLASSIFIER).fault(fault));
        List<ScoringFailedException> reported = new ArrayList<>();
        boolean[] all = {true, true};

        List<WindowScore> expected = healthy.score(windows(2), all, 0.0);
        List<WindowScore> scores = scorer.score(windows(2), all, 0.0, reported::add);

        assertEquals(1, reported.size(), "the failure is reported once per batch");
        assertEquals(ScoringFailedException.Model.CLASSIFIER, reported.get(0).model());
        for (int i = 0; i < scores.size(); i++) {
            assertEquals(expected.get(i).cryProbability(), scores.get(i).cryProbability(), "window " + i + " keeps its score");
            assertTrue(scores.get(i).isScored());
            assertTrue(scores.get(i).causeProbabilities().isEmpty(), "no causes from a failed classifier");
        }
        assertThrows(ScoringFailedException.class, () -> scorer.score(windows(2), all, 0.0),
                "without a handler (offline commands) the failure fails the batch");
    }

    @Test
    void aScoredWindowCannotHoldNaN() {
        assertThrows(IllegalArgumentException.class, () -> WindowScore.scored(0, 1, Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> new WindowScore(0, 1, 1.5f, java.util.Map.of()));
    }
}
