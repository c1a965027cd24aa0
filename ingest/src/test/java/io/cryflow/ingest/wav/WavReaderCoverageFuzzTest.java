package io.cryflow.ingest.wav;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * Coverage-guided fuzzing of the WAV reader with Jazzer: the same contract as {@link WavReaderFuzzTest} (decode to
 * samples in [-1, 1] for integer PCM, or a {@link WavFormatException} naming the problem; any other throwable is a
 * finding), with inputs that Jazzer evolves towards new branches of the reader.
 * {@code mvn verify} fuzzes it for the {@code maxDuration} below in a surefire execution of its own
 * ({@code JAZZER_FUZZ=1}; Jazzer fuzzes one test per JVM), starting from the committed inputs
 * ({@code WavReaderCoverageFuzzTestInputs}: valid files of every sample format, mono and stereo);
 * a finding fails the build and is written there as {@code crash-<sha1>}. Run without {@code JAZZER_FUZZ}, e.g.
 * from an IDE, it only replays those inputs.
 */
class WavReaderCoverageFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBytesDecodeOrFailWithAClearError(byte[] file) throws IOException {
        // Both entry points: a known length (files) and an unknown one (a stream, e.g. stdin).
        for (long size : new long[] {file.length, -1}) {
            try (WavReader reader = WavReader.open(new ByteArrayInputStream(file), "fuzz.wav", size)) {
                float[] samples = reader.readAllMono();
                if (!reader.format().sampleFormat().name().startsWith("FLOAT")) {
                    for (float s : samples) {
                        assertTrue(s >= -1f && s <= 1f, "integer PCM decoded out of range: " + s);
                    }
                }
            } catch (WavFormatException e) {
                assertTrue(e.getMessage().startsWith("fuzz.wav: ") && !e.problem().isBlank(), e.getMessage());
            }
        }
    }
}
