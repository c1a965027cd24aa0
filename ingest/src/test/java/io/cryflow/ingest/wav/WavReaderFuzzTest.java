package io.cryflow.ingest.wav;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cryflow.schemas.fuzz.ByteMutator;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the WAV reader, through the same entry point files use. Every mutated
 * file must either decode (integer PCM to samples within [-1, 1]) or fail with a
 * {@link WavFormatException} naming the problem: never another exception, an out-of-memory from a
 * header size it trusted, or a hang.
 *
 * <p>{@value #DEFAULT_ITERATIONS} mutations per seed file by default (a few seconds);
 * {@code -Dcryflow.fuzz.iterations=N} runs longer, {@code -Dcryflow.fuzz.seed=S} replays a failure.
 */
class WavReaderFuzzTest {

    private static final int DEFAULT_ITERATIONS = 4_000;

    @Test
    void mutatedFilesDecodeOrFailWithAClearError() {
        long seed = Long.getLong("cryflow.fuzz.seed", 0xA0D10L);
        int iterations = Integer.getInteger("cryflow.fuzz.iterations", DEFAULT_ITERATIONS);
        List<byte[]> seeds = seedFiles();
        Random random = new Random(seed);
        int decoded = 0;
        int rejected = 0;
        for (byte[] valid : seeds) {
            for (int i = 0; i < iterations; i++) {
                byte[] file = ByteMutator.mutate(valid, random, seeds.get(random.nextInt(seeds.size())));
                boolean knownSize = random.nextBoolean();
                try (WavReader reader = WavReader.open(new ByteArrayInputStream(file), "fuzz.wav",
                        knownSize ? file.length : -1)) {
                    float[] samples = reader.readAllMono();
                    if (!reader.format().sampleFormat().name().startsWith("FLOAT")) {
                        for (float s : samples) {
                            assertTrue(s >= -1f && s <= 1f, "integer PCM decoded out of range: " + s);
                        }
                    }
                    decoded++;
                } catch (WavFormatException e) {
                    assertTrue(e.getMessage().startsWith("fuzz.wav: ") && !e.problem().isBlank(), e.getMessage());
                    rejected++;
                } catch (Throwable t) {
                    fail("WAV reader threw " + t + " (seed " + seed + ", iteration " + i + ") on "
                            + ByteMutator.hex(file), t);
                }
            }
        }
        assertTrue(decoded > iterations && rejected > iterations,
                "mutations should both pass and fail the header checks: decoded " + decoded + ", rejected " + rejected);
    }

    /** Small valid files of every sample format, mono and stereo, plain and extensible headers. */
    private static List<byte[]> seedFiles() {
        List<byte[]> files = new ArrayList<>();
        Random random = new Random(1);
        for (WavSampleFormat format : WavSampleFormat.values()) {
            for (int channels = 1; channels <= 2; channels++) {
                double[][] frames = new double[64][channels];
                for (double[] frame : frames) {
                    for (int c = 0; c < channels; c++) {
                        frame[c] = random.nextDouble() * 2 - 1;
                    }
                }
                files.add(TestWavs.wav(format, channels == 1 ? 16000 : 44100, frames, channels == 2));
            }
        }
        return files;
    }
}
