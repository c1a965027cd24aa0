package io.cryflow.benchmarks.evaluation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EventAgreementTest {

    private static boolean[] seconds(String pattern) {
        boolean[] out = new boolean[pattern.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = pattern.charAt(i) == '1';
        }
        return out;
    }

    @Test
    void matchesOverlappingEventsAndMeasuresOnsetAndOffsetAgainstTheReference() {
        EventAgreement a = new EventAgreement();
        // reference events [2, 6) and [10, 12); the gate: [1, 4) and [5, 7) over the first, nothing on the second, and [14, 15) alone.
        a.add(seconds("0111011000000010"), seconds("0011110000110000"));
        assertEquals(16, a.secondsCompared);
        assertEquals(10, a.secondsAgreeing);
        assertEquals(2, a.referenceEvents);
        assertEquals(1, a.matchedReferenceEvents);
        assertEquals(List.of(-1), a.onsetErrors);
        assertEquals(List.of(1), a.offsetErrors);
        assertEquals(3, a.events);
        assertEquals(1, a.unmatchedEvents);
    }

    @Test
    void comparesOnlyTheCommonLengthAndClosesRunsAtItsEnd() {
        EventAgreement a = new EventAgreement();
        a.add(seconds("00111"), seconds("0011"));
        assertEquals(4, a.secondsCompared);
        assertEquals(List.of(0), a.onsetErrors);
        assertEquals(List.of(0), a.offsetErrors);
        assertEquals(1.0, EventAgreement.quantile(List.of(-3, 1, 2, 0), 0.5, true));
        assertEquals(0.0, EventAgreement.quantile(List.of(-3, 1, 2, 0), 0.5, false));
    }
}
