package io.cryflow.ingest.scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Clips synthesised on demand, so scenes can be made with no audio files at all (a fresh clone,
 * unit tests).
 *
 * <p>Cries imitate the acoustics of infant crying: a series of voiced bursts (0.4-1.1 s) with
 * short inhalation pauses, a fundamental of 350-550 Hz following a rising-falling contour with
 * slight vibrato, a harmonic series with a spectral tilt, and a little breath noise. Backgrounds
 * are pink noise, brown noise with 50 Hz mains hum, and a ventilation-fan-like low-passed noise
 * with a blade tone. Every clip is a pure function of its id: the same id gives the same samples
 * (per sample rate).
 */
public final class SyntheticClipLibrary implements ClipLibrary {

    private static final int CRY_VARIANTS = 8;
    private static final double BACKGROUND_SECONDS = 20.0;
    private static final String CRY_PREFIX = "synthetic/cry-";

    private final List<ClipEntry> cries;
    private final List<ClipEntry> backgrounds = List.of(
            new ClipEntry("synthetic/pink-noise", ""),
            new ClipEntry("synthetic/brown-noise-hum", ""),
            new ClipEntry("synthetic/fan", ""));

    public SyntheticClipLibrary() {
        List<ClipEntry> list = new ArrayList<>();
        for (int i = 0; i < CRY_VARIANTS; i++) {
            list.add(new ClipEntry(CRY_PREFIX + i, "synthetic"));
        }
        cries = List.copyOf(list);
    }

    @Override
    public String name() {
        return "synthetic clips";
    }

    @Override
    public List<ClipEntry> cries() {
        return cries;
    }

    @Override
    public List<ClipEntry> backgrounds() {
        return backgrounds;
    }

    @Override
    public float[] load(ClipEntry clip, int sampleRate) {
        String id = clip.id();
        if (id.startsWith(CRY_PREFIX)) {
            return cry(Integer.parseInt(id.substring(CRY_PREFIX.length())), sampleRate);
        }
        int length = (int) (BACKGROUND_SECONDS * sampleRate);
        switch (id) {
            case "synthetic/pink-noise":
                return pinkNoise(length, new Random(101));
            case "synthetic/brown-noise-hum":
                return brownNoiseWithHum(length, sampleRate, new Random(102));
            case "synthetic/fan":
                return fan(length, sampleRate, new Random(103));
            default:
                throw new IllegalArgumentException("no synthetic clip " + id);
        }
    }

    static float[] cry(int variant, int rate) {
        Random random = new Random(1000L + variant);
        double baseF0 = 350 + 200 * random.nextDouble();
        int bursts = 3 + random.nextInt(3);
        List<float[]> parts = new ArrayList<>();
        int total = 0;
        for (int b = 0; b < bursts; b++) {
            double seconds = 0.4 + 0.7 * random.nextDouble();
            float[] burst = burst(seconds, baseF0 * (0.9 + 0.2 * random.nextDouble()), rate, random);
            parts.add(burst);
            total += burst.length;
            int pause = (int) ((0.12 + 0.2 * random.nextDouble()) * rate);
            if (b < bursts - 1) {
                parts.add(new float[pause]);
                total += pause;
            }
        }
        float[] out = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static float[] burst(double seconds, double f0, int rate, Random random) {
        int n = (int) (seconds * rate);
        float[] out = new float[n];
        double vibratoHz = 5 + 3 * random.nextDouble();
        double phase = 0;
        double attack = 0.04 * rate;
        for (int i = 0; i < n; i++) {
            double t = (double) i / n;
            // Rising-falling melody over the burst plus vibrato.
            double f = f0 * (1 + 0.15 * Math.sin(Math.PI * t)) * (1 + 0.02 * Math.sin(2 * Math.PI * vibratoHz * i / rate));
            phase += 2 * Math.PI * f / rate;
            double v = 0;
            for (int k = 1; k * f < 0.45 * rate && k <= 12; k++) {
                v += Math.sin(k * phase) / Math.pow(k, 1.2);
            }
            v += 0.05 * random.nextGaussian();
            double envelope = Math.min(1.0, Math.min(i / attack, (n - 1 - i) / attack));
            out[i] = (float) (0.3 * envelope * v);
        }
        return out;
    }

    private static float[] pinkNoise(int n, Random random) {
        // Paul Kellet's economy pink filter on white noise.
        float[] out = new float[n];
        double b0 = 0, b1 = 0, b2 = 0;
        for (int i = 0; i < n; i++) {
            double w = random.nextGaussian();
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            out[i] = (float) (0.05 * (b0 + b1 + b2 + w * 0.1848));
        }
        return out;
    }

    private static float[] brownNoiseWithHum(int n, int rate, Random random) {
        float[] out = new float[n];
        double brown = 0;
        for (int i = 0; i < n; i++) {
            brown = 0.995 * brown + 0.02 * random.nextGaussian();
            double hum = 0.05 * Math.sin(2 * Math.PI * 50 * i / rate) + 0.02 * Math.sin(2 * Math.PI * 100 * i / rate);
            out[i] = (float) (brown + hum);
        }
        return out;
    }

    private static float[] fan(int n, int rate, Random random) {
        float[] out = new float[n];
        double low = 0;
        double alpha = Math.exp(-2 * Math.PI * 800.0 / rate);
        for (int i = 0; i < n; i++) {
            low = alpha * low + (1 - alpha) * random.nextGaussian();
            out[i] = (float) (0.2 * low + 0.01 * Math.sin(2 * Math.PI * 120 * i / rate));
        }
        return out;
    }
}
