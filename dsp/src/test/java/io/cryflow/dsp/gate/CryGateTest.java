package io.cryflow.dsp.gate;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate's logic on synthetic frame energies (calibrated so that energy 1 is 0 dBFS), and its stream
 * properties: exact delay, hang-over, minimum open time, sensitivity, floor adaptation, snapshot/restore,
 * chunk-size invariance.
 */
class CryGateTest {

    private static final FeatureConfig FEATURES = FeatureConfig.DEFAULT; // 100 frames/s
    private static final DbfsCalibration UNIT = DbfsCalibration.ofFullScaleEnergy(1.0);
    private static final GateConfig CONFIG = GateConfig.DEFAULT;
    private static final int D = 25;   // default look-ahead, frames
    private static final int H = 200;  // default hang-over, frames
    private static final int WARM_UP = 300;

    private static double energy(double dbfs) {
        return Math.pow(10, dbfs / 10);
    }

    /** Feeds {@code frames} energies; returns the transitions. */
    private static List<GateTransition> feed(GateConfig config, int frames, IntToDoubleFunction dbfs) {
        List<GateTransition> out = new ArrayList<>();
        CryGate gate = new CryGate(config, FEATURES, UNIT, out::add);
        for (int f = 0; f < frames; f++) {
            gate.accept(f, energy(dbfs.applyAsDouble(f)));
        }
        return out;
    }

    @Test
    void decisionsLagTheInputByExactlyTheLookAhead() {
        int onset = 1000;
        List<GateTransition> seen = new ArrayList<>();
        List<Long> emittedDuring = new ArrayList<>();
        long[] current = new long[1];
        CryGate gate = new CryGate(CONFIG, FEATURES, UNIT, t -> {
            seen.add(t);
            emittedDuring.add(current[0]);
        });
        assertEquals(D, gate.delayFrames());
        assertEquals(0.25, gate.delaySeconds(), 1e-12);
        for (int f = 0; f < 1500; f++) {
            current[0] = f;
            gate.accept(f, energy(f >= onset ? -20 : -60));
            assertEquals(Math.max(0, f + 1 - D), gate.decidedFrames());
        }
        // The centred window first reaches the loud frame when deciding frame onset - D, at the arrival of frame onset.
        assertEquals(GateTransition.Kind.OPEN, seen.get(0).kind());
        assertEquals(onset - D, seen.get(0).frame());
        assertEquals(onset, emittedDuring.get(0));
        assertEquals((onset - D) / 100.0, seen.get(0).timeSeconds(), 1e-12);
        assertEquals(-60, seen.get(0).floorDbfs(), 0.01);
        assertTrue(gate.isOpen(onset - D));
        assertFalse(gate.isOpen(onset - D - 1));
        assertThrows(IllegalArgumentException.class, () -> gate.isOpen(gate.decidedFrames()));
    }

    @Test
    void closesOnlyAfterTheHangOverOfQuietAndBridgesShorterPauses() {
        // Bursts of 0.8 s separated by 1.5 s pauses (shorter than the 2 s hang-over), then silence.
        IntToDoubleFunction bursts = f -> f >= 1000 && f < 2000 && (f - 1000) % 230 < 80 ? -25 : -60;
        List<GateTransition> t = feed(CONFIG, 3000, bursts);
        assertEquals(2, t.size(), "one open interval: " + t);
        int lastLoud = 1000 + 4 * 230 + 79; // last loud input frame
        // The smoothed level stays above the close threshold until lastLoud + D; then H quiet frames are hang-over.
        assertEquals(lastLoud + D + H + 1, t.get(1).frame());
        assertEquals(GateTransition.Kind.CLOSE, t.get(1).kind());

        // A shorter hang-over than the pauses splits the bursts.
        List<GateTransition> split = feed(CONFIG.withHangoverSeconds(0.5), 3000, bursts);
        assertEquals(10, split.size());
    }

    @Test
    void minimumOpenTimeHoldsAShortClickOpen() {
        int click = 1000;
        IntToDoubleFunction oneFrame = f -> f == click ? -20 : -60;
        GateConfig noHangOver = CONFIG.withHangoverSeconds(0);
        List<GateTransition> t = feed(noHangOver, 2000, oneFrame);
        assertEquals(click - D, t.get(0).frame());
        assertEquals(click - D + 100, t.get(1).frame(), "open for the 1 s minimum");
        GateConfig noMinimum = new GateConfig(0.25, 2.0, 0.5, -70.0, 0.0, 0.0, 0.0, 0.1, 15.0, 0.05, 0.9, 3.0, 2.0, 3.0);
        List<GateTransition> bare = feed(noMinimum, 2000, oneFrame);
        assertEquals(click + D + 1, bare.get(1).frame(), "open exactly while the click is in the window");
    }

