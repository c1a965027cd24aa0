package io.cryflow.dsp.gate;

import java.util.ArrayList;
import java.util.List;

/**
 * Minimal room-scene mixer for the gate's evaluation: a background at a fixed RMS level with cry clips
 * added at given offsets and signal-to-noise ratios. The offsets (and each clip's active 100 ms blocks)
 * are the ground truth. (The ingest module's scene generator is the full-featured tool; this stays small.)
 */
final class CryMix {

    static final int RATE = 16000;
    private static final int BLOCK = RATE / 10;
    /** A block of a clip is active when within this many dB of the clip's loudest block. */
    static final double ACTIVE_RANGE_DB = 20.0;

    final double[] signal;
    /** Per sample: inside a placed cry clip. */
    final boolean[] placed;
    /** Per sample: inside an active block of a placed cry clip. */
    final boolean[] active;

    private CryMix(int length) {
        signal = new double[length];
        placed = new boolean[length];
        active = new boolean[length];
    }

    /** A scene of {@code seconds} of {@code background} (looped) at {@code backgroundDbfs} RMS. */
    static CryMix over(double[] background, int seconds, double backgroundDbfs) {
        CryMix mix = new CryMix(seconds * RATE);
        double gain = Math.pow(10, backgroundDbfs / 20) / rms(background, 0, background.length);
        for (int i = 0; i < mix.signal.length; i++) {
            mix.signal[i] = gain * background[i % background.length];
        }
        return mix;
    }

    /**
     * Adds {@code cry} at {@code startSeconds} so that its active RMS stands {@code snrDb} above the
     * scene's RMS over the same span (measured before adding).
     */
    CryMix add(double[] cry, double startSeconds, double snrDb) {
        int start = (int) Math.round(startSeconds * RATE);
        int length = Math.min(cry.length, signal.length - start);
        boolean[] activeBlocks = activeBlocks(cry);
        double cryRms = activeRms(cry, activeBlocks);
        double backgroundRms = rms(signal, start, length);
        double gain = backgroundRms * Math.pow(10, snrDb / 20) / cryRms;
        for (int i = 0; i < length; i++) {
            signal[start + i] += gain * cry[i];
            placed[start + i] = true;
            active[start + i] |= activeBlocks[Math.min(i / BLOCK, activeBlocks.length - 1)];
        }
        return this;
    }

    /** Seconds [k, k+1) holding at least {@code minSeconds} of active cry. */
    boolean[] crySeconds(double minSeconds) {
        boolean[] out = new boolean[signal.length / RATE];
        for (int s = 0; s < out.length; s++) {
            int count = 0;
            for (int i = s * RATE; i < (s + 1) * RATE; i++) {
                if (active[i]) {
                    count++;
                }
            }
            out[s] = count >= minSeconds * RATE;
        }
        return out;
    }

    /** Seconds with no placed cry at all. */
    boolean[] backgroundSeconds() {
        boolean[] out = new boolean[signal.length / RATE];
        for (int s = 0; s < out.length; s++) {
            out[s] = true;
            for (int i = s * RATE; i < (s + 1) * RATE; i++) {
                if (placed[i]) {
                    out[s] = false;
                    break;
                }
            }
        }
        return out;
    }

    static boolean[] activeBlocks(double[] clip) {
        int blocks = Math.max(1, clip.length / BLOCK);
        double[] level = new double[blocks];
        double loudest = Double.NEGATIVE_INFINITY;
        for (int b = 0; b < blocks; b++) {
            level[b] = 20 * Math.log10(rms(clip, b * BLOCK, Math.min(BLOCK, clip.length - b * BLOCK)) + 1e-12);
            loudest = Math.max(loudest, level[b]);
        }
        boolean[] out = new boolean[blocks];
        for (int b = 0; b < blocks; b++) {
            out[b] = level[b] >= loudest - ACTIVE_RANGE_DB;
        }
        return out;
    }

    private static double activeRms(double[] clip, boolean[] activeBlocks) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < clip.length; i++) {
            if (activeBlocks[Math.min(i / BLOCK, activeBlocks.length - 1)]) {
                sum += clip[i] * clip[i];
                n++;
            }
        }
        return Math.sqrt(sum / n);
    }

    static double rms(double[] x, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += x[i] * x[i];
        }
        return Math.sqrt(sum / Math.max(1, length));
    }

    /** Clips joined end to end until at least {@code seconds} long. */
    static double[] concatenate(List<double[]> clips, double seconds) {
        List<double[]> parts = new ArrayList<>();
        int total = 0;
        for (int i = 0; total < seconds * RATE; i++) {
            double[] clip = clips.get(i % clips.size());
            parts.add(clip);
            total += clip.length;
        }
        double[] out = new double[total];
        int pos = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, out, pos, part.length);
            pos += part.length;
        }
        return out;
    }
}
