package io.cryflow.features;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.gate.CryGate;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.dsp.gate.GateTransition;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only place the features stage touches the energy cry gate ({@link CryGate}): one microphone's
 * gate, created fresh or continued from its snapshot, fed the stream's frames by global frame index,
 * collecting its OPEN/CLOSE transitions for the caller to publish as cry candidates.
 */
final class RoomGate {

    private static final Logger log = LoggerFactory.getLogger(RoomGate.class);

    private final List<GateTransition> transitions = new ArrayList<>(2);
    private final CryGate gate;
    private final boolean fresh;

    private RoomGate(GateConfig config, FeatureConfig features, DbfsCalibration calibration, byte[] snapshot, long nextFrame) {
        CryGate restored = continued(config, features, calibration, snapshot, nextFrame);
        this.fresh = restored == null;
        this.gate = fresh ? new CryGate(config, features, calibration, transitions::add) : restored;
    }

    /**
     * A microphone's gate: restored from {@code snapshot} when there is one that fits and expects
     * {@code nextFrame} (in the gate's own numbering) next, otherwise a new gate counting from 0
     * ({@link #isFresh()}; the caller then maps its frame 0 to the stream's next frame).
     */
    static RoomGate open(GateConfig config, FeatureConfig features, DbfsCalibration calibration, byte[] snapshot, long nextFrame) {
        return new RoomGate(config, features, calibration, snapshot, nextFrame);
    }

    /** Whether this gate started now rather than continuing a snapshot. */
    boolean isFresh() {
        return fresh;
    }

    private CryGate continued(GateConfig config, FeatureConfig features, DbfsCalibration calibration, byte[] snapshot, long nextFrame) {
        if (snapshot != null && snapshot.length > 0) {
            try {
                CryGate restored = CryGate.restore(config, features, calibration, transitions::add, snapshot);
                if (restored.nextFrame() == nextFrame) {
                    return restored;
                }
                log.warn("Gate snapshot expects frame {}, stream is at frame {}; starting a new gate", restored.nextFrame(), nextFrame);
            } catch (IllegalArgumentException e) {
                log.warn("Gate snapshot unusable ({}); starting a new gate", e.getMessage());
            }
        }
        return null;
    }

    /** Feeds one frame; the gate numbers its own frames from its start, so only the energy matters here. */
    void accept(double energy) {
        gate.accept(gate.nextFrame(), energy);
    }

    /** Frames fed to this gate since it started (its own frame count). */
    long gateFrames() {
        return gate.nextFrame();
    }

    /** Transitions since the last call, oldest first, with frames in the gate's own numbering. */
    List<GateTransition> takeTransitions() {
        List<GateTransition> taken = List.copyOf(transitions);
        transitions.clear();
        return taken;
    }

    double sensitivityDb() {
        return gate.config().sensitivityDb();
    }

    byte[] snapshot() {
        return gate.snapshot();
    }
}
