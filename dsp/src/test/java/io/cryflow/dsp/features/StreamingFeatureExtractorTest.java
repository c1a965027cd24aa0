package io.cryflow.dsp.features;

import io.cryflow.dsp.testdata.ReferenceVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class StreamingFeatureExtractorTest {

    /** A frame as delivered: index, log-mel copy, energy. */
    private record Frame(long index, float[] logMel, double energy) {
    }

    /** Collects frames, copying the reused log-mel array. */
    private static final class Collector implements FeatureFrameListener {
        final List<Frame> frames = new ArrayList<>();

        @Override
        public void onFrame(long frameIndex, float[] logMel, double energy) {
            frames.add(new Frame(frameIndex, logMel.clone(), energy));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sweep", "noise", "cry", "tap", "laugh"})
    void rawInputGivesLibrosaLogMelOfTheHighPassedSignal(String name) {
        ReferenceVectors ref = ReferenceVectors.require();
        float[] input = ref.floats("A_" + name + "_input_16k");
        double[][] expectedDb = ReferenceVectors.transpose(ref.matrix("A_" + name + "_logmel_nocenter"));
        double[][] expectedMel = ReferenceVectors.transpose(ref.matrix("A_" + name + "_mel_nocenter"));

        Collector collector = new Collector();
        new StreamingFeatureExtractor(FeatureConfig.DEFAULT).accept(input, collector);

        assertEquals(expectedDb.length, collector.frames.size());
        double maxDb = Double.NEGATIVE_INFINITY;
        for (double[] row : expectedDb) {
            for (double v : row) {
                maxDb = Math.max(maxDb, v);
            }
        }
        for (int t = 0; t < expectedDb.length; t++) {
            Frame frame = collector.frames.get(t);
            assertEquals(t, frame.index());
            double expectedEnergy = 0;
            for (int m = 0; m < 64; m++) {
                expectedEnergy += expectedMel[t][m];
                if (expectedDb[t][m] >= maxDb - 60 && Math.abs(frame.logMel()[m] - expectedDb[t][m]) > 0.05) {
                    fail(name + " frame " + t + ", band " + m + ": expected " + expectedDb[t][m] + " dB, got " + frame.logMel()[m]);
                }
            }
            assertEquals(expectedEnergy, frame.energy(), 1e-3 * expectedEnergy + 1e-9, name + " energy of frame " + t);
        }
    }

    @Test
    void randomChunkingGivesExactlyTheFramesOfTheWholeSignal() {
        float[] signal = testSignal(24000, 11);
        List<Frame> whole = run(new StreamingFeatureExtractor(FeatureConfig.DEFAULT), signal, new int[] {signal.length});
        assertEquals(1 + (signal.length - 512) / 160, whole.size());
        for (int seed = 0; seed < 40; seed++) {
            Random random = new Random(seed);
            int maxChunk = 1 + random.nextInt(2000);
            List<Integer> sizes = new ArrayList<>();
            for (int left = signal.length; left > 0; ) {
                int size = Math.min(random.nextInt(maxChunk + 1), left);
                sizes.add(size);
                left -= size;
            }
            List<Frame> chunked = run(new StreamingFeatureExtractor(FeatureConfig.DEFAULT), signal, sizes.stream().mapToInt(Integer::intValue).toArray());
            assertSameFrames(whole, chunked, "seed " + seed);
        }
    }

    @Test
    void snapshotRestoreMidStreamContinuesIdentically() {
        float[] signal = testSignal(16000, 5);
        List<Frame> whole = run(new StreamingFeatureExtractor(FeatureConfig.DEFAULT), signal, new int[] {signal.length});
        Random random = new Random(99);
        for (int trial = 0; trial < 20; trial++) {
            int cut = random.nextInt(signal.length);
            Collector collector = new Collector();
            StreamingFeatureExtractor first = new StreamingFeatureExtractor(FeatureConfig.DEFAULT);
            first.accept(signal, 0, cut, collector);
            byte[] snapshot = first.snapshot();
            assertTrue(snapshot.length < 3000, "snapshot of " + snapshot.length + " bytes");
            StreamingFeatureExtractor resumed = StreamingFeatureExtractor.restore(FeatureConfig.DEFAULT, snapshot);
            assertEquals(first.nextFrameIndex(), resumed.nextFrameIndex());
            resumed.accept(signal, cut, signal.length - cut, collector);
            assertSameFrames(whole, collector.frames, "cut at " + cut);
        }
    }

    @Test
    void oneInstanceServesInterleavedStreamsThroughResumeAndReset() {
        float[] a = testSignal(16000, 21);
        float[] b = testSignal(16000, 22);
        List<Frame> wholeA = run(new StreamingFeatureExtractor(FeatureConfig.DEFAULT), a, new int[] {a.length});
        List<Frame> wholeB = run(new StreamingFeatureExtractor(FeatureConfig.DEFAULT), b, new int[] {b.length});
        StreamingFeatureExtractor shared = new StreamingFeatureExtractor(FeatureConfig.DEFAULT);
        Collector framesA = new Collector();
        Collector framesB = new Collector();
        byte[] stateA = null;
        byte[] stateB = null;
        int chunk = 1234;
        for (int pos = 0; pos < a.length; pos += chunk) {
            int length = Math.min(chunk, a.length - pos);
            stateA = continueStream(shared, stateA, a, pos, length, framesA);
            stateB = continueStream(shared, stateB, b, pos, length, framesB);
        }
        assertSameFrames(wholeA, framesA.frames, "stream A");
        assertSameFrames(wholeB, framesB.frames, "stream B");

        byte[] damaged = java.util.Arrays.copyOf(stateA, stateA.length - 3);
        assertThrows(IllegalArgumentException.class, () -> shared.resume(damaged));
        assertEquals(0, shared.nextFrameIndex(), "a failed resume leaves the extractor reset");
        assertSameFrames(wholeA, run(shared, a, new int[] {a.length}), "after a failed resume");
    }

    /** Resumes {@code shared} from {@code state} (or resets it for a new stream), feeds it and returns the new state. */
    private static byte[] continueStream(StreamingFeatureExtractor shared, byte[] state, float[] signal, int offset, int length,
            Collector collector) {
        if (state == null) {
            shared.reset();
        } else {
            shared.resume(state);
        }
        shared.accept(signal, offset, length, collector);
        return shared.snapshot();
    }

    @Test
    void restoreRejectsAnotherConfigurationAndDamagedBytes() {
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(FeatureConfig.DEFAULT);
        extractor.accept(testSignal(1000, 1), (i, m, e) -> { });
        byte[] snapshot = extractor.snapshot();
        FeatureConfig other = new FeatureConfig(16000, 512, 400, 160, 40, 0, 8000, 350, 10);
        assertThrows(IllegalArgumentException.class, () -> StreamingFeatureExtractor.restore(other, snapshot));
        byte[] truncated = java.util.Arrays.copyOf(snapshot, snapshot.length - 3);
        assertThrows(IllegalArgumentException.class, () -> StreamingFeatureExtractor.restore(FeatureConfig.DEFAULT, truncated));
        byte[] extended = java.util.Arrays.copyOf(snapshot, snapshot.length + 4);
        assertThrows(IllegalArgumentException.class, () -> StreamingFeatureExtractor.restore(FeatureConfig.DEFAULT, extended));
        byte[] garbage = snapshot.clone();
        garbage[0] ^= 0x55;
        assertThrows(IllegalArgumentException.class, () -> StreamingFeatureExtractor.restore(FeatureConfig.DEFAULT, garbage));
    }

    @Test
    void configIdNamesEveryParameter() {
        assertEquals("logmel-sr16000-fft512-win400-hop160-mel64-f0-8000-hp350o10", FeatureConfig.DEFAULT.id());
        assertEquals("logmel-sr22050-fft1024-win1024-hop256-mel128-f20.5-11025-hp300o4",
                new FeatureConfig(22050, 1024, 1024, 256, 128, 20.5, 11025, 300, 4).id());
        assertEquals(100.0, FeatureConfig.DEFAULT.frameRate());
        assertThrows(IllegalArgumentException.class, () -> new FeatureConfig(16000, 512, 600, 160, 64, 0, 8000, 350, 10));
        assertThrows(IllegalArgumentException.class, () -> new FeatureConfig(16000, 512, 400, 160, 64, 0, 9000, 350, 10));
    }

    private static List<Frame> run(StreamingFeatureExtractor extractor, float[] signal, int[] chunkSizes) {
        Collector collector = new Collector();
        int pos = 0;
        for (int size : chunkSizes) {
            extractor.accept(signal, pos, size, collector);
            pos += size;
        }
        return collector.frames;
    }

    private static void assertSameFrames(List<Frame> expected, List<Frame> actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": frame count");
        for (int t = 0; t < expected.size(); t++) {
            assertEquals(expected.get(t).index(), actual.get(t).index(), what);
            assertArrayEquals(expected.get(t).logMel(), actual.get(t).logMel(), what + ", frame " + t);
            assertEquals(expected.get(t).energy(), actual.get(t).energy(), 0.0, what + ", frame " + t);
        }
    }

    /** Tone bursts over noise, so frames differ and every band carries signal. */
    private static float[] testSignal(int length, long seed) {
        Random random = new Random(seed);
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            double tone = (i / 2000) % 2 == 0 ? 0.4 * Math.sin(2 * Math.PI * 440 * i / 16000.0) : 0.0;
            x[i] = (float) (tone + 0.05 * random.nextGaussian());
        }
        return x;
    }
}
