package io.cryflow.ingest.scene;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.wav.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evaluation scenes from small synthetic clips written as WAV files. */
class BoutSceneBuilderTest {

    private static final int RATE = 16_000;

    @TempDir
    static Path dir;

    private static List<SceneClip> beds;
    private static List<SceneClip> cries;
    private static List<SceneClip> distractors;

    @BeforeAll
    static void clips() throws IOException {
        beds = List.of(clip("bed.wav", noise(20, 1), "bed-group", "bed"));
        cries = List.of(clip("baby-a-1.wav", tone(6, 450), "baby-a", "cry"), clip("baby-a-2.wav", tone(5, 500), "baby-a", "cry"),
                clip("baby-a-3.wav", tone(4, 550), "baby-a", "cry"), clip("baby-b-1.wav", tone(7, 600), "baby-b", "cry"));
        distractors = List.of(clip("dog-1.wav", tone(3, 300), "dog-1", "dog"),
                clip("digit-1.wav", tone(0.5, 200), "speaker", "spoken_digits"),
                clip("digit-2.wav", tone(0.4, 250), "speaker", "spoken_digits"),
                clip("music-1.wav", tone(40, 700), "music-1", "music"));
    }

    private static SceneClip clip(String name, float[] audio, String group, String soundClass) throws IOException {
        Path file = dir.resolve(name);
        WavWriter.writePcm16Mono(file, audio, RATE);
        return new SceneClip(file, name, group, soundClass);
    }

    private static float[] noise(double seconds, long seed) {
        Random random = new Random(seed);
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        return x;
    }

