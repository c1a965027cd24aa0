package io.cryflow.inference.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.scene.SceneClip;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Manifests and splits: what is used, what is left out, and clear errors for malformed files. */
class EvaluationInputTest {

    private static final String HEADER = ManifestRow.HEADER + "\n";

    @TempDir
    Path dir;

    private Path manifest(String folder, String rows) throws IOException {
        Path data = Files.createDirectories(dir.resolve(folder));
        Files.writeString(data.resolve("manifest.csv"), rows);
        return data;
    }

    private Path split(String json) throws IOException {
        return Files.writeString(dir.resolve("split.json"), json);
    }

    private static String row(String path, String label, String group, String duration) {
        return path + "," + label + ",," + group + ",src,\"CC BY, 4.0\",16000," + duration + "\n";
    }

    @Test
    void onlyValidationGroupsAreUsedAndTheRestIsCountedAsLeftOut() throws IOException {
        Path shared = manifest("shared", HEADER
                + row("donateacry/hungry/a.wav", "cry", "baby-val", "7.0")
                + row("donateacry/hungry/b.wav", "cry", "baby-val", "7.0")
                + row("donateacry/hungry/c.wav", "cry", "baby-train", "7.0")
                + row("donateacry-unscreened/d.wav", "cry?", "baby-val", "7.0")
                + row("baby_cry_detection/noise/dog/e.wav", "non_cry", "esc-val", "5.0")
                + row("wids_tutorial/background_noise/white_noise.wav", "non_cry", "bg-val", "60")
                + row("librosa-data/music/f.wav", "non_cry", "never-split", "30"));
        Path cache = manifest("extra-cache", HEADER + row("animal/cow.wav", "non_cry", "cow-val", "4"));
        DataSplit split = DataSplit.read(split("{\"seed\": 7, \"groups\": {\"baby-val\": \"val\", \"baby-train\": \"train\","
                + " \"esc-val\": \"val\", \"bg-val\": \"val\", \"cow-val\": \"val\"}, \"files_per_split_and_kind\": {\"x\": 1}}"));
        assertEquals(7, split.seed());
        EvaluationClips clips = EvaluationClips.of(List.of(shared, cache), split);
        assertEquals(List.of("donateacry/hungry/a.wav", "donateacry/hungry/b.wav"), clips.cries().stream().map(SceneClip::id).toList());
        assertEquals(List.of("wids_tutorial/background_noise/white_noise.wav"), clips.beds().stream().map(SceneClip::id).toList());
        assertEquals(List.of("dog", "animal"), clips.distractors().stream().map(SceneClip::soundClass).toList());
        assertEquals("extra-cache/animal/cow.wav", clips.distractors().get(1).id());
        assertEquals(cache.resolve("animal/cow.wav"), clips.distractors().get(1).file());
        assertEquals(Map.of("cry", new EvaluationClips.Count(2, 1), "bed", new EvaluationClips.Count(1, 1),
                "dog", new EvaluationClips.Count(1, 1), "animal", new EvaluationClips.Count(1, 1)), clips.used());
        assertEquals(Map.of("train", new EvaluationClips.Count(1, 1), "unknown", new EvaluationClips.Count(1, 1),
                "cry?", new EvaluationClips.Count(1, 1)), clips.skipped());
    }

