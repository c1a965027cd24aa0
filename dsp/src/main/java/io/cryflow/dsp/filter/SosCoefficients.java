package io.cryflow.dsp.filter;

import java.util.Arrays;

/**
 * An immutable cascade of second-order sections, each row {@code b0 b1 b2 a0 a1 a2} as in scipy's
 * {@code output='sos'}. Every section is normalised so that {@code a0 == 1}.
 */
public final class SosCoefficients {

    /** Number of coefficients per section: {@code b0 b1 b2 a0 a1 a2}. */
    public static final int ROW_LENGTH = 6;

    private final double[][] sections;

    /**
     * @param sections rows of {@code b0 b1 b2 a0 a1 a2}; rows whose {@code a0 != 1} are normalised
     */
    public SosCoefficients(double[][] sections) {
        if (sections.length == 0) {
            throw new IllegalArgumentException("a filter needs at least one section");
        }
        this.sections = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            double[] row = sections[s];
            if (row.length != ROW_LENGTH) {
                throw new IllegalArgumentException("section " + s + " has " + row.length + " coefficients, expected 6");
            }
            double a0 = row[3];
            if (a0 == 0.0 || !Double.isFinite(a0)) {
                throw new IllegalArgumentException("section " + s + " has a0 = " + a0);
            }
            double[] normalised = new double[ROW_LENGTH];
            for (int c = 0; c < ROW_LENGTH; c++) {
                normalised[c] = row[c] / a0;
            }
            this.sections[s] = normalised;
        }
    }

    public int sectionCount() {
        return sections.length;
    }

    /** Coefficient {@code c} (0..5, {@code b0 b1 b2 a0 a1 a2}) of section {@code s}. */
    public double coefficient(int s, int c) {
        return sections[s][c];
    }

    /** A defensive copy of all sections. */
    public double[][] toArray() {
        double[][] copy = new double[sections.length][];
        for (int s = 0; s < sections.length; s++) {
            copy[s] = sections[s].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SosCoefficients other && Arrays.deepEquals(sections, other.sections);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(sections);
    }

    @Override
    public String toString() {
        return "SosCoefficients" + Arrays.deepToString(sections);
    }
}
