package io.cryflow.inference.app;

import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.ingest.scene.ClipActivity;
import io.cryflow.ingest.scene.ClipEntry;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Real audio for the topology tests: the ingest module's bundled Donate-a-cry cries and household backgrounds
 * (no ../shared needed), mixed at known offsets so the ground truth is exact.
 */
final class TestScenes {

    static final int RATE = 16_000;
    private static final BundledClipLibrary LIBRARY = new BundledClipLibrary();

    private TestScenes() {}

    /** {@code seconds} of the bundled pink-noise background, looped, at an RMS of about -50 dBFS. */
    static float[] background(double seconds) {
        return background("bg_pink_noise.wav", seconds, 0.003);
    }

    /** {@code seconds} of a bundled background ({@code bg_running_tap.wav}, ...), looped, at the given RMS. */
    static float[] background(String clip, double seconds, double targetRms) {
        float[] loop = load(clip);
        float[] out = new float[(int) Math.round(seconds * RATE)];
        double rms = rms(loop);
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (loop[i % loop.length] * targetRms / rms);
        }
        return out;
    }

    /** The clip scaled by {@code decibels} (negative: quieter), e.g. a cry as a far microphone hears it. */
    static float[] louder(float[] clip, double decibels) {
        float gain = (float) Math.pow(10, decibels / 20);
        float[] out = new float[clip.length];
        for (int i = 0; i < clip.length; i++) {
            out[i] = clip[i] * gain;
        }
        return out;
    }

    /** A bundled cry clip ({@code hungry}, {@code tired}, ...) trimmed to its active part, peak 0.5. */
    static float[] cry(String cause) {
        float[] clip = load("cry_" + cause + ".wav");
        int frame = RATE / 50;
        ClipActivity activity = ClipActivity.of(clip, 0, clip.length, frame, 30.0);
        int start = activity.activeStart();
        int end = Math.min(clip.length, activity.activeEnd(clip.length));
        float[] trimmed = java.util.Arrays.copyOfRange(clip, start, end);
        float peak = 0;
        for (float v : trimmed) {
            peak = Math.max(peak, Math.abs(v));
        }
        for (int i = 0; i < trimmed.length; i++) {
            trimmed[i] *= 0.5f / peak;
        }
        return trimmed;
    }

    /** Adds {@code clip} into {@code scene} from {@code atSeconds}; returns the second just past it. */
    static double mixAt(float[] scene, float[] clip, double atSeconds) {
        int at = (int) Math.round(atSeconds * RATE);
        for (int i = 0; i < clip.length && at + i < scene.length; i++) {
            scene[at + i] += clip[i];
        }
        return atSeconds + (double) clip.length / RATE;
    }

    static double seconds(float[] clip) {
        return (double) clip.length / RATE;
    }

    private static float[] load(String id) {
        try {
            return LIBRARY.load(new ClipEntry(id, ""), RATE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double rms(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += v * v;
        }
        return Math.sqrt(sum / x.length);
    }
}
