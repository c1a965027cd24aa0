package io.cryflow.benchmarks.evaluation;

import io.cryflow.dsp.detect.ReferenceCryPreFilter;
import io.cryflow.dsp.detect.ReferencePreFilterConfig;
import io.cryflow.dsp.resample.KaiserSincDesign;
import io.cryflow.dsp.resample.PolyphaseSincResampler;
import io.cryflow.ingest.scene.Scene;

/**
 * The offline reference pre-filter (Yao et al.) run on a whole scene: resampled to its 22 050 Hz (as
 * librosa.load does for it), then {@link ReferenceCryPreFilter} with the published parameters.
 */
final class SceneReferenceRun {

    private final ReferenceCryPreFilter filter = new ReferenceCryPreFilter(ReferencePreFilterConfig.YAO);

    /** Per whole second of the scene, as the reference emits it (its last second is never emitted). */
    boolean[] perSecond(Scene scene) {
        int rate = filter.config().sampleRate();
        PolyphaseSincResampler resampler = new PolyphaseSincResampler(scene.sampleRate(), rate, KaiserSincDesign.DEFAULT);
        float[] body = resampler.process(scene.samples(), 0, scene.samples().length);
        float[] tail = resampler.flush();
        double[] signal = new double[body.length + tail.length];
        for (int i = 0; i < body.length; i++) {
            signal[i] = body[i];
        }
        for (int i = 0; i < tail.length; i++) {
            signal[body.length + i] = tail[i];
        }
        return filter.run(signal).perSecond();
    }
}
