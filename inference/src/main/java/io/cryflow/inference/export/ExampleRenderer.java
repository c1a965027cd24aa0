package io.cryflow.inference.export;

import io.cryflow.dsp.resample.Resampler;
import io.cryflow.ingest.scene.ClipActivity;
import io.cryflow.ingest.scene.SceneGenerator;
import io.cryflow.ingest.source.MonoWavStream;
import io.cryflow.schemas.PcmS16le;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Renders an {@link ExampleRecipe} to audio at the pipeline rate: reads its files with the ingest
 * WAV reader (resampling as ingest does), mixes in the background at the recipe's SNR, applies the
 * gain, optionally takes the whole mix through an 8 kHz round trip, and finally quantizes it to
 * 16-bit PCM exactly as ingest does before publishing, so the features see the samples they would
 * see in serving. Deterministic: the recipe holds every random choice.
 */
public final class ExampleRenderer {

    /** Mix peaks are limited to this (as the scene generator does), so a gain never clips. */
    public static final double MAX_PEAK = 0.98;

    private static final int NARROW_BAND_RATE = 8000;

    private final Path dataDir;
    private final int sampleRate;

    public ExampleRenderer(Path dataDir, int sampleRate) {
        this.dataDir = dataDir;
        this.sampleRate = sampleRate;
    }

    public float[] render(ExampleRecipe recipe) throws IOException {
        float[] foreground = concatenate(recipe);
        int offset = (int) Math.round(recipe.offsetSeconds() * sampleRate);
        int length = Math.max(offset + foreground.length, (int) Math.round(recipe.minSeconds() * sampleRate));
        float[] mix = new float[length];
        if (recipe.hasBackground()) {
            float[] background = loopedBackground(recipe, length);
            System.arraycopy(background, 0, mix, 0, length);
            double foregroundPower = activePower(foreground);
            double backgroundPower = meanSquare(background, offset, offset + foreground.length);
            double gain = foregroundPower > 0 && backgroundPower > 0
                    ? Math.sqrt(backgroundPower * Math.pow(10.0, recipe.snrDb() / 10.0) / foregroundPower)
                    : 1.0;
            for (int i = 0; i < foreground.length; i++) {
                mix[offset + i] += (float) (gain * foreground[i]);
            }
        } else {
            System.arraycopy(foreground, 0, mix, offset, foreground.length);
        }
        applyGain(mix, Math.pow(10.0, recipe.gainDb() / 20.0));
        return quantize16(recipe.roundTrip8k() ? roundTrip(mix, sampleRate) : mix);
    }

    /** The samples as the 16-bit PCM of an {@code AudioChunk} carries them, back in float. */
    public static float[] quantize16(float[] samples) {
        return PcmS16le.toFloats(PcmS16le.fromFloats(samples));
    }

    /** {@code signal} through {@code rate -> 8 kHz -> rate} with the project's resampler; same length. */
    public static float[] roundTrip(float[] signal, int rate) {
        float[] narrow = resample(signal, rate, NARROW_BAND_RATE);
        return Arrays.copyOf(resample(narrow, NARROW_BAND_RATE, rate), signal.length);
    }

    private static float[] resample(float[] signal, int from, int to) {
        Resampler resampler = Resampler.create(from, to);
        float[] head = resampler.process(signal);
        float[] tail = resampler.flush();
        float[] out = Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    private float[] concatenate(ExampleRecipe recipe) throws IOException {
        float[] all = new float[0];
        for (String file : recipe.files()) {
            float[] clip = MonoWavStream.readAll(dataDir.resolve(file), sampleRate);
            float[] joined = Arrays.copyOf(all, all.length + clip.length);
            System.arraycopy(clip, 0, joined, all.length, clip.length);
            all = joined;
        }
        return all;
    }

    private float[] loopedBackground(ExampleRecipe recipe, int length) throws IOException {
        float[] source = MonoWavStream.readAll(dataDir.resolve(recipe.background()), sampleRate);
        if (source.length == 0) {
            throw new IOException("background " + recipe.background() + " is empty");
        }
        int start = (int) (Math.round(recipe.backgroundOffsetSeconds() * sampleRate) % source.length);
        float[] out = new float[length];
        for (int i = 0; i < length; i++) {
            out[i] = source[(start + i) % source.length];
        }
        return out;
    }

    private double activePower(float[] clip) {
        int frame = Math.max(1, (int) Math.round(SceneGenerator.ACTIVITY_FRAME_SECONDS * sampleRate));
        return clip.length == 0 ? 0.0
                : ClipActivity.of(clip, 0, clip.length, frame, SceneGenerator.ACTIVITY_THRESHOLD_DB).activePower();
    }

    private static double meanSquare(float[] x, int from, int to) {
        double sum = 0.0;
        for (int i = from; i < to; i++) {
            sum += (double) x[i] * x[i];
        }
        return to > from ? sum / (to - from) : 0.0;
    }

    private static void applyGain(float[] mix, double gain) {
        double peak = 0.0;
        for (float v : mix) {
            peak = Math.max(peak, Math.abs(v * gain));
        }
        double scale = peak > MAX_PEAK ? gain * MAX_PEAK / peak : gain;
        for (int i = 0; i < mix.length; i++) {
            mix[i] = (float) (mix[i] * scale);
        }
    }
}
