package io.cryflow.ingest.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.wav.TestWavs;
import io.cryflow.ingest.wav.WavFormatException;
import io.cryflow.ingest.wav.WavSampleFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioSourcesTest {

    private static final long START = 1_700_000_000_000_000L;

    @TempDir
    Path dir;

    private Path wav(String name, int rate, int frames, double value) throws IOException {
        double[][] data = new double[frames][];
        for (int i = 0; i < frames; i++) {
            data[i] = new double[] {value, value};
        }
        Files.createDirectories(dir.resolve(name).getParent());
        return TestWavs.write(dir.resolve(name), TestWavs.wav(WavSampleFormat.PCM_S16, rate, data, false));
    }

    private static List<AudioBlock> drain(AudioSource source) throws Exception {
        List<AudioBlock> blocks = new ArrayList<>();
        for (AudioBlock b = source.read(); b != null; b = source.read()) {
            blocks.add(b);
        }
        return blocks;
    }

    private static long totalSamples(List<AudioBlock> blocks) {
        return blocks.stream().mapToLong(b -> b.samples().length).sum();
    }

    /** Each block starts where the previous one's samples end, on the sample clock. */
    private static void assertContiguous(List<AudioBlock> blocks, int rate) {
        long samples = 0;
        for (AudioBlock b : blocks) {
            assertEquals(START + samples * 1_000_000L / rate, b.captureStartMicros());
            samples += b.samples().length;
        }
    }

    @Test
    void wavFileSourceResamplesToThePipelineRateWithContiguousTimestamps() throws Exception {
        Path file = wav("a.wav", 8000, 8000 * 3, 0.25);
        try (WavFileSource source = WavFileSource.of(file, "room-a", "mic-1", 16000, START)) {
            List<AudioBlock> blocks = drain(source);
            assertEquals(48000, totalSamples(blocks));
            assertContiguous(blocks, 16000);
            // Away from the edges, the constant level survives resampling.
            assertEquals(0.25, blocks.get(blocks.size() / 2).samples()[0], 1e-3);
            assertNull(source.read());
        }
    }

    @Test
    void playlistsPlayFilesInOrderAndLoopWhenAsked() throws Exception {
        Path a = wav("a.wav", 16000, 1600, 0.1);
        Path b = wav("b.wav", 16000, 800, 0.2);
        try (WavFileSource once = new WavFileSource("r", "m", List.of(a, b), 16000, false, START)) {
            List<AudioBlock> blocks = drain(once);
            assertEquals(2400, totalSamples(blocks));
            assertContiguous(blocks, 16000);
        }
        try (WavFileSource looping = new WavFileSource("r", "m", List.of(a, b), 16000, true, START)) {
            long samples = 0;
            List<AudioBlock> blocks = new ArrayList<>();
            while (samples < 2400 * 3) {
                AudioBlock block = looping.read();
                blocks.add(block);
                samples += block.samples().length;
            }
            assertContiguous(blocks, 16000);
            assertEquals(0.2f, blocks.get(blocks.size() - 1).samples()[0], 1e-4);
        }
    }

    @Test
    void aBrokenFileFailsWithItsName() throws Exception {
        Path bad = TestWavs.write(dir.resolve("bad.wav"), "not audio".getBytes());
        try (WavFileSource source = WavFileSource.of(bad, "r", "m", 16000, START)) {
            WavFormatException e = assertThrows(WavFormatException.class, source::read);
            assertTrue(e.getMessage().contains("bad.wav"));
        }
    }

    @Test
    void folderOfFilesIsOneRoomPerFile() throws Exception {
        wav("flat/Nursery 1.wav", 16000, 1600, 0.1);
        wav("flat/nursery-2.wav", 8000, 800, 0.1);
        Files.writeString(dir.resolve("flat/readme.txt"), "ignored");
        List<AudioSource> sources = FolderReplay.sources(dir.resolve("flat"), "mic-1", 16000, false, START);
        assertEquals(List.of("nursery-2", "nursery_1"), sources.stream().map(AudioSource::roomId).sorted().toList());
        for (AudioSource s : sources) {
            assertEquals(1600, totalSamples(drain(s)));
            s.close();
        }
    }

    @Test
    void folderOfSubFoldersIsOneRoomPerSubFolder() throws Exception {
        wav("rooms/room-a/1.wav", 16000, 1600, 0.1);
        wav("rooms/room-a/2.wav", 16000, 1600, 0.1);
        wav("rooms/room-b/1.wav", 16000, 800, 0.1);
        Files.createDirectories(dir.resolve("rooms/empty"));
        List<FolderReplay.Room> rooms = FolderReplay.rooms(dir.resolve("rooms"));
        assertEquals(List.of("room-a", "room-b"), rooms.stream().map(FolderReplay.Room::roomId).toList());
        assertEquals(2, rooms.get(0).files().size());
        assertThrows(IOException.class, () -> FolderReplay.rooms(dir.resolve("rooms/empty")));
    }

    @Test
    void signalSourceServesBlocksAndLoops() throws Exception {
        float[] signal = {1, 2, 3, 4, 5};
        SignalSource once = new SignalSource("r", "m", signal, 16000, 2, false, START);
        List<AudioBlock> blocks = drain(once);
        assertEquals(3, blocks.size());
        assertArrayEquals(new float[] {5}, blocks.get(2).samples());
        assertContiguous(blocks, 16000);

        SignalSource looping = new SignalSource("r", "m", signal, 16000, 2, true, START);
        float[] seen = new float[8];
        int n = 0;
        while (n < 8) {
            for (float v : looping.read().samples()) {
                if (n < 8) {
                    seen[n++] = v;
                }
            }
        }
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 1, 2, 3}, seen);
    }

    @Test
    void sampleClockNeverDrifts() {
        SampleClock clock = new SampleClock(START, 44100);
        for (int i = 0; i < 44100; i++) {
            clock.stamp(new float[1]);
        }
        assertEquals(START + 1_000_000L, clock.nextMicros());
    }
}
