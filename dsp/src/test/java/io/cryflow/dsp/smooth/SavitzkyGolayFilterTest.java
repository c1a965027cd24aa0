package io.cryflow.dsp.smooth;

import io.cryflow.dsp.testdata.ReferenceVectors;
import io.cryflow.dsp.testdata.Tolerances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SavitzkyGolayFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"scene120", "scene120_constantpad", "cry", "tap", "laugh"})
    void matchesScipyInterpModeOnReferenceEnergy(String name) {
        ReferenceVectors ref = ReferenceVectors.require();
        double[] energy = ref.vector("B_" + name + "_energy");
        double[] smoothed = new SavitzkyGolayFilter(121, 5).apply(energy);
        Tolerances.assertPowerClose(name, ref.vector("B_" + name + "_smoothed"), smoothed, 1e-5, 1e-6);
    }

    @Test
    void reproducesPolynomialsOfItsOrderEverywhereIncludingEdges() {
        double[] x = new double[300];
        for (int i = 0; i < x.length; i++) {
            double u = i / 100.0;
            x[i] = 3 - 2 * u + 0.5 * u * u - 0.7 * Math.pow(u, 3) + 0.2 * Math.pow(u, 4) - 0.03 * Math.pow(u, 5);
        }
        double[] y = new SavitzkyGolayFilter(121, 5).apply(x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], 1e-9, "sample " + i);
        }
    }

    @Test
    void windowAsLongAsTheSignalIsOneLeastSquaresFit() {
        // A cubic plus zero-mean noise orthogonal to nothing in particular: compare against normal equations.
        Random random = new Random(4);
        int n = 40;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.01 * i * i - i + random.nextGaussian();
        }
        double[] y = new SavitzkyGolayFilter(n, 3).apply(x);
        double[] coefficients = cubicFit(x);
        for (int i = 0; i < n; i++) {
            double fit = coefficients[0] + coefficients[1] * i + coefficients[2] * i * i + coefficients[3] * i * i * i;
            assertEquals(fit, y[i], 1e-9, "sample " + i);
        }
    }

    @Test
    void rejectsImpossibleWindows() {
        assertThrows(IllegalArgumentException.class, () -> new SavitzkyGolayFilter(5, 5));
        assertThrows(IllegalArgumentException.class, () -> new SavitzkyGolayFilter(121, 5).apply(new double[100]));
        assertThrows(IllegalArgumentException.class, () -> new SavitzkyGolayFilter(10, 3).apply(new double[20]));
    }

    /** Least-squares cubic through (i, x[i]) by Gaussian elimination on the normal equations. */
    private static double[] cubicFit(double[] x) {
        double[][] a = new double[4][5];
        for (int i = 0; i < x.length; i++) {
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 4; c++) {
                    a[r][c] += Math.pow(i, r + c);
                }
                a[r][4] += Math.pow(i, r) * x[i];
            }
        }
        for (int p = 0; p < 4; p++) {
            for (int r = p + 1; r < 4; r++) {
                double f = a[r][p] / a[p][p];
                for (int c = p; c < 5; c++) {
                    a[r][c] -= f * a[p][c];
                }
            }
        }
        double[] b = new double[4];
        for (int r = 3; r >= 0; r--) {
            double s = a[r][4];
            for (int c = r + 1; c < 4; c++) {
                s -= a[r][c] * b[c];
            }
            b[r] = s / a[r][r];
        }
        return b;
    }
}
