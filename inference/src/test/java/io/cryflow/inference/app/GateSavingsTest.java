package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.input.MelWindow;
import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.SceneRooms;
import io.cryflow.ingest.scene.SceneSpec;
import io.cryflow.schemas.CandidateType;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.Float32le;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MelFramesFlag;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * What the energy gate saves and what it costs, measured on generated scenes (bundled real cries over household
 * backgrounds, default scene settings: SNR 0-20 dB, background -35 dBFS): the share of model windows the inference
 * stage scores, and the cry seconds that no scored window covers. Prints the figures the README quotes.
 */
class GateSavingsTest {

    static final int ROOMS = 6;

    /**
     * The generator's scenes chain speech, a running tap, a cat and noise, changing every few seconds: the gate
     * opens on many of those changes, so it saves little here.
     */
    @Test
    void changingHouseholdBackgrounds() throws IOException {
        SceneSpec spec = SceneSpec.defaults().withSeed(21);
        measure("generated scenes (3 cries/min over changing household sounds)", SceneRooms.generate(new BundledClipLibrary(),
                spec, ROOMS, "room").stream().map(r -> new Audio(r.scene().samples(), r.scene().episodes().stream()
                .map(e -> new double[] {e.startSeconds(), e.endSeconds()}).toList())).toList(), 0.9);
    }

    /** A steady background (pink noise at -50 dBFS) with two cries a minute: most windows are never scored. */
    @Test
    void aSteadyBackground() {
        List<Audio> scenes = new ArrayList<>();
        String[] causes = {"hungry", "tired", "burping", "belly_pain", "discomfort", "hungry"};
        for (int i = 0; i < ROOMS; i++) {
            float[] audio = TestScenes.background(60);
            double firstEnd = TestScenes.mixAt(audio, TestScenes.cry(causes[i]), 10 + i);
            double second = 35 + i;
            double secondEnd = TestScenes.mixAt(audio, TestScenes.cry(causes[(i + 1) % causes.length]), second);
            scenes.add(new Audio(audio, List.of(new double[] {10 + i, firstEnd}, new double[] {second, secondEnd})));
        }
        measure("steady background (2 cries/min over pink noise at -50 dBFS)", scenes, 0.6);
    }

    /** A scene's audio and its cries as [start, end) seconds. */
    record Audio(float[] samples, List<double[]> cries) {}

    private static void measure(String name, List<Audio> rooms, double maxScoredShare) {
        double sceneSeconds = rooms.get(0).samples().length / (double) TestScenes.RATE;
        long windows = 0;
        long scored = 0;
        double crySeconds = 0;
        double missedSeconds = 0;
        for (Audio room : rooms) {
            List<FeaturesRun.Chunk> chunks = FeaturesRun.of("room", room.samples());
            MicrophoneWindows state = new MicrophoneWindows(InferenceDriver.SCORER.inputSpec());
            // Full knowledge of the gate first: this measures the gate, not the settling.
            for (FeaturesRun.Chunk chunk : chunks) {
                for (CryCandidate c : chunk.candidates()) {
                    if (c.getType() == CandidateType.START) {
                        state.gateOpened(micros(c.getCaptureMicros()));
                    } else {
                        state.gateClosed(micros(c.getGateOpenedMicros()), micros(c.getCaptureMicros()));
                    }
                }
            }
            List<MelWindow> all = new ArrayList<>();
            for (FeaturesRun.Chunk chunk : chunks) {
                for (MelFrames f : chunk.mel()) {
                    all.addAll(state.addFrames(f.getFirstFrameIndex(), micros(f.getFirstFrameCaptureMicros()), f.getHopMicros(),
                            Float32le.toFloats(f.getLogMel()), f.getFrameCount(), f.getFlags().contains(MelFramesFlag.STREAM_START), 0));
                }
            }
            all.addAll(state.releaseAll());
            List<double[]> gated = new ArrayList<>();
            for (MelWindow w : all) {
                windows++;
                if (state.gateOpenDuring(w)) {
                    scored++;
                    gated.add(new double[] {seconds(w.startCaptureMicros()), seconds(w.endCaptureMicros())});
                }
            }
            for (double[] cry : room.cries()) {
                crySeconds += cry[1] - cry[0];
                missedSeconds += cry[1] - cry[0] - coveredSeconds(gated, cry[0], cry[1]);
            }
        }
        double scoredShare = (double) scored / windows;
        double missedShare = missedSeconds / crySeconds;
        System.out.printf(Locale.ROOT, "gate, %s, %d scenes of %.0f s: scored %d of %d windows (%.1f %%, saves %.1f %%); cry %.1f s, "
                + "of which %.2f s (%.2f %%) in no scored window%n", name, rooms.size(), sceneSeconds, scored, windows,
                100 * scoredShare, 100 * (1 - scoredShare), crySeconds, missedSeconds, 100 * missedShare);
        assertTrue(scoredShare < maxScoredShare, "the gate saves scoring: " + scoredShare);
        assertTrue(missedShare < 0.05, "the gate costs under 5 % of the cry seconds: " + missedShare);
    }

    /** Seconds of [from, to) inside the union of the intervals. */
    private static double coveredSeconds(List<double[]> intervals, double from, double to) {
        List<double[]> clipped = new ArrayList<>();
        for (double[] i : intervals) {
            double s = Math.max(from, i[0]);
            double e = Math.min(to, i[1]);
            if (e > s) {
                clipped.add(new double[] {s, e});
            }
        }
        clipped.sort((a, b) -> Double.compare(a[0], b[0]));
        double covered = 0;
        double reach = from;
        for (double[] i : clipped) {
            if (i[1] > reach) {
                covered += i[1] - Math.max(reach, i[0]);
                reach = i[1];
            }
        }
        return covered;
    }

    private static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private static double seconds(long captureMicros) {
        return (captureMicros - FeaturesRun.t0Micros()) / 1e6;
    }

}
