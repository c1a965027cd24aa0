package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.health.AnalysisHealth;
import io.cryflow.inference.model.FaultyModels;
import io.cryflow.inference.model.FaultyModels.Fault;
import io.cryflow.inference.scoring.WindowScorer;
import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import io.cryflow.streams.DeadLetterProcessingHandler;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A room whose audio arrives but is not analysed never looks quiet: scoring failures and invalid model outputs
 * raise ANALYSIS_FAILED within the offline budget (10 s) and make /health DOWN, and analysis reaching new audio
 * clears it; a failing cause classifier costs only the cause.
 */
class AnalysisLivenessTest {

    private static final String ROOM = InferenceTopologyTest.ROOM;
    private static final long BUDGET_MILLIS = InferenceConfig.DEFAULT_OFFLINE_AFTER.toMillis();

    @TempDir
    Path stateDir;

    /** Every window scored, so the detector runs on the quiet background too. */
    private static Properties scoreEveryWindow() {
        Properties settings = new Properties();
        settings.setProperty(InferenceConfig.SCORE_ALWAYS, "true");
        return settings;
    }

    private static List<MicrophoneStatus> ofState(List<MicrophoneStatus> statuses, MicrophoneState state) {
        return statuses.stream().filter(s -> s.getStatus() == state).toList();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"THROWS", "NAN", "OUT_OF_RANGE"})
    void aFailingDetectorRaisesAnalysisFailedWithinTheBudgetAndRecoveryClearsIt(Fault fault) {
        FaultyModels.Detector detector = new FaultyModels.Detector(InferenceDriver.DETECTOR);
        WindowScorer scorer = new WindowScorer(detector, InferenceDriver.CLASSIFIER);
        AnalysisHealth health = new AnalysisHealth(BUDGET_MILLIS);
        List<FeaturesRun.Chunk> chunks = FeaturesRun.of(ROOM, TestScenes.background(60));
        try (InferenceDriver inference = new InferenceDriver(scoreEveryWindow(), stateDir, FeaturesRun.T0, scorer, health)) {
            inference.feed(chunks.subList(0, 20));
            List<MicrophoneStatus> healthy = inference.status.readValuesToList();
            assertEquals(List.of(), inference.deadLetters.readValuesToList());
            assertFalse(ofState(healthy, MicrophoneState.ANALYSIS_PROGRESS).isEmpty(), "progress is reported while analysed");
            assertTrue(ofState(healthy, MicrophoneState.ANALYSIS_FAILED).isEmpty());
            assertEquals(List.of(), health.problems(chunks.get(19).wallMillis()));

            detector.fault(fault);
            long failingFrom = chunks.get(20).wallMillis();
            Long raisedAt = null;
            List<MicrophoneStatus> statuses = new ArrayList<>();
            for (FeaturesRun.Chunk chunk : chunks.subList(20, 50)) {
                inference.feed(List.of(chunk));
                List<MicrophoneStatus> now = inference.statusChanges();
                statuses.addAll(now);
                if (raisedAt == null && !ofState(now, MicrophoneState.ANALYSIS_FAILED).isEmpty()) {
                    raisedAt = chunk.wallMillis();
                }
            }
            assertNotNull(raisedAt, "ANALYSIS_FAILED while audio arrives unanalysed: " + statuses);
            assertTrue(raisedAt - failingFrom <= BUDGET_MILLIS + 1_000, "raised " + (raisedAt - failingFrom) + " ms after the failure");
            MicrophoneStatus failed = ofState(statuses, MicrophoneState.ANALYSIS_FAILED).get(0);
            assertEquals("mic-1", failed.getMicrophoneId());
            assertNotNull(failed.getAnalysedUpToMicros(), "says how far analysis got");
            assertEquals(failed.getAnalysedUpToMicros(), failed.getSinceMicros(), "not analysed since then");
            assertTrue(failed.getDetail().contains(InferenceDriver.DETECTOR.version()), failed.getDetail());
            assertEquals(List.of(), ofState(statuses, MicrophoneState.MICROPHONE_OFFLINE), "the microphone itself is fine");
            assertEquals(1, ofState(statuses, MicrophoneState.ANALYSIS_FAILED).size(), "raised once");
            List<DeadLetter> dead = inference.deadLetters.readValuesToList();
            assertFalse(dead.isEmpty());
            assertEquals(DeadLetterProcessingHandler.PROCESSING_FAILED, dead.get(0).getReasonCode());
            assertFalse(health.problems(chunks.get(49).wallMillis()).isEmpty(), "/health is DOWN while analysis fails");

            detector.fault(Fault.NONE);
            inference.feed(chunks.subList(50, chunks.size()));
            List<MicrophoneStatus> after = inference.statusChanges();
            assertEquals(1, ofState(after, MicrophoneState.ANALYSIS_RESUMED).size(), "recovery clears the alarm: " + after);
            assertTrue(after.get(after.size() - 1).getAnalysedUpToMicros().isAfter(failed.getAnalysedUpToMicros()));
            long end = chunks.get(chunks.size() - 1).wallMillis();
            assertTrue(health.problems(end).stream().noneMatch(p -> p.contains("ANALYSIS_")), health.problems(end).toString());
            assertEquals(List.of(), health.problems(end + BUDGET_MILLIS), "UP again once the failures are a budget old");
        }
    }

    @Test
    void aFailingCauseClassifierKeepsTheEpisodeWithCauseUncertainAndIsReported() {
        FaultyModels.Classifier classifier = new FaultyModels.Classifier(InferenceDriver.CLASSIFIER).fault(Fault.THROWS);
        WindowScorer scorer = new WindowScorer(InferenceDriver.DETECTOR, classifier);
        AnalysisHealth health = new AnalysisHealth(BUDGET_MILLIS);
        InferenceTopologyTest.OneCry scene = InferenceTopologyTest.OneCry.make();
        List<FeaturesRun.Chunk> chunks = FeaturesRun.of(ROOM, scene.audio());
        try (InferenceDriver inference = new InferenceDriver(new Properties(), stateDir, FeaturesRun.T0, scorer, health)) {
            List<CryEvent> events = new ArrayList<>();
            List<String> problems = List.of();
            for (FeaturesRun.Chunk chunk : chunks) {
                List<CryEvent> now = inference.feed(List.of(chunk));
                if (!InferenceTopologyTest.ofType(now, CryEventType.CRY_STARTED).isEmpty()) {
                    problems = health.problems(chunk.wallMillis());
                }
                events.addAll(now);
            }

            List<CryEvent> started = InferenceTopologyTest.ofType(events, CryEventType.CRY_STARTED);
            assertEquals(1, started.size(), "the detector's result is kept: " + InferenceTopologyTest.types(events));
            assertEquals(CryCause.UNCERTAIN, started.get(0).getCause());
            assertEquals(1, InferenceTopologyTest.ofType(events, CryEventType.CRY_ENDED).size());
            assertEquals(List.of(), inference.deadLetters.readValuesToList(), "no record is lost to it");
            assertEquals(List.of(), inference.statusChanges(), "the room is analysed: no alarm");
            assertTrue(problems.stream().anyMatch(p -> p.startsWith("classifier") && p.contains(InferenceDriver.CLASSIFIER.version())),
                    problems.toString());
        }
    }

    @Test
    void progressReportsHowFarTheAudioHasBeenAnalysed() {
        List<FeaturesRun.Chunk> chunks = FeaturesRun.of(ROOM, TestScenes.background(20));
        try (InferenceDriver inference = new InferenceDriver(stateDir)) {
            inference.feed(chunks);
            List<MicrophoneStatus> progress = ofState(inference.status.readValuesToList(), MicrophoneState.ANALYSIS_PROGRESS);
            assertTrue(progress.size() >= 3, "every 5 s of 20 s: " + progress.size());
            MicrophoneStatus last = progress.get(progress.size() - 1);
            double analysed = InferenceTopologyTest.seconds(last.getAnalysedUpToMicros());
            // The last report went out at 15 s of wall clock: audio up to 1 s settling and a hop behind it was analysed.
            assertTrue(analysed >= 13 && analysed <= 15, "analysed up to " + analysed + " s");
            Instant previous = Instant.MIN;
            for (MicrophoneStatus report : progress.subList(1, progress.size())) {
                assertTrue(report.getAnalysedUpToMicros().isAfter(previous), "moves on");
                previous = report.getAnalysedUpToMicros();
            }
        }
    }
}
