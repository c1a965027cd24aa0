package io.cryflow.benchmarks.evaluation;

import java.util.ArrayList;
import java.util.List;

/**
 * How two per-second detections of the same audio agree: per second, and as events (runs of detected seconds).
 * A reference event is matched when any event of the other detection overlaps it; its onset error is the first
 * overlapping event's start minus the reference start, its offset error the last overlapping event's end minus
 * the reference end (seconds; positive = later than the reference).
 */
final class EventAgreement {

    int secondsCompared;
    int secondsAgreeing;
    int referenceEvents;
    int matchedReferenceEvents;
    int events;
    int unmatchedEvents;
    final List<Integer> onsetErrors = new ArrayList<>();
    final List<Integer> offsetErrors = new ArrayList<>();

    /** Adds one scene: {@code detection} and {@code reference} compared over their common length. */
    void add(boolean[] detection, boolean[] reference) {
        int seconds = Math.min(detection.length, reference.length);
        for (int s = 0; s < seconds; s++) {
            secondsCompared++;
            secondsAgreeing += detection[s] == reference[s] ? 1 : 0;
        }
        List<int[]> refRuns = runs(reference, seconds);
        List<int[]> runs = runs(detection, seconds);
        referenceEvents += refRuns.size();
        events += runs.size();
        for (int[] ref : refRuns) {
            int[] first = null;
            int[] last = null;
            for (int[] run : runs) {
                if (run[0] < ref[1] && ref[0] < run[1]) {
                    first = first == null ? run : first;
                    last = run;
                }
            }
            if (first != null) {
                matchedReferenceEvents++;
                onsetErrors.add(first[0] - ref[0]);
                offsetErrors.add(last[1] - ref[1]);
            }
        }
        for (int[] run : runs) {
            boolean overlaps = false;
            for (int[] ref : refRuns) {
                overlaps |= run[0] < ref[1] && ref[0] < run[1];
            }
            unmatchedEvents += overlaps ? 0 : 1;
        }
    }

    void addAll(EventAgreement other) {
        secondsCompared += other.secondsCompared;
        secondsAgreeing += other.secondsAgreeing;
        referenceEvents += other.referenceEvents;
        matchedReferenceEvents += other.matchedReferenceEvents;
        events += other.events;
        unmatchedEvents += other.unmatchedEvents;
        onsetErrors.addAll(other.onsetErrors);
        offsetErrors.addAll(other.offsetErrors);
    }

    Proportion perSecond() {
        return new Proportion(secondsAgreeing, secondsCompared);
    }

    /** Runs of true seconds as [start, end) within the first {@code seconds}. */
    static List<int[]> runs(boolean[] perSecond, int seconds) {
        List<int[]> out = new ArrayList<>();
        int start = -1;
        for (int s = 0; s <= seconds; s++) {
            boolean on = s < seconds && perSecond[s];
            if (on && start < 0) {
                start = s;
            } else if (!on && start >= 0) {
                out.add(new int[] {start, s});
                start = -1;
            }
        }
        return out;
    }

    /** The q-quantile (nearest rank) of {@code values}, of their absolute values when {@code absolute}. */
    static double quantile(List<Integer> values, double q, boolean absolute) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        int[] sorted = values.stream().mapToInt(v -> absolute ? Math.abs(v) : v).sorted().toArray();
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