    private static float[] tone(double seconds, double hz) {
        float[] x = new float[(int) (seconds * RATE)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return x;
    }

    private static BoutSceneBuilder builder() {
        return new BoutSceneBuilder(beds, cries, distractors, RATE);
    }

    @Test
    void theSameSeedGivesTheSameSceneAndAnotherSeedAnother() throws IOException {
        BoutScene a = builder().build(42, 90);
        BoutScene b = builder().build(42, 90);
        BoutScene c = builder().build(43, 90);
        assertArrayEquals(a.samples(), b.samples(), "same seed, fresh builder: the same audio");
        assertEquals(a.bouts(), b.bouts());
        assertEquals(a.distractors(), b.distractors());
        assertEquals(a.bedDbfs(), b.bedDbfs());
        assertFalse(java.util.Arrays.equals(a.samples(), c.samples()), "another seed, another scene");
        assertEquals(90 * RATE, a.samples().length);
    }

    @Test
    void boutsTakeTheirClipsFromOneGroupAndKeepApartAndInsideTheScene() throws IOException {
        Map<String, String> groupOf = cries.stream().collect(Collectors.toMap(SceneClip::id, SceneClip::group));
        int bouts = 0;
        for (long seed = 0; seed < 40; seed++) {
            BoutScene scene = builder().build(seed, 120);
            List<CryBout> list = scene.bouts();
            assertTrue(list.size() <= BoutSceneBuilder.MAX_BOUTS);
            for (CryBout bout : list) {
                bouts++;
                assertTrue(!bout.clips().isEmpty() && bout.clips().size() <= 3, bout.toString());
                assertEquals(Set.of(bout.group()), bout.clips().stream().map(groupOf::get).collect(Collectors.toSet()),
                        "one baby per bout: " + bout);
                assertEquals(bout.clips().size(), Set.copyOf(bout.clips()).size(), "no clip twice in a bout: " + bout);
                assertTrue(bout.startSeconds() >= BoutSceneBuilder.EDGE_SECONDS
                        && bout.endSeconds() <= 120 - BoutSceneBuilder.END_MARGIN_SECONDS, bout.toString());
                assertTrue(bout.levelDbfs() >= BoutSceneBuilder.MIN_CRY_DBFS - 30 && bout.levelDbfs() <= BoutSceneBuilder.MAX_CRY_DBFS,
                        "mixed at the drawn level, or lower where the mix was scaled down not to clip: " + bout);
                assertEquals(bout.levelDbfs() - scene.bedDbfs(), bout.snrDb(), 12.0,
                        "the SNR is the level against the bed over the bout's span (the bed varies by a few dB): " + bout);
            }
            for (int i = 1; i < list.size(); i++) {
                assertTrue(list.get(i).startSeconds() - list.get(i - 1).endSeconds() >= BoutSceneBuilder.BOUT_GAP_SECONDS,
                        "bouts apart: " + list);
            }
        }
        assertTrue(bouts > 20, "about one bout per scene on average: " + bouts);
    }

    @Test
    void mostDistractorsKeepTheirDistanceFromBoutsAndNoneOverlapEachOther() throws IOException {
        int overlapping = 0;
        int total = 0;
        List<String> classes = new ArrayList<>();
        for (long seed = 0; seed < 40; seed++) {
            BoutScene scene = builder().build(seed, 120);
            List<DistractorEvent> events = scene.distractors();
            for (int i = 0; i < events.size(); i++) {
                DistractorEvent e = events.get(i);
                total++;
                classes.add(e.soundClass());
                assertTrue(e.startSample() >= 0 && e.endSample() <= scene.samples().length, e.toString());
                assertTrue(e.levelDbfs() >= -31 && e.levelDbfs() <= -12, "level as drawn (or scaled down): " + e);
                if (i > 0) {
                    assertTrue(e.startSample() >= events.get(i - 1).endSample(), "distractors overlap: " + events);
                }
                boolean overlaps = scene.bouts().stream().anyMatch(b -> e.startSample() < b.endSample() && b.startSample() < e.endSample());
                boolean clear = scene.bouts().stream().allMatch(b -> e.startSeconds() >= b.endSeconds() + 4 - 1e-3
                        || e.endSeconds() <= b.startSeconds() - 4 + 1e-3);
                assertTrue(overlaps || clear, "a distractor within 4 s of a bout without overlapping it: " + e + " " + scene.bouts());
                if (overlaps) {
                    overlapping++;
                }
                double seconds = e.durationSeconds();
                switch (e.soundClass()) {
                    case "spoken_digits" -> assertTrue(e.clips().size() >= 2 && seconds >= 1.9 && seconds <= 6.5,
                            "digits chained into an utterance: " + e);
                    case "music" -> assertTrue(seconds >= 2.9 && seconds <= 15.01, "a long file cut to an excerpt: " + e);
                    case "dog" -> assertEquals(3.0, seconds, 0.05, "a short file whole: " + e);
                    default -> throw new AssertionError("unexpected class " + e);
                }
            }
        }
        double share = (double) overlapping / total;
        assertTrue(total > 200, "about one distractor per 15 s: " + total);
        assertTrue(share > 0.03 && share < 0.3, "a few distractors overlap a bout: " + overlapping + " of " + total);
        assertEquals(Set.of("dog", "spoken_digits", "music"), Set.copyOf(classes));
    }

    @Test
    void theMixHoldsTheSoundsWhereTheTruthPutsThemAtTheirLevels() throws IOException {
        BoutScene scene = builder().build(7, 120);
        assertFalse(scene.distractors().isEmpty());
        float[] x = scene.samples();
        boolean[] busy = new boolean[x.length];
        scene.bouts().forEach(b -> java.util.Arrays.fill(busy, (int) b.startSample(), (int) b.endSample(), true));
        scene.distractors().forEach(d -> java.util.Arrays.fill(busy, (int) d.startSample(), (int) d.endSample(), true));
        double quiet = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (!busy[i]) {
                quiet += (double) x[i] * x[i];
                n++;
            }
        }
        assertEquals(scene.bedDbfs(), 10 * Math.log10(quiet / n), 1.0, "the bed alone outside the sounds");
        for (DistractorEvent d : scene.distractors()) {
            // Active frames within 15 dB of the loudest: the sound, not the pauses between chained words; the bed
            // (8 dB or more lower) adds up to 0.6 dB.
            double level = 10 * Math.log10(ClipActivity.of(x, (int) d.startSample(), (int) d.endSample(), 320, 15).activePower());
            assertEquals(d.levelDbfs(), level, 1.5, "distractor level as the truth says: " + d);
        }
        for (CryBout b : scene.bouts()) {
            double level = 10 * Math.log10(SceneGenerator.meanSquare(x, (int) b.startSample(), (int) b.endSample()));
            assertTrue(level > scene.bedDbfs(), "the bout is louder than the bed: " + b);
        }
    }

    @Test
    void writesTheMixWithItsCriesAndEveryPlacement(@TempDir Path out) throws IOException {
        BoutScene scene = builder().build(3, 60);
        Path wav = out.resolve("s/scene-001.wav");
        scene.writeTo(wav);
        assertEquals(scene.bouts().size(), GroundTruthCsv.read(out.resolve("s/scene-001.cries.csv"), RATE).size());
        List<String> events = Files.readAllLines(out.resolve("s/scene-001.events.csv"));
        assertEquals(BoutScene.EVENTS_HEADER, events.get(0));
        assertEquals(1 + 1 + scene.bouts().size() + scene.distractors().size(), events.size());
        assertTrue(events.get(1).startsWith("bed,0.000000,60.000000,bed,"), events.get(1));
    }
}
