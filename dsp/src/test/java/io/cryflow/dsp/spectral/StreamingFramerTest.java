package io.cryflow.dsp.spectral;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StreamingFramerTest {

    @Test
    void emitsTheUncentredFramesOfTheWholeSignalForAnyChunking() {
        int frame = 512;
        int hop = 160;
        float[] signal = new float[5000];
        for (int i = 0; i < signal.length; i++) {
            signal[i] = i;
        }
        int expectedFrames = 1 + (signal.length - frame) / hop;
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            StreamingFramer framer = new StreamingFramer(frame, hop);
            List<float[]> frames = new ArrayList<>();
            List<Long> indices = new ArrayList<>();
            int pos = 0;
            while (pos < signal.length) {
                int length = Math.min(random.nextInt(900), signal.length - pos);
                framer.accept(signal, pos, length, (index, f) -> {
                    indices.add(index);
                    frames.add(f.clone());
                });
                pos += length;
            }
            assertEquals(expectedFrames, frames.size(), "seed " + seed);
            for (int t = 0; t < expectedFrames; t++) {
                assertEquals(t, indices.get(t));
                assertArrayEquals(Arrays.copyOfRange(signal, t * hop, t * hop + frame), frames.get(t), "seed " + seed + ", frame " + t);
            }
            assertEquals(signal.length - (expectedFrames - 1) * hop - hop, framer.bufferedSamples());
        }
    }

    @Test
    void stateRoundTripsAndRejectsCorruption() {
        StreamingFramer framer = new StreamingFramer(8, 3);
        framer.accept(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0, 10, (i, f) -> { });
        ByteBuffer state = ByteBuffer.allocate(framer.stateBytes());
        framer.writeState(state);
        StreamingFramer copy = new StreamingFramer(8, 3);
        copy.readState(state.flip());
        assertEquals(framer.nextFrameIndex(), copy.nextFrameIndex());
        assertEquals(framer.bufferedSamples(), copy.bufferedSamples());
        List<float[]> frames = new ArrayList<>();
        copy.accept(new float[] {11}, 0, 1, (i, f) -> frames.add(f.clone()));
        assertArrayEquals(new float[] {4, 5, 6, 7, 8, 9, 10, 11}, frames.get(0));

        ByteBuffer corrupt = ByteBuffer.allocate(12).putLong(0).putInt(8);
        assertThrows(IllegalArgumentException.class, () -> new StreamingFramer(8, 3).readState(corrupt.flip()));
    }

    @Test
    void centredReflectPaddingMirrorsWithoutRepeatingTheEdge() {
        double[] padded = OfflineStft.pad(new double[] {1, 2, 3, 4}, 5, PaddingMode.REFLECT);
        // numpy.pad([1, 2, 3, 4], 5, mode='reflect')
        assertArrayEquals(new double[] {2, 3, 4, 3, 2, 1, 2, 3, 4, 3, 2, 1, 2, 3}, padded);
        assertArrayEquals(new double[] {0, 0, 1, 2, 0, 0}, OfflineStft.pad(new double[] {1, 2}, 2, PaddingMode.CONSTANT));
    }
}
