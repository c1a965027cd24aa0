package io.cryflow.ingest.scene;

/**
 * Which parts of a clip are active, by short-time energy.
 *
 * <p>The clip is cut into consecutive frames of {@code frameLength} samples (the last one may be
 * shorter); a frame is active when its mean square is non-zero and within {@code thresholdDb} of
 * the loudest frame's. This defines both the span a clip occupies in a scene (first to last
 * active frame) and the "active samples" over which a cry's level is measured for its SNR, so
 * pauses between cry bursts do not dilute the cry's level.
 */
public final class ClipActivity {

    private final int frameLength;
    private final boolean[] active;
    private final double activePower;
    private final int firstActive;
    private final int lastActive;

    private ClipActivity(float[] x, int from, int to, int frameLength, double thresholdDb) {
        this.frameLength = frameLength;
        int frames = (to - from + frameLength - 1) / frameLength;
        double[] power = new double[frames];
        double max = 0.0;
        for (int f = 0; f < frames; f++) {
            int start = from + f * frameLength;
            int end = Math.min(to, start + frameLength);
            double sum = 0.0;
            for (int i = start; i < end; i++) {
                sum += (double) x[i] * x[i];
            }
            power[f] = sum / (end - start);
            max = Math.max(max, power[f]);
        }
        double threshold = max * Math.pow(10.0, -thresholdDb / 10.0);
        active = new boolean[frames];
        double sum = 0.0;
        long count = 0;
        int first = -1;
        int last = -1;
        for (int f = 0; f < frames; f++) {
            if (power[f] > 0.0 && power[f] >= threshold) {
                active[f] = true;
                int n = Math.min(to, from + (f + 1) * frameLength) - (from + f * frameLength);
                sum += power[f] * n;
                count += n;
                if (first < 0) {
                    first = f;
                }
                last = f;
            }
        }
        this.activePower = count == 0 ? 0.0 : sum / count;
        this.firstActive = first;
        this.lastActive = last;
    }

    /** Activity of {@code x[from, to)}. */
    public static ClipActivity of(float[] x, int from, int to, int frameLength, double thresholdDb) {
        if (frameLength <= 0 || from < 0 || to > x.length || from > to) {
            throw new IllegalArgumentException("bad range or frame length");
        }
        return new ClipActivity(x, from, to, frameLength, thresholdDb);
    }

    /** True if any frame is active. */
    public boolean hasActivity() {
        return firstActive >= 0;
    }

    /** Mean square over the samples of the active frames (0 if none). */
    public double activePower() {
        return activePower;
    }

    /** Offset (from the analysed range's start) of the first active frame's first sample. */
    public int activeStart() {
        return firstActive * frameLength;
    }

    /** Offset just past the last active frame (exclusive), clipped to the range. */
    public int activeEnd(int rangeLength) {
        return Math.min(rangeLength, (lastActive + 1) * frameLength);
    }

    /** Whether frame {@code f} is active. */
    public boolean isActive(int f) {
        return active[f];
    }

    /** Number of frames analysed. */
    public int frames() {
        return active.length;
    }
}
