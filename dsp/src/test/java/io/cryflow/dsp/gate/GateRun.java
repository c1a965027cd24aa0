package io.cryflow.dsp.gate;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One signal streamed through the feature extractor and a gate, with what the gate decided per frame. */
final class GateRun {

    static final FeatureConfig FEATURES = FeatureConfig.DEFAULT;
    static final DbfsCalibration CALIBRATION = DbfsCalibration.of(FEATURES);

    final List<GateTransition> transitions = new ArrayList<>();
    /** Per frame: inside an open gate (undecided frames at the end count as closed). */
    final boolean[] open;
    /** Per decided frame: smoothed level and floor, dBFS. */
    final double[] level;
    final double[] floor;
    final int frames;

    private GateRun(int frames) {
        this.frames = frames;
        this.open = new boolean[frames];
        this.level = new double[frames];
        this.floor = new double[frames];
    }

    /** Streams {@code signal} in chunks of {@code chunk} samples (0.5 s = 8000 as the features stage does). */
    static GateRun stream(double[] signal, GateConfig config, int chunk) {
        return stream(signal, config, chunk, null);
    }

    /** As {@link #stream(double[], GateConfig, int)} with random chunk sizes when {@code random} is given. */
    static GateRun stream(double[] signal, GateConfig config, int chunk, Random random) {
        int frames = signal.length < FEATURES.nFft() ? 0 : 1 + (signal.length - FEATURES.nFft()) / FEATURES.hopLength();
        GateRun run = new GateRun(frames);
        CryGate gate = new CryGate(config, FEATURES, CALIBRATION, run.transitions::add);
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(FEATURES);
        float[] samples = new float[signal.length];
        for (int i = 0; i < signal.length; i++) {
            samples[i] = (float) signal[i];
        }
        int delay = gate.delayFrames();
        for (int pos = 0; pos < samples.length; ) {
            int length = Math.min(random == null ? chunk : random.nextInt(chunk + 1), samples.length - pos);
            extractor.accept(samples, pos, length, (frame, logMel, energy) -> {
                gate.onFrame(frame, logMel, energy);
                long decided = frame - delay;
                if (decided >= 0) {
                    run.level[(int) decided] = gate.levelDbfs();
                    run.floor[(int) decided] = gate.floorDbfs();
                    run.open[(int) decided] = gate.isOpen(decided);
                }
            });
            pos += length;
        }
        return run;
    }

    /** Per second k: open if any frame starting in [k, k+1) s is open. */
    boolean[] perSecondAny(int seconds) {
        boolean[] out = new boolean[seconds];
        double rate = FEATURES.frameRate();
        for (int f = 0; f < frames; f++) {
            int s = (int) Math.floor(f / rate);
            if (s < seconds && open[f]) {
                out[s] = true;
            }
        }
        return out;
    }

    /** Fraction of frames the gate kept closed: the audio the classifier does not score. */
    double cutFraction() {
        int closed = 0;
        for (boolean o : open) {
            if (!o) {
                closed++;
            }
        }
        return frames == 0 ? 0 : (double) closed / frames;
    }
}
