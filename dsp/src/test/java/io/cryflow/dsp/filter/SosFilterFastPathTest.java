package io.cryflow.dsp.filter;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SosFilterFastPathTest {

    @Test
    void tenthOrderBlockPathIsBitIdenticalToThePerSamplePath() {
        SosCoefficients design = ButterworthDesign.highPass(10, 350, 16000);
        assertEquals(5, design.sectionCount());
        Random random = new Random(9);
        float[] x = new float[5000];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        SosFilter block = new SosFilter(design);
        SosFilter perSample = new SosFilter(design);
        float[] y = new float[x.length];
        block.process(x, 0, y, 0, 1234);
        block.process(x, 1234, y, 1234, x.length - 1234);
        for (int i = 0; i < x.length; i++) {
            assertEquals((float) perSample.process(x[i]), y[i], "sample " + i);
        }
    }
}
