package io.cryflow.benchmarks;

import java.util.Random;

/**
 * Deterministic benchmark input: a room background (white noise, -40 dBFS RMS) with cry-like harmonic
 * bouts (f0 near 450 Hz, 8 harmonics, 0.9 s on / 0.35 s off) in alternate 5 s stretches, so the gate
 * opens and closes as it would on real audio. Not a stand-in for real data in any accuracy claim.
 */
final class SyntheticRoomAudio {

    private SyntheticRoomAudio() {
    }

    static float[] generate(int sampleRate, double seconds, long seed) {
        Random random = new Random(seed);
        int n = (int) Math.round(seconds * sampleRate);
        float[] out = new float[n];
        double noiseRms = Math.pow(10, -40 / 20.0);
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / sampleRate;
            boolean cryStretch = ((int) (t / 5)) % 2 == 1;
            boolean bout = (t % 1.25) < 0.9;
            double f0 = 450 + 60 * Math.sin(2 * Math.PI * 0.8 * t);
            phase += 2 * Math.PI * f0 / sampleRate;
            double cry = 0;
            if (cryStretch && bout) {
                for (int h = 1; h <= 8; h++) {
                    cry += Math.sin(h * phase) / h;
                }
                cry *= 0.05;
            }
            out[i] = (float) (noiseRms * random.nextGaussian() + cry);
        }
        return out;
    }
}
