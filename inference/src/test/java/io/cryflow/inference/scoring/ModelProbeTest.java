package io.cryflow.inference.scoring;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.FaultyModels;
import io.cryflow.inference.model.FaultyModels.Fault;
import io.cryflow.inference.model.OnnxCauseClassifier;
import io.cryflow.inference.model.OnnxCryDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The start-up probe passes the shipped models and refuses, with a message naming the model, any that misbehave. */
class ModelProbeTest {

    private static final OnnxCryDetector DETECTOR = BundledModels.cryDetector();
    private static final OnnxCauseClassifier CLASSIFIER = BundledModels.causeClassifier();

    @AfterAll
    static void closeModels() {
        DETECTOR.close();
        CLASSIFIER.close();
    }

    @Test
    void theShippedModelsPass() {
        assertDoesNotThrow(() -> ModelProbe.requireSaneOutputs(DETECTOR, CLASSIFIER));
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aDetectorWithWrongOutputsIsRefused(Fault fault) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelProbe.requireSaneOutputs(
                new FaultyModels.Detector(DETECTOR).fault(fault), CLASSIFIER));
        assertTrue(e.getMessage().startsWith("refusing to start") && e.getMessage().contains(DETECTOR.version()),
                e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void aClassifierWithWrongOutputsIsRefused(Fault fault) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ModelProbe.requireSaneOutputs(
                DETECTOR, new FaultyModels.Classifier(CLASSIFIER).fault(fault)));
        assertTrue(e.getMessage().startsWith("refusing to start") && e.getMessage().contains(CLASSIFIER.version()),
                e.getMessage());
    }
}
