package io.cryflow.dsp.resample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PolyphaseSincResamplerTest {

    private static float[] tone(double frequency, double amplitude, int rate, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        return x;
    }

    private static float[] resampleWhole(Resampler r, float[] x) {
        float[] a = r.process(x);
        float[] b = r.flush();
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Least-squares amplitude and residual of a sinusoid at {@code frequency} over [from, to). */
    private static double[] fitSine(float[] y, double frequency, int rate, int from, int to) {
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (int i = from; i < to; i++) {
            double s = Math.sin(2 * Math.PI * frequency * i / rate);
            double c = Math.cos(2 * Math.PI * frequency * i / rate);
            ss += s * s; cc += c * c; sc += s * c; ys += y[i] * s; yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det;
        double b = (yc * ss - ys * sc) / det;
        double residual = 0, energy = 0;
        for (int i = from; i < to; i++) {
            double fit = a * Math.sin(2 * Math.PI * frequency * i / rate) + b * Math.cos(2 * Math.PI * frequency * i / rate);
            residual += (y[i] - fit) * (y[i] - fit);
            energy += y[i] * y[i];
        }
        return new double[] {Math.hypot(a, b), 10 * Math.log10(residual / energy)};
    }

    private static double rms(float[] y, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) y[i] * y[i];
        }
        return Math.sqrt(sum / (to - from));
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"8000,16000", "44100,16000", "22050,16000", "48000,16000", "11025,16000", "16000,8000", "32000,16000"})
    void oneKilohertzToneKeepsFrequencyAndAmplitude(int inRate, int outRate) {
        double amplitude = 0.5;
        float[] x = tone(1000.0, amplitude, inRate, inRate * 2);
        float[] y = resampleWhole(Resampler.create(inRate, outRate), x);

        assertEquals((long) Math.ceil((double) x.length * outRate / inRate), y.length);
        int edge = outRate / 10; // skip the kernel's start and end transients
        double[] fit = fitSine(y, 1000.0, outRate, edge, y.length - edge);
        double gainDb = 20 * Math.log10(fit[0] / amplitude);
        assertTrue(Math.abs(gainDb) < 0.1, "amplitude changed by " + gainDb + " dB");
        // Anything that is not the 1 kHz sinusoid (a shifted frequency, aliases) stays tiny.
        assertTrue(fit[1] < -60.0, "residual around the 1 kHz fit is " + fit[1] + " dB");
    }

    @ParameterizedTest(name = "{0} Hz tone at {1} Hz -> {2} Hz")
    @CsvSource({"12000,48000,16000", "9000,44100,16000", "8500,22050,16000", "20000,48000,16000", "5000,16000,8000"})
    void toneAboveNewNyquistIsRejectedByAtLeast60Db(double frequency, int inRate, int outRate) {
        float[] x = tone(frequency, 0.9, inRate, inRate * 2);
        float[] y = resampleWhole(Resampler.create(inRate, outRate), x);
        int edge = outRate / 10;
        double inRms = rms(x, 0, x.length);
        double outRms = rms(y, edge, y.length - edge);
        double rejectionDb = 20 * Math.log10(inRms / outRms);
        assertTrue(rejectionDb >= 60.0, "rejection only " + rejectionDb + " dB");
    }

    @ParameterizedTest(name = "{0} Hz -> {1} Hz")
    @CsvSource({"8000,16000", "44100,16000", "22050,16000", "48000,16000", "16000,16000"})
    void chunkedInputGivesExactlyTheWholeOutput(int inRate, int outRate) {
        Random random = new Random(42);
        float[] x = new float[inRate * 3 + 17];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian() * 0.2f;
        }
        float[] whole = resampleWhole(Resampler.create(inRate, outRate), x);

        Resampler chunked = Resampler.create(inRate, outRate);
        float[] out = new float[0];
        int pos = 0;
        while (pos < x.length) {
            int n = Math.min(x.length - pos, random.nextInt(700)); // includes empty and 1-sample blocks
            float[] part = chunked.process(x, pos, n);
            out = concat(out, part);
            pos += n;
        }
        out = concat(out, chunked.flush());
        assertArrayEquals(whole, out);
    }

    @Test
    void flushResetsForTheNextSignal() {
        Resampler r = Resampler.create(44100, 16000);
        float[] x = tone(440, 0.3, 44100, 5000);
        float[] first = resampleWhole(r, x);
        float[] second = resampleWhole(r, x);
        assertArrayEquals(first, second);
    }

    @Test
    void equalRatesCopyTheInput() {
        float[] x = tone(440, 0.3, 16000, 1000);
        assertArrayEquals(x, resampleWhole(Resampler.create(16000, 16000), x));
    }

    @Test
    void rejectsInvalidRates() {
        assertThrows(IllegalArgumentException.class, () -> Resampler.create(0, 16000));
        assertThrows(IllegalArgumentException.class, () -> Resampler.create(44101, 16000));
        assertThrows(IllegalArgumentException.class, () -> new KaiserSincDesign(1.2, 90));
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
