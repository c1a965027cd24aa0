package io.cryflow.dsp.features;

/** Receives each feature frame of a stream, in order. */
@FunctionalInterface
public interface FeatureFrameListener {

    /**
     * @param frameIndex 0-based frame index since the start of the stream; the frame covers samples
     *                   {@code [frameIndex * hop, frameIndex * hop + nFft)} of the stream
     * @param logMel     {@code 10 log10(max(mel power, 1e-10))} per band; reused after the call returns, copy to keep
     * @param energy     the frame's energy: the sum of its linear mel band powers
     */
    void onFrame(long frameIndex, float[] logMel, double energy);
}
