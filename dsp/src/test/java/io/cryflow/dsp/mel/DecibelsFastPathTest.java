package io.cryflow.dsp.mel;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecibelsFastPathTest {

    @Test
    void fastLogarithmMatchesMathLogAcrossTheRange() {
        Random random = new Random(5);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = Math.pow(10, -12 + 24 * random.nextDouble());
            worst = Math.max(worst, Math.abs(Decibels.fastLn(x) - Math.log(x)));
        }
        assertTrue(worst < 1e-13, "worst absolute error " + worst);
        assertEquals(0.0, Decibels.fastLn(1.0));
        assertEquals(Math.log(Math.sqrt(2.0)), Decibels.fastLn(Math.sqrt(2.0)), 1e-15);
        assertEquals(Math.log(Math.nextDown(2.0)), Decibels.fastLn(Math.nextDown(2.0)), 1e-15); // the series's worst point
        assertTrue(Double.isNaN(Decibels.fastLn(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, Decibels.fastLn(Double.POSITIVE_INFINITY));
        assertEquals(Math.log(Double.MIN_VALUE), Decibels.fastLn(Double.MIN_VALUE));
    }

    @Test
    void arrayConversionEqualsTheScalarDefinitionToFloatPrecision() {
        double[] power = {0.0, 1e-12, 1e-10, 3.7e-7, 1.0, 42.0, 1e6};
        float[] db = new float[power.length];
        Decibels.powerToDb(power, db, power.length);
        for (int i = 0; i < power.length; i++) {
            assertEquals((float) Decibels.powerToDb(power[i]), db[i], 1e-5f, "power " + power[i]);
        }
        assertEquals(-100f, db[0]);
    }
}