    @Test
    void theTrainingGroupsCanBeChosenInsteadToTuneRulesWithoutTouchingValidation() throws IOException {
        Path shared = manifest("shared", HEADER
                + row("donateacry/hungry/a.wav", "cry", "baby-val", "7.0")
                + row("donateacry/hungry/c.wav", "cry", "baby-train", "7.0")
                + row("wids_tutorial/background_noise/pink_noise.wav", "non_cry", "bg-train", "60")
                + row("baby_cry_detection/noise/siren/e.wav", "non_cry", "esc-train", "5.0"));
        DataSplit split = DataSplit.read(split("{\"seed\": 7, \"groups\": {\"baby-val\": \"val\", \"baby-train\": \"train\","
                + " \"bg-train\": \"train\", \"esc-train\": \"train\"}}"));
        EvaluationClips clips = EvaluationClips.of(List.of(shared), split, DataSplit.TRAIN);
        assertEquals(List.of("donateacry/hungry/c.wav"), clips.cries().stream().map(SceneClip::id).toList());
        assertEquals(List.of("siren"), clips.distractors().stream().map(SceneClip::soundClass).toList());
        assertEquals(Map.of("val", new EvaluationClips.Count(1, 1)), clips.skipped(), "the validation cry is left out");
        assertThrows(IllegalArgumentException.class, () -> EvaluationClips.of(List.of(shared), split, "test"));
    }

    @Test
    void theBundledSplitIsTheDetectorsTrainingSplit() throws IOException {
        DataSplit split = DataSplit.bundled();
        assertTrue(split.groups().size() > 100, "the shipped split names every group: " + split.groups().size());
        assertTrue(split.groups().containsValue("val") && split.groups().containsValue("train"));
    }

    private void assertRejected(String rows, String expected) throws IOException {
        Path data = manifest("bad", rows);
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> ManifestRow.read(data));
        assertTrue(e.getMessage().startsWith(data.resolve("manifest.csv") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    @Test
    void aMalformedManifestIsRejectedNamingFileAndLine() throws IOException {
        assertRejected("path,label,cause,source,license,sample_rate,duration_s\n", ":1: no 'group' column");
        assertRejected(HEADER + row("a.wav", "cry", "g", "1.0") + "b.wav,cry,,g,src\n", ":3: 5 fields, the header has 8");
        assertRejected(HEADER + row("a.wav", "cry", "g", "long"), ":2: duration_s 'long' is not a number");
        assertRejected(HEADER + row("a.wav", "baby", "g", "1.0"), ":2: unknown label 'baby'");
        assertRejected(HEADER + row("a.wav", "cry", "", "1.0"), ":2: empty path or group");
        assertRejected(HEADER + row("a.wav", "cry", "g", "-1"), ":2: duration_s -1 is not a length");
    }

    @Test
    void aMalformedSplitIsRejectedNamingFileAndLine() throws IOException {
        Path bad = split("{\n  \"seed\": 1,\n  \"groups\": {\n    \"a\": \"val\",\n    \"b\": \"test\"\n  }\n}\n");
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> DataSplit.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":5: group b is assigned test"), e.getMessage());
        Path noGroups = split("{\"seed\": 1}");
        assertTrue(assertThrows(MalformedInputException.class, () -> DataSplit.read(noGroups)).getMessage()
                .contains("needs \"seed\" and \"groups\""));
        Path notJson = split("{\"seed\": 1,\n \"groups\": {\"a\": \"val\",,}}");
        assertTrue(assertThrows(MalformedInputException.class, () -> DataSplit.read(notJson)).getMessage()
                .startsWith(notJson + ":2: not valid JSON"));
        Path seed = split("{\"seed\": \"one\", \"groups\": {}}");
        assertTrue(assertThrows(MalformedInputException.class, () -> DataSplit.read(seed)).getMessage()
                .startsWith(seed + ":1: \"seed\" must be an integer"));
    }

    @Test
    void aNonCryFileWithoutAClassIsRejectedNamingTheManifest() throws IOException {
        Path data = manifest("noclass", HEADER + row("loose.wav", "non_cry", "g", "1.0"));
        DataSplit split = DataSplit.read(split("{\"seed\": 1, \"groups\": {\"g\": \"val\"}}"));
        MalformedInputException e = assertThrows(MalformedInputException.class, () -> EvaluationClips.of(List.of(data), split));
        assertTrue(e.getMessage().contains("manifest.csv") && e.getMessage().contains("loose.wav"), e.getMessage());
    }
}
