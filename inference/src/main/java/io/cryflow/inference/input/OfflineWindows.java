package io.cryflow.inference.input;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows the serving path would build for a whole clip: the clip goes through a fresh
 * {@link StreamingFeatureExtractor} in blocks, every frame into a {@link WindowAssembler}, exactly
 * as the features and inference stages do it frame by frame. Used by the tensor export, so training
 * sees what serving sees.
 */
public final class OfflineWindows {

    /** Samples fed to the extractor per call; the result does not depend on it. */
    public static final int BLOCK_SAMPLES = 8000;

    private OfflineWindows() {
    }

    /**
     * @param samples      the clip at {@code featureConfig.sampleRate()}, full scale ±1
     * @param startMicros  capture time of its first sample
     */
    public static List<MelWindow> of(float[] samples, FeatureConfig featureConfig, ModelInputSpec spec,
            long startMicros) {
        spec.requireCompatible(featureConfig);
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(featureConfig);
        WindowAssembler assembler = new WindowAssembler(spec);
        long hopMicros = Math.round(featureConfig.hopLength() * 1_000_000.0 / featureConfig.sampleRate());
        List<MelWindow> windows = new ArrayList<>();
        for (int offset = 0; offset < samples.length; offset += BLOCK_SAMPLES) {
            int length = Math.min(BLOCK_SAMPLES, samples.length - offset);
            extractor.accept(samples, offset, length, (frameIndex, logMel, energy) ->
                    windows.addAll(assembler.accept(frameIndex, startMicros + frameIndex * hopMicros, hopMicros,
                            logMel, 1, frameIndex == 0)));
        }
        return windows;
    }
}
