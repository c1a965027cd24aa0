package io.cryflow.dsp.detect;

import java.util.ArrayList;
import java.util.List;

/** The reference pre-filter's conversion of a frame mask to whole seconds and runs of seconds. */
public final class PerSecondAggregation {

    private PerSecondAggregation() {
    }

    /**
     * Second {@code k} is flagged if any frame whose time {@code index * hop / sampleRate} lies in
     * {@code [k, k + 1)} is set. As in the reference loop, frame times are {@code numpy.arange(0, duration
     * + step, step)} and a second is emitted only when a later frame reaches the next whole second, so the
     * last second (partial or not) is never emitted.
     *
     * @param mask          per-frame mask
     * @param hop           samples between frames
     * @param sampleRate    sample rate in Hz
     * @param signalSamples length of the analysed signal, which fixes the reference's duration
     */
    public static boolean[] perSecond(boolean[] mask, int hop, double sampleRate, long signalSamples) {
        double step = hop * 1.0 / sampleRate;
        double duration = signalSamples / sampleRate;
        long times = (long) Math.ceil((duration + step) / step);
        long usable = Math.min(times, mask.length);
        List<Boolean> seconds = new ArrayList<>();
        int pointer = 1;
        boolean any = false;
        for (int i = 0; i < usable; i++) {
            double time = i * step;
            if (time < pointer) {
                any |= mask[i];
            } else {
                seconds.add(any);
                any = mask[i];
                pointer++;
            }
        }
        boolean[] out = new boolean[seconds.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = seconds.get(k);
        }
        return out;
    }

    /** Maximal runs of flagged seconds, in order. */
    public static List<SecondRun> runs(boolean[] perSecond) {
        List<SecondRun> runs = new ArrayList<>();
        int start = -1;
        for (int k = 0; k < perSecond.length; k++) {
            if (perSecond[k] && start < 0) {
                start = k;
            } else if (!perSecond[k] && start >= 0) {
                runs.add(new SecondRun(start, k));
                start = -1;
            }
        }
        if (start >= 0) {
            runs.add(new SecondRun(start, perSecond.length));
        }
        return List.copyOf(runs);
    }
}
