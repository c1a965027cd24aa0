package io.cryflow.dsp.smooth;

/**
 * Savitzky-Golay smoothing as {@code scipy.signal.savgol_filter(x, window, polyorder)} with its default
 * {@code mode='interp'}: every sample with a full centred window gets the value at the centre of the
 * least-squares polynomial fitted to that window; the first and last {@code window / 2} samples get the
 * values of the polynomial fitted to the first and last {@code window} samples.
 * <p>All fits are projections onto polynomials of degree {@code polyorder} over {@code window} equally
 * spaced points, so they share one orthonormal basis computed once in double precision.
 */
public final class SavitzkyGolayFilter {

    private final int window;
    private final int polyorder;
    // window x (polyorder + 1), orthonormal columns spanning the polynomials on the window.
    private final double[][] basis;
    private final double[] centreWeights;

    /**
     * @param window    number of points per fit; odd, or equal to the length of the signals it will smooth
     * @param polyorder degree of the fitted polynomial, less than {@code window}
     */
    public SavitzkyGolayFilter(int window, int polyorder) {
        if (polyorder < 0 || polyorder >= window) {
            throw new IllegalArgumentException("need 0 <= polyorder < window, got order " + polyorder + ", window " + window);
        }
        this.window = window;
        this.polyorder = polyorder;
        this.basis = orthonormalPolynomialBasis(window, polyorder);
        this.centreWeights = window % 2 == 1 ? fitWeights(window / 2) : null;
    }

    public int window() {
        return window;
    }

    public int polyorder() {
        return polyorder;
    }

    /** Smoothed copy of {@code x}. */
    public double[] apply(double[] x) {
        int n = x.length;
        if (window > n) {
            throw new IllegalArgumentException("window " + window + " is longer than the signal (" + n + ")");
        }
        if (window % 2 == 0 && window != n) {
            throw new IllegalArgumentException("an even window is only supported for a signal of the same length");
        }
        int half = window / 2;
        double[] y = new double[n];
        if (centreWeights != null) {
            for (int i = half; i < n - half; i++) {
                y[i] = dot(centreWeights, x, i - half);
            }
        }
        int lastStart = n - window;
        for (int i = 0; i < half; i++) {
            y[i] = dot(fitWeights(i), x, 0);
        }
        for (int i = n - half; i < n; i++) {
            y[i] = dot(fitWeights(i - lastStart), x, lastStart);
        }
        return y;
    }

    /** Weights giving the fitted polynomial's value at position {@code t} of the window: row t of Q Q^T. */
    private double[] fitWeights(int t) {
        double[] weights = new double[window];
        for (int j = 0; j < window; j++) {
            double sum = 0.0;
            for (int k = 0; k <= polyorder; k++) {
                sum += basis[t][k] * basis[j][k];
            }
            weights[j] = sum;
        }
        return weights;
    }

    private static double dot(double[] weights, double[] x, int offset) {
        double sum = 0.0;
        for (int j = 0; j < weights.length; j++) {
            sum += weights[j] * x[offset + j];
        }
        return sum;
    }

    /**
     * Gram-Schmidt (twice, for orthogonality to working precision) on the monomials of a position scaled
     * to [-1, 1], which keeps the Vandermonde columns well conditioned.
     */
    private static double[][] orthonormalPolynomialBasis(int window, int polyorder) {
        int columns = polyorder + 1;
        double[][] q = new double[window][columns];
        double centre = (window - 1) / 2.0;
        double scale = centre > 0 ? centre : 1.0;
        double[] v = new double[window];
        for (int k = 0; k < columns; k++) {
            for (int j = 0; j < window; j++) {
                v[j] = Math.pow((j - centre) / scale, k);
            }
            for (int pass = 0; pass < 2; pass++) {
                for (int c = 0; c < k; c++) {
                    double projection = 0.0;
                    for (int j = 0; j < window; j++) {
                        projection += q[j][c] * v[j];
                    }
                    for (int j = 0; j < window; j++) {
                        v[j] -= projection * q[j][c];
                    }
                }
            }
            double norm = 0.0;
            for (int j = 0; j < window; j++) {
                norm += v[j] * v[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < window; j++) {
                q[j][k] = v[j] / norm;
            }
        }
        return q;
    }
}
