package io.cryflow.ingest;

/** Signal helpers for tests. */
public final class Signals {

    private Signals() {
    }

    public static double[] tone(double frequency, double amplitude, int rate, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = amplitude * Math.sin(2 * Math.PI * frequency * i / rate);
        }
        return x;
    }

    /**
     * Least-squares fit of a sinusoid at {@code frequency} to {@code y[from, to)}: returns
     * {amplitude, residual energy relative to the signal's in dB}.
     */
    public static double[] fitSine(float[] y, double frequency, int rate, int from, int to) {
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
            energy += (double) y[i] * y[i];
        }
        return new double[] {Math.hypot(a, b), 10 * Math.log10(residual / energy)};
    }
}