    @Test
    void sensitivityShiftsTheThresholds() {
        // Steady background at -50 dBFS, then a 2 s plateau a few dB above it.
        for (double rise : new double[] {1.5, 4.0}) {
            IntToDoubleFunction plateau = f -> f >= 1500 && f < 1700 ? -50 + rise : -50;
            boolean low = !feed(CONFIG.withSensitivity(Sensitivity.LOW), 2500, plateau).isEmpty();
            boolean normal = !feed(CONFIG.withSensitivity(Sensitivity.NORMAL), 2500, plateau).isEmpty();
            List<GateTransition> highTransitions = feed(CONFIG.withSensitivity(Sensitivity.HIGH), 2500, plateau);
            boolean high = !highTransitions.isEmpty();
            if (high) {
                long opened = highTransitions.get(0).frame();
                assertTrue(opened >= 1500 - D && opened <= 1500, "HIGH opens on the plateau, not on the steady room: " + opened);
            }
            if (rise == 1.5) {
                assertFalse(low || normal, "1.5 dB is below the 2 dB margin");
                assertTrue(high, "HIGH lowers the threshold by 3 dB");
            } else {
                assertFalse(low, "LOW raises the threshold to 5 dB");
                assertTrue(normal && high);
            }
        }
    }

    @Test
    void atEverySensitivityTheGateClosesWhenALoudSoundStopsInASteadyRoom() {
        // A steady room at -50 dBFS with +-1 dB frame-to-frame jitter, 4 s of a loud sound at 20 s, then 36 s of
        // the room again. Whatever the sensitivity, the room's own level must count as quiet: the gate closes
        // within the hang-over of the sound's end and the room alone keeps it closed nearly all the time.
        Random random = new Random(5);
        double[] room = new double[6000];
        for (int f = 0; f < room.length; f++) {
            room[f] = -50 + random.nextGaussian();
        }
        int soundStart = 2000;
        int soundEnd = 2400;
        for (double sensitivityDb : new double[] {-6, -3, 0, 1.5, 3, 6, 12}) {
            List<GateTransition> t = feed(CONFIG.withSensitivityDb(sensitivityDb), room.length,
                    f -> f >= soundStart && f < soundEnd ? -25 : room[f]);
            String at = "sensitivity " + sensitivityDb + " dB: " + t;
            int opening = -1;
            for (int i = 0; i < t.size(); i += 2) {
                if (t.get(i).frame() <= soundStart - D && (i + 1 == t.size() || t.get(i + 1).frame() > soundStart)) {
                    opening = i;
                }
            }
            assertTrue(opening >= 0, "open when the sound starts; " + at);
            assertTrue(opening + 1 < t.size(), "closes after the sound; " + at);
            long closed = t.get(opening + 1).frame();
            assertTrue(closed <= soundEnd + D + H + 1, "closes within the hang-over of the sound's end; " + at);
            long openAfter = 0;
            for (int i = opening + 2; i < t.size(); i += 2) {
                long until = i + 1 < t.size() ? t.get(i + 1).frame() : room.length - D;
                openAfter += until - t.get(i).frame();
            }
            assertTrue(openAfter <= 0.2 * (room.length - D - closed), "the room alone keeps it closed; " + at);
            if (sensitivityDb <= 0) {
                assertEquals(2, t.size(), "the room alone never opens it; " + at);
            }
        }
    }

    @Test
    void aNearSilentRoomOpensOnlyAboveTheAbsoluteMinimum() {
        assertTrue(feed(CONFIG, 2000, f -> f >= 1000 && f < 1200 ? -80 : -110).isEmpty(), "-80 dBFS is below -70 dBFS");
        List<GateTransition> t = feed(CONFIG, 2000, f -> f >= 1000 && f < 1200 ? -60 : -110);
        assertEquals(-70.0, t.get(0).thresholdDbfs(), 1e-9);
    }

    @Test
    void aSteadySoundSwitchingOnBecomesFloorWhileACryWithBreathsDoesNot() {
        // Steady: from -60 to -30 dBFS at 10 s. It opens, then closes once the 5th percentile of the 15 s window is the new level.
        List<GateTransition> steady = feed(CONFIG, 6000, f -> f >= 1000 ? -30 : -60);
        assertEquals(2, steady.size());
        double closedAfter = (steady.get(1).frame() - 1000) / 100.0;
        assertTrue(closedAfter > 13 && closedAfter < 18, "closed " + closedAfter + " s after onset");

        // Cry-like: 2 minutes of 0.9 s bouts and 0.35 s breaths over the same background, after 10 s of it.
        int end = 1000 + 12000;
        List<GateTransition> cry = feed(CONFIG, end + 1000, f -> f >= 1000 && f < end && (f - 1000) % 125 < 90 ? -30 : -60);
        assertEquals(2, cry.size(), "one open interval over the whole cry: " + cry);
        assertTrue(cry.get(0).frame() <= 1000 && cry.get(1).frame() >= end, cry.toString());
    }

