package io.cryflow.ingest.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.SharedData;
import io.cryflow.ingest.source.MonoWavStream;
import io.cryflow.ingest.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SceneGeneratorTest {

    @TempDir
    Path dir;

    /** Frame length for checking where the cries are (20 ms at 16 kHz). */
    private static final int FRAME = 320;

    /**
     * The cries alone (scene minus background) have energy in a frame iff the frame overlaps a
     * ground-truth episode; and each episode's measured SNR is the requested one.
     */
    private static void assertGroundTruthMatchesAudio(Scene scene, float[] mix, double snrTolerance) {
        float[] background = scene.background();
        int frames = mix.length / FRAME;
        for (int f = 0; f < frames; f++) {
            double diff = 0;
            for (int i = f * FRAME; i < (f + 1) * FRAME; i++) {
                double d = mix[i] - background[i];
                diff += d * d;
            }
            long from = (long) f * FRAME;
            boolean inside = scene.episodes().stream().anyMatch(e -> e.overlaps(from, from + FRAME));
            boolean edgeOfEpisode = scene.episodes().stream().anyMatch(e ->
                    e.startSample() >= from && e.startSample() < from + FRAME
                            || e.endSample() - 1 >= from && e.endSample() - 1 < from + FRAME);
            if (!inside) {
                assertEquals(0.0, diff, 1e-12, "cry energy outside the ground truth at frame " + f);
            } else if (edgeOfEpisode) {
                assertTrue(diff > 1e-10, "no cry energy at the edge of an episode, frame " + f);
            }
        }
        for (CryEpisode e : scene.episodes()) {
            int start = (int) e.startSample();
            int end = (int) e.endSample();
            float[] cry = new float[end - start];
            for (int i = start; i < end; i++) {
                cry[i - start] = mix[i] - background[i];
            }
            double cryPower = ClipActivity.of(cry, 0, cry.length, FRAME, SceneGenerator.ACTIVITY_THRESHOLD_DB).activePower();
            double backgroundPower = SceneGenerator.meanSquare(background, start, end);
            double measured = 10 * Math.log10(cryPower / backgroundPower);
            assertEquals(e.snrDb(), measured, snrTolerance, "SNR of " + e);
        }
    }

    @Test
    void syntheticSceneGroundTruthMatchesWhereTheCriesAre() throws IOException {
        SceneSpec spec = SceneSpec.defaults().withDurationSeconds(40).withCryCount(4).withSnrDb(-5, 15).withSeed(7);
        Scene scene = new SceneGenerator(new SyntheticClipLibrary()).generate(spec);

        assertEquals(40 * 16000, scene.samples().length);
        assertEquals(4, scene.episodes().size());
        for (int i = 1; i < scene.episodes().size(); i++) {
            CryEpisode previous = scene.episodes().get(i - 1);
            CryEpisode next = scene.episodes().get(i);
            assertTrue(next.startSeconds() >= previous.endSeconds() + spec.minGapSeconds(), "gap kept");
        }
        for (CryEpisode e : scene.episodes()) {
            assertTrue(e.snrDb() >= -5 && e.snrDb() <= 15);
            assertTrue(e.sourceClip().startsWith("synthetic/cry-"));
        }
        assertGroundTruthMatchesAudio(scene, scene.samples(), 0.01);
    }

    @Test
    void fixedSnrIsMetWithinHalfADecibelAfterWritingAndReadingThe16BitWav() throws IOException {
        SceneSpec spec = SceneSpec.defaults().withDurationSeconds(30).withCryCount(3).withSnrDb(6, 6).withSeed(3);
        Scene scene = new SceneGenerator(new SyntheticClipLibrary()).generate(spec);
        Path wav = dir.resolve("scenes/room-1.wav");
        Path truth = SceneFiles.write(scene, wav);

        assertEquals(dir.resolve("scenes/room-1.cries.csv"), truth);
        float[] stored = MonoWavStream.readAll(wav, 16000);
        assertEquals(scene.samples().length, stored.length);
        List<CryEpisode> read = GroundTruthCsv.read(truth, 16000);
        assertEquals(scene.episodes(), read);
        for (CryEpisode e : read) {
            assertEquals(6.0, e.snrDb(), 1e-9);
        }
        // Measured on the stored (16-bit) scene; the background render is known exactly.
        for (CryEpisode e : scene.episodes()) {
            int start = (int) e.startSample();
            int end = (int) e.endSample();
            float[] cry = new float[end - start];
            for (int i = start; i < end; i++) {
                cry[i - start] = stored[i] - scene.background()[i];
            }
            double cryPower = ClipActivity.of(cry, 0, cry.length, FRAME, SceneGenerator.ACTIVITY_THRESHOLD_DB).activePower();
            double measured = 10 * Math.log10(cryPower / SceneGenerator.meanSquare(scene.background(), start, end));
            assertEquals(6.0, measured, 0.5);
        }
    }

    @Test
    void sameSeedSameScene_otherSeedOtherScene() throws IOException {
        SceneGenerator generator = new SceneGenerator(new SyntheticClipLibrary());
        SceneSpec spec = SceneSpec.defaults().withDurationSeconds(20).withCryCount(2).withSeed(11);
        Scene a = generator.generate(spec);
        Scene b = generator.generate(spec);
        Scene c = generator.generate(spec.withSeed(12));
        assertArrayEquals(a.samples(), b.samples());
        assertEquals(a.episodes(), b.episodes());
        assertFalse(a.episodes().equals(c.episodes()));
    }

    @Test
    void backgroundHasTheRequestedLevelAndTheMixNeverClips() throws IOException {
        Scene quiet = new SceneGenerator(new SyntheticClipLibrary())
                .generate(SceneSpec.defaults().withDurationSeconds(20).withCryCount(1).withBackgroundDbfs(-40));
        double dbfs = 10 * Math.log10(SceneGenerator.meanSquare(quiet.background(), 0, quiet.background().length));
        assertEquals(-40.0, dbfs, 0.01);

        // Loud background plus a very loud cry would exceed full scale: both are scaled together.
        Scene loud = new SceneGenerator(new SyntheticClipLibrary()).generate(SceneSpec.defaults()
                .withDurationSeconds(20).withCryCount(2).withBackgroundDbfs(-6).withSnrDb(20, 20));
        for (float v : loud.samples()) {
            assertTrue(Math.abs(v) <= SceneGenerator.MAX_PEAK + 1e-6);
        }
        assertGroundTruthMatchesAudio(loud, loud.samples(), 0.01);
    }

    @Test
    void tooManyCriesForTheDurationIsAClearError() {
        SceneSpec spec = SceneSpec.defaults().withDurationSeconds(10).withCryCount(20);
        IOException e = assertThrows(IOException.class, () -> new SceneGenerator(new SyntheticClipLibrary()).generate(spec));
        assertTrue(e.getMessage().contains("cannot fit 20 cries"), e.getMessage());
    }

    @Test
    void criesThatFitOnlyInSomeLayoutsAreStillPlacedWithTheirGaps() throws IOException {
        // The load test's 60 s scenes with the default rules: 2 cries of up to 8 s, 13 s apart and from the edges. A
        // first cry placed near the middle leaves no room for the second, so the cries are laid out again.
        for (long seed = 1; seed <= 8; seed++) {
            SceneSpec spec = SceneSpec.defaults().withDurationSeconds(60).withCryCount(2).withMinGapSeconds(13).withSeed(seed);
            Scene scene = new SceneGenerator(new BundledClipLibrary()).generate(spec);
            List<CryEpisode> cries = scene.episodes();
            assertEquals(2, cries.size(), "seed " + seed);
            assertTrue(cries.get(0).startSeconds() >= 13 && cries.get(1).endSeconds() <= 60 - 13, "seed " + seed + ": " + cries);
            assertTrue(cries.get(1).startSeconds() - cries.get(0).endSeconds() >= 13, "seed " + seed + ": " + cries);
            assertArrayEquals(scene.samples(), new SceneGenerator(new BundledClipLibrary()).generate(spec).samples(),
                    "reproducible, seed " + seed);
        }
    }

    @Test
    void directoryLibraryUsesCommittedStyleSampleFolders() throws IOException {
        SyntheticClipLibrary synth = new SyntheticClipLibrary();
        Files.createDirectories(dir.resolve("samples/cry/hungry"));
        Files.createDirectories(dir.resolve("samples/background"));
        WavWriter.writePcm16Mono(dir.resolve("samples/cry/hungry/c1.wav"), synth.load(synth.cries().get(0), 8000), 8000);
        WavWriter.writePcm16Mono(dir.resolve("samples/background/fan.wav"), synth.load(synth.backgrounds().get(2), 16000), 16000);

        DirectoryClipLibrary library = DirectoryClipLibrary.open(dir.resolve("samples"));
        assertEquals(List.of(new ClipEntry("cry/hungry/c1.wav", "hungry")), library.cries());
        assertEquals(List.of(new ClipEntry("background/fan.wav", "")), library.backgrounds());
        Scene scene = new SceneGenerator(library).generate(
                SceneSpec.defaults().withDurationSeconds(30).withCryCount(2).withSnrDb(10, 10));
        assertEquals("hungry", scene.episodes().get(0).cause());
        assertGroundTruthMatchesAudio(scene, scene.samples(), 0.01);
    }

    @Test
    void sharedDataSceneFromRealCriesAndBackgrounds() throws IOException {
        ManifestClipLibrary library = ManifestClipLibrary.open(SharedData.dataDir());
        assertTrue(library.cries().size() > 300, "cries: " + library.cries().size());
        assertTrue(library.backgrounds().size() > 50, "backgrounds: " + library.backgrounds().size());
        assertTrue(library.cries().stream().anyMatch(c -> c.cause().equals("hungry")));

        Scene scene = new SceneGenerator(library).generate(
                SceneSpec.defaults().withDurationSeconds(90).withCryCount(4).withSnrDb(0, 12).withSeed(2024));
        assertEquals(4, scene.episodes().size());
        assertFalse(scene.backgroundClips().isEmpty());
        assertGroundTruthMatchesAudio(scene, scene.samples(), 0.01);

        Path wav = dir.resolve("real.wav");
        Path truth = SceneFiles.write(scene, wav);
        assertEquals(GroundTruthCsv.HEADER, Files.readAllLines(truth).get(0));
        assertEquals(5, Files.readAllLines(truth).size());
        // The stored 16-bit scene still carries each cry at its SNR.
        float[] stored = MonoWavStream.readAll(wav, 16000);
        Scene storedScene = new Scene(stored, scene.background(), 16000, scene.episodes(), scene.backgroundClips(), scene.spec());
        for (CryEpisode e : scene.episodes()) {
            assertTrue(e.snrDb() >= 0 && e.snrDb() <= 12);
        }
        assertGroundTruthSnrOnly(storedScene);
    }

    private static void assertGroundTruthSnrOnly(Scene scene) {
        for (CryEpisode e : scene.episodes()) {
            int start = (int) e.startSample();
            int end = (int) e.endSample();
            float[] cry = new float[end - start];
            for (int i = start; i < end; i++) {
                cry[i - start] = scene.samples()[i] - scene.background()[i];
            }
            double cryPower = ClipActivity.of(cry, 0, cry.length, FRAME, SceneGenerator.ACTIVITY_THRESHOLD_DB).activePower();
            double measured = 10 * Math.log10(cryPower / SceneGenerator.meanSquare(scene.background(), start, end));
            assertEquals(e.snrDb(), measured, 0.5, "stored SNR of " + e);
        }
    }
}
