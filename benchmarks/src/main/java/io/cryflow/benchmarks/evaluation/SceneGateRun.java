package io.cryflow.benchmarks.evaluation;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.dsp.gate.CryGate;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.dsp.gate.GateListener;
import io.cryflow.ingest.scene.Scene;

/**
 * One scene streamed through {@link StreamingFeatureExtractor} and a {@link CryGate} in fixed chunks, as the
 * features stage streams a room, with what the gate decided about each of the scene's frames.
 * <p>A room's stream runs long before any cry, while a scene starts at its first sample, where the gate is
 * still warming up (it cannot open in its first 3 s). So the scene is preceded by a lead-in of its own
 * background, time-reversed so the join is continuous, and followed by a short reversed lead-out so its last
 * frames get decided. Only the scene's own frames are reported.
 */
final class SceneGateRun {

    /** Per scene frame {@code f} (starting at sample {@code f * hop}): inside an open gate. */
    final boolean[] open;
    final int hop;
    final double frameRate;

    private SceneGateRun(boolean[] open, int hop, double frameRate) {
        this.open = open;
        this.hop = hop;
        this.frameRate = frameRate;
    }

    static SceneGateRun stream(Scene scene, GateConfig config, FeatureConfig features, DbfsCalibration calibration,
            double leadInSeconds, int chunkSamples) {
        if (scene.sampleRate() != features.sampleRate()) {
            throw new IllegalArgumentException("scene at " + scene.sampleRate() + " Hz, features at " + features.sampleRate() + " Hz");
        }
        int hop = features.hopLength();
        int n = scene.samples().length;
        // Whole hops, so scene frames line up with stream frames; no longer than the scene's background.
        int leadIn = Math.min(n, (int) Math.round(leadInSeconds * scene.sampleRate())) / hop * hop;
        int leadOut = Math.min(n, scene.sampleRate());
        float[] stream = new float[leadIn + n + leadOut];
        float[] background = scene.background();
        for (int i = 0; i < leadIn; i++) {
            stream[i] = background[leadIn - 1 - i];
        }
        System.arraycopy(scene.samples(), 0, stream, leadIn, n);
        for (int i = 0; i < leadOut; i++) {
            stream[leadIn + n + i] = background[n - 1 - i];
        }

        int sceneFrames = (n + hop - 1) / hop;
        long firstSceneFrame = leadIn / hop;
        boolean[] open = new boolean[sceneFrames];
        CryGate gate = new CryGate(config, features, calibration, GateListener.NONE);
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(features);
        int delay = gate.delayFrames();
        long[] decidedUpTo = {0};
        for (int pos = 0; pos < stream.length; pos += chunkSamples) {
            int length = Math.min(chunkSamples, stream.length - pos);
            extractor.accept(stream, pos, length, (frame, logMel, energy) -> {
                gate.onFrame(frame, logMel, energy);
                long decided = frame - delay;
                long sceneFrame = decided - firstSceneFrame;
                if (sceneFrame >= 0 && sceneFrame < sceneFrames) {
                    open[(int) sceneFrame] = gate.isOpen(decided);
                    decidedUpTo[0] = sceneFrame + 1;
                }
            });
        }
        if (decidedUpTo[0] != sceneFrames) {
            throw new IllegalStateException("only " + decidedUpTo[0] + " of " + sceneFrames + " scene frames decided");
        }
        return new SceneGateRun(open, hop, features.frameRate());
    }

    /** Per whole second {@code s}: open if any frame starting in [s, s + 1) is open. */
    boolean[] perSecond(int seconds) {
        boolean[] out = new boolean[seconds];
        for (int f = 0; f < open.length; f++) {
            int s = (int) Math.floor(f / frameRate);
            if (s < seconds && open[f]) {
                out[s] = true;
            }
        }
        return out;
    }

    int closedFrames() {
        int closed = 0;
        for (boolean o : open) {
            closed += o ? 0 : 1;
        }
        return closed;
    }

    /** Whether the gate is open throughout the samples [from, to): open in every hop-long slot {@code [f * hop, (f + 1) * hop)} they touch. */
    boolean passes(int fromSample, int toSample) {
        int first = fromSample / hop;
        int last = (toSample - 1) / hop;
        for (int f = first; f <= last && f < open.length; f++) {
            if (!open[f]) {
                return false;
            }
        }
        return true;
    }
}
