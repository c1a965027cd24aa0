package io.cryflow.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CausePredictionTest {

    @Test
    void theTopCauseIsNamedOnlyAtOrAboveTheThreshold() {
        float[] p = {0.1f, 0.5f, 0.2f, 0.1f, 0.1f};
        assertEquals("tired", CausePrediction.of(p, 0.5f).cause());
        assertEquals(CausePrediction.UNCERTAIN, CausePrediction.of(p, 0.51f).cause());
        assertEquals(0.5f, CausePrediction.of(p, 0.9f).confidence());
    }

    @Test
    void probabilitiesAreKeyedByCauseInOrder() {
        CausePrediction p = CausePrediction.of(new float[] {0.6f, 0.1f, 0.1f, 0.1f, 0.1f}, 0.3f);
        assertEquals(List.of("hungry", "tired", "burping", "belly_pain", "discomfort"),
                List.copyOf(p.probabilityByCause().keySet()));
        assertEquals(0.6f, p.probabilityByCause().get("hungry"));
    }

    @Test
    void theMeanOfSeveralWindowsIsDecidedAgain() {
        CausePrediction a = CausePrediction.of(new float[] {0.9f, 0.1f, 0f, 0f, 0f}, 0.6f);
        CausePrediction b = CausePrediction.of(new float[] {0.1f, 0.9f, 0f, 0f, 0f}, 0.6f);
        CausePrediction mean = CausePrediction.mean(List.of(a, b), 0.6f);
        assertEquals(CausePrediction.UNCERTAIN, mean.cause());
        assertEquals(0.5f, mean.probabilities()[0], 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> CausePrediction.of(new float[4], 0.5f));
    }
}
