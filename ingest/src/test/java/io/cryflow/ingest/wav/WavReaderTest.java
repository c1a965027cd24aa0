package io.cryflow.ingest.wav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.Signals;
import io.cryflow.ingest.source.MonoWavStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavReaderTest {

    @TempDir
    Path dir;

    /** Three channels with distinct values per frame: the mono mix is their mean. */
    private static final double[][] FRAMES = {
        {0.5, -0.25, 0.0}, {-1.0, -1.0, -1.0}, {0.75, 0.125, -0.5}, {0.0, 0.0, 0.0}, {0.9, 0.9, 0.9}
    };

    @ParameterizedTest
    @EnumSource(WavSampleFormat.class)
    void decodesEveryFormatAndMixesChannelsToMono(WavSampleFormat format) throws IOException {
        for (boolean extensible : new boolean[] {false, true}) {
            Path file = TestWavs.write(dir.resolve(format + "-" + extensible + ".wav"),
                    TestWavs.wav(format, 22050, FRAMES, extensible));
            try (WavReader reader = WavReader.open(file)) {
                assertEquals(new WavFormat(format, 3, 22050, FRAMES.length), reader.format());
                float[] mono = reader.readAllMono();
                assertEquals(FRAMES.length, mono.length);
                double tolerance = format == WavSampleFormat.PCM_U8 ? 1.0 / 127 : 1e-4;
                for (int i = 0; i < FRAMES.length; i++) {
                    double expected = Arrays.stream(FRAMES[i]).average().orElseThrow();
                    assertEquals(expected, mono[i], tolerance, format + " frame " + i);
                }
            }
        }
    }

    @Test
    void fullScaleIntegerExtremesDecodeToPlusMinusOne() throws IOException {
        byte[] data = {0x00, (byte) 0x80, (byte) 0xFF, 0x7F}; // -32768, 32767
        Path file = TestWavs.write(dir.resolve("extremes.wav"),
                TestWavs.riff(TestWavs.fmt(1, 1, 16000, 16, -1), data, data.length));
        try (WavReader reader = WavReader.open(file)) {
            float[] mono = reader.readAllMono();
            assertEquals(-1.0f, mono[0]);
            assertEquals(32767 / 32768f, mono[1]);
        }
    }

    @Test
    void stereo24BitAt8kHzIsMixedAndResampledTo16kHzKeepingAOneKilohertzTone() throws IOException {
        int rate = 8000;
        double[] tone = Signals.tone(1000, 0.5, rate, rate * 3);
        double[][] frames = new double[tone.length][];
        for (int i = 0; i < tone.length; i++) {
            frames[i] = new double[] {tone[i] * 1.2, tone[i] * 0.8}; // channels average to the tone
        }
        Path file = TestWavs.write(dir.resolve("stereo24.wav"),
                TestWavs.wav(WavSampleFormat.PCM_S24, rate, frames, true));

        float[] mono16k = MonoWavStream.readAll(file, 16000);

        assertEquals(tone.length * 2, mono16k.length);
        double[] fit = Signals.fitSine(mono16k, 1000, 16000, 1600, mono16k.length - 1600);
        double gainDb = 20 * Math.log10(fit[0] / 0.5);
        assertTrue(Math.abs(gainDb) < 0.1, "1 kHz amplitude changed by " + gainDb + " dB");
        assertTrue(fit[1] < -60, "energy off the 1 kHz fit: " + fit[1] + " dB");
    }

    @Test
    void readsLongFilesInBoundedBlocks() throws IOException {
        int frames = 16000 * 60;
        double[][] data = new double[frames][];
        for (int i = 0; i < frames; i++) {
            data[i] = new double[] {((i % 200) - 100) / 200.0};
        }
        Path file = TestWavs.write(dir.resolve("long.wav"), TestWavs.wav(WavSampleFormat.PCM_S16, 16000, data, false));
        try (WavReader reader = WavReader.open(file)) {
            float[] block = new float[1000];
            long total = 0;
            for (int got = reader.readMono(block, 0, block.length); got >= 0; got = reader.readMono(block, 0, block.length)) {
                assertTrue(got > 0 && got <= block.length);
                assertEquals(((total % 200) - 100) / 200.0, block[0], 1e-4);
                total += got;
            }
            assertEquals(frames, total);
        }
    }

    @Test
    void openEndedDataChunkReadsToTheEndOfTheFile() throws IOException {
        byte[] data = new byte[200];
        Path file = TestWavs.write(dir.resolve("open.wav"),
                TestWavs.riff(TestWavs.fmt(1, 2, 16000, 16, -1), data, 0xFFFFFFFFL));
        try (WavReader reader = WavReader.open(file)) {
            assertEquals(-1, reader.format().frameCount());
            assertEquals(50, reader.readAllMono().length);
        }
    }

    @Test
    void audioLongerThanAnArrayIsAClearErrorNotAnEndlessLoop() throws IOException {
        byte[] data = new byte[2 * 2000]; // 2000 mono 16-bit frames
        Path declared = TestWavs.write(dir.resolve("long.wav"), TestWavs.riff(TestWavs.fmt(1, 1, 16000, 16, -1), data, data.length));
        Path openEnded = TestWavs.write(dir.resolve("long-open.wav"), TestWavs.riff(TestWavs.fmt(1, 1, 16000, 16, -1), data, 0xFFFFFFFFL));
        for (Path file : List.of(declared, openEnded)) {
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                try (WavReader reader = WavReader.open(file)) {
                    assertEquals(2000, reader.readAllMono(2000).length, "exactly the ceiling still fits");
                }
                try (WavReader reader = WavReader.open(file)) {
                    WavFormatException tooLong = assertThrows(WavFormatException.class, () -> reader.readAllMono(1999));
                    assertTrue(tooLong.getMessage().contains("more than 1999 frames"), tooLong.getMessage());
                }
            });
        }
    }

    @Test
    void notRiffIsAClearError() throws IOException {
        Path file = TestWavs.write(dir.resolve("text.wav"), "hello, this is not audio".getBytes());
        assertProblem(file, "not a RIFF/WAVE file");
        assertProblem(TestWavs.write(dir.resolve("empty.wav"), new byte[0]), "not a RIFF/WAVE file (empty)");
    }

    @Test
    void compressedEncodingsAreRejectedByName() throws IOException {
        Path mp3 = TestWavs.write(dir.resolve("mp3.wav"),
                TestWavs.riff(TestWavs.fmt(0x55, 1, 16000, 16, -1), new byte[64], 64));
        assertProblem(mp3, "unsupported encoding: format tag 0x0055 (MPEG Layer 3)");
        Path mulaw = TestWavs.write(dir.resolve("mulaw.wav"),
                TestWavs.riff(TestWavs.fmt(7, 1, 8000, 8, -1), new byte[64], 64));
        assertProblem(mulaw, "mu-law");
        Path extAdpcm = TestWavs.write(dir.resolve("ext.wav"),
                TestWavs.riff(TestWavs.fmt(0xFFFE, 1, 8000, 16, 2), new byte[64], 64));
        assertProblem(extAdpcm, "WAVE_FORMAT_EXTENSIBLE sub-format 0x0002");
        Path twelveBit = TestWavs.write(dir.resolve("12bit.wav"),
                TestWavs.riff(TestWavs.fmt(1, 1, 8000, 12, -1), new byte[64], 64));
        assertProblem(twelveBit, "12-bit integer PCM");
    }

    @Test
    void truncatedDataChunkIsAClearError() throws IOException {
        Path file = TestWavs.write(dir.resolve("short.wav"),
                TestWavs.riff(TestWavs.fmt(1, 1, 16000, 16, -1), new byte[100], 1000));
        assertProblem(file, "truncated data chunk: header declares 1000 bytes of audio but the file has 100");
        Path partialFrame = TestWavs.write(dir.resolve("partial.wav"),
                TestWavs.riff(TestWavs.fmt(1, 2, 16000, 16, -1), new byte[10], 10));
        assertProblem(partialFrame, "not a whole number of 4-byte frames");
    }

    @Test
    void truncationFoundWhileStreamingIsAClearError() throws IOException {
        byte[] wav = TestWavs.riff(TestWavs.fmt(1, 1, 16000, 16, -1), new byte[1000], 1000);
        byte[] cut = Arrays.copyOf(wav, wav.length - 300);
        WavReader reader = WavReader.open(new java.io.ByteArrayInputStream(cut), "socket", -1);
        WavFormatException e = assertThrows(WavFormatException.class, reader::readAllMono);
        assertEquals("socket: truncated data chunk: header declares 1000 bytes of audio but the file ends after 700",
                e.getMessage());
    }

    @Test
    void missingFmtChunkIsAClearError() throws IOException {
        byte[] wav = TestWavs.riff(TestWavs.fmt(1, 1, 16000, 16, -1), new byte[10], 10);
        // Rename the fmt chunk so the reader skips it as an unknown chunk.
        String text = new String(wav, java.nio.charset.StandardCharsets.ISO_8859_1).replace("fmt ", "junk");
        Path file = TestWavs.write(dir.resolve("nofmt.wav"), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertProblem(file, "missing fmt chunk");
    }

    @Test
    void zeroChannelsIsAClearError() throws IOException {
        Path file = TestWavs.write(dir.resolve("zero.wav"),
                TestWavs.riff(TestWavs.fmt(1, 0, 16000, 16, -1), new byte[10], 10));
        assertProblem(file, "zero channels");
    }

    @Test
    void missingFileIsAClearError() {
        assertProblem(dir.resolve("nope.wav"), "no such file");
    }

    private static void assertProblem(Path file, String expected) {
        WavFormatException e = assertThrows(WavFormatException.class, () -> WavReader.open(file).close());
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertTrue(e.problem().contains(expected), "expected '" + expected + "' in '" + e.problem() + "'");
    }
}