    @Test
    void snapshotAndRestoreMidStreamGiveIdenticalDecisions() {
        Random random = new Random(7);
        double[] dbfs = new double[9000];
        for (int f = 0; f < dbfs.length; f++) {
            boolean burst = (f / 300) % 3 == 1 && random.nextDouble() < 0.8;
            dbfs[f] = (burst ? -30 : -55) + 3 * random.nextGaussian();
        }
        List<GateTransition> whole = new ArrayList<>();
        CryGate reference = new CryGate(CONFIG, FEATURES, UNIT, whole::add);
        for (int f = 0; f < dbfs.length; f++) {
            reference.accept(f, energy(dbfs[f]));
        }
        assertTrue(whole.size() >= 6, "the stream has several transitions: " + whole.size());

        for (int cut : new int[] {1, 17, 2500, 4321, 8999}) {
            List<GateTransition> resumed = new ArrayList<>();
            CryGate first = new CryGate(CONFIG, FEATURES, UNIT, resumed::add);
            for (int f = 0; f < cut; f++) {
                first.accept(f, energy(dbfs[f]));
            }
            byte[] snapshot = first.snapshot();
            assertTrue(snapshot.length < 4096, "snapshot " + snapshot.length + " bytes");
            CryGate second = CryGate.restore(CONFIG, FEATURES, UNIT, resumed::add, snapshot);
            for (int f = cut; f < dbfs.length; f++) {
                second.accept(f, energy(dbfs[f]));
            }
            assertEquals(whole, resumed, "cut at " + cut);
            for (long f = Math.max(0, second.decidedFrames() - 3000); f < second.decidedFrames(); f++) {
                assertEquals(reference.isOpen(f), second.isOpen(f), "frame " + f);
            }
            assertEquals(reference.levelDbfs(), second.levelDbfs());
            assertEquals(reference.floorDbfs(), second.floorDbfs());
        }
    }

    @Test
    void corruptOrMismatchedSnapshotsAreRejected() {
        CryGate gate = new CryGate(CONFIG, FEATURES, UNIT, GateListener.NONE);
        for (int f = 0; f < 500; f++) {
            gate.accept(f, energy(-40));
        }
        byte[] snapshot = gate.snapshot();
        byte[] badVersion = snapshot.clone();
        badVersion[4] = 99;
        assertThrows(IllegalArgumentException.class, () -> CryGate.restore(CONFIG, FEATURES, UNIT, GateListener.NONE, badVersion));
        byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length - 3);
        assertThrows(IllegalArgumentException.class, () -> CryGate.restore(CONFIG, FEATURES, UNIT, GateListener.NONE, truncated));
        GateConfig otherDelay = new GateConfig(0.5, 2.0, 0.5, -70.0, 0.0, 2.0, 1.0, 0.1, 15.0, 0.05, 0.9, 3.0, 2.0, 3.0);
        assertThrows(IllegalArgumentException.class, () -> CryGate.restore(otherDelay, FEATURES, UNIT, GateListener.NONE, snapshot));
        // A room's sensitivity may change across a restore.
        CryGate.restore(CONFIG.withSensitivity(Sensitivity.HIGH), FEATURES, UNIT, GateListener.NONE, snapshot);
    }

    @Test
    void framesMustArriveInOrderWithValidEnergy() {
        CryGate gate = new CryGate(CONFIG, FEATURES, UNIT, GateListener.NONE);
        gate.accept(0, 1e-5);
        assertThrows(IllegalArgumentException.class, () -> gate.accept(2, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> gate.accept(1, -1));
        assertThrows(IllegalArgumentException.class, () -> gate.accept(1, Double.NaN));
    }

    @Test
    void transitionsDoNotDependOnChunkSizeThroughTheFeatureExtractor() {
        // 40 s of noise with 1 kHz-ish tone bursts at varying levels: several openings and closings.
        Random random = new Random(3);
        float[] signal = new float[40 * 16000];
        for (int i = 0; i < signal.length; i++) {
            double t = i / 16000.0;
            double burst = ((int) t) % 7 < 3 && t > 5 ? 0.05 * (1 + ((int) t) % 4) : 0;
            signal[i] = (float) (0.003 * random.nextGaussian() + burst * Math.sin(2 * Math.PI * (800 + 50 * ((int) t % 5)) * t));
        }
        List<GateTransition> reference = run(signal, new int[] {8000}, null);
        assertTrue(reference.size() >= 4, "transitions: " + reference);
        for (int seed = 0; seed < 8; seed++) {
            assertEquals(reference, run(signal, new int[] {1 + new Random(seed).nextInt(12000)}, new Random(seed)), "seed " + seed);
        }
        assertEquals(reference, run(signal, new int[] {signal.length}, null));
    }

    private static List<GateTransition> run(float[] signal, int[] chunk, Random random) {
        List<GateTransition> out = new ArrayList<>();
        CryGate gate = new CryGate(CONFIG, FEATURES, out::add);
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(FEATURES);
        for (int pos = 0; pos < signal.length; ) {
            int length = Math.min(random == null ? chunk[0] : random.nextInt(chunk[0] + 1), signal.length - pos);
            extractor.accept(signal, pos, length, gate);
            pos += length;
        }
        return out;
    }
}
