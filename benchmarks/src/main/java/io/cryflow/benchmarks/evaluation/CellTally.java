package io.cryflow.benchmarks.evaluation;

import java.util.ArrayList;
import java.util.List;

/** What the gate did on the scenes of one background set at one SNR. */
final class CellTally {

    long scenes;
    long crySeconds;
    long crySecondsPassed;
    long activeCryFrames;
    long activeCryFramesPassed;
    long frames;
    long closedFrames;
    long backgroundSeconds;
    long backgroundSecondsOpen;
    /** The offline reference's own cry-second recall on the same scenes (when it was run). */
    long referenceCrySecondsPassed;
    final EventAgreement agreement = new EventAgreement();
    /** Cry seconds and those passed, by {@link BandSnr} bucket (when it was measured). */
    final long[] bandSnrSeconds = new long[BandSnr.EDGES.length + 1];
    final long[] bandSnrPassed = new long[BandSnr.EDGES.length + 1];
    /** Missed cry seconds: "seed s=second clip". */
    final List<String> misses = new ArrayList<>();

    Proportion crySecondRecall() {
        return new Proportion(crySecondsPassed, crySeconds);
    }

    Proportion activeCryRecall() {
        return new Proportion(activeCryFramesPassed, activeCryFrames);
    }

    Proportion cut() {
        return new Proportion(closedFrames, frames);
    }

    Proportion backgroundSecondsOpen() {
        return new Proportion(backgroundSecondsOpen, backgroundSeconds);
    }

    Proportion referenceCrySecondRecall() {
        return new Proportion(referenceCrySecondsPassed, crySeconds);
    }

    void addAll(CellTally other) {
        scenes += other.scenes;
        crySeconds += other.crySeconds;
        crySecondsPassed += other.crySecondsPassed;
        activeCryFrames += other.activeCryFrames;
        activeCryFramesPassed += other.activeCryFramesPassed;
        frames += other.frames;
        closedFrames += other.closedFrames;
        backgroundSeconds += other.backgroundSeconds;
        backgroundSecondsOpen += other.backgroundSecondsOpen;
        referenceCrySecondsPassed += other.referenceCrySecondsPassed;
        agreement.addAll(other.agreement);
        for (int b = 0; b < bandSnrSeconds.length; b++) {
            bandSnrSeconds[b] += other.bandSnrSeconds[b];
            bandSnrPassed[b] += other.bandSnrPassed[b];
        }
        misses.addAll(other.misses);
    }
}
