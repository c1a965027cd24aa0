package io.cryflow.benchmarks.evaluation;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.ingest.scene.Scene;

/**
 * What the gate can see of a cry: per whole second, the SNR in the gate's own band and measure (frame energy
 * after the 350 Hz high-pass, as {@link StreamingFeatureExtractor} computes it) of the loudest 0.25 s of the
 * cry alone in that second against the background alone over the second. The generator's SNR is full-band and
 * averaged over the whole episode, so a 0 dB cry can have seconds far below the background here.
 */
final class BandSnr {

    /** Bucket edges, dB: below the first edge, between edges, at or above the last. */
    static final double[] EDGES = {-10, -5, 0, 5};
    private static final double WINDOW_SECONDS = 0.25;

    private BandSnr() {
    }

    /** Per whole second, dB (NaN where the cry is silent in the band). */
    static double[] perSecond(Scene scene, FeatureConfig features) {
        float[] cry = new float[scene.samples().length];
        for (int i = 0; i < cry.length; i++) {
            cry[i] = scene.samples()[i] - scene.background()[i];
        }
        double[] cryEnergy = energies(cry, features);
        double[] backgroundEnergy = energies(scene.background(), features);
        int perSecond = (int) Math.round(features.frameRate());
        int window = (int) Math.round(WINDOW_SECONDS * features.frameRate());
        int seconds = scene.samples().length / scene.sampleRate();
        double[] out = new double[seconds];
        for (int s = 0; s < seconds; s++) {
            int from = s * perSecond;
            int to = Math.min(cryEnergy.length, from + perSecond);
            double background = 0;
            for (int f = from; f < to; f++) {
                background += backgroundEnergy[f];
            }
            background /= Math.max(1, to - from);
            double loudest = 0;
            for (int f = from; f + window <= to; f++) {
                double sum = 0;
                for (int g = f; g < f + window; g++) {
                    sum += cryEnergy[g];
                }
                loudest = Math.max(loudest, sum / window);
            }
            out[s] = loudest > 0 && background > 0 ? 10 * Math.log10(loudest / background) : Double.NaN;
        }
        return out;
    }

    /** Bucket index of {@code db} among {@link #EDGES}: 0 .. EDGES.length. */
    static int bucket(double db) {
        int k = 0;
        while (k < EDGES.length && !(db < EDGES[k])) {
            k++;
        }
        return k;
    }

    static String bucketLabel(int k) {
        if (k == 0) {
            return "< " + (int) EDGES[0];
        }
        if (k == EDGES.length) {
            return ">= " + (int) EDGES[EDGES.length - 1];
        }
        return "[" + (int) EDGES[k - 1] + ", " + (int) EDGES[k] + ")";
    }

    private static double[] energies(float[] signal, FeatureConfig features) {
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(features);
        int frames = signal.length < features.nFft() ? 0 : 1 + (signal.length - features.nFft()) / features.hopLength();
        double[] out = new double[frames];
        extractor.accept(signal, 0, signal.length, (frame, logMel, energy) -> out[(int) frame] = energy);
        return out;
    }
}
