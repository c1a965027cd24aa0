package io.cryflow.ingest.scene;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BundledClipLibraryTest {

    private final BundledClipLibrary library = new BundledClipLibrary();

    @Test
    void everyBundledClipLoadsAtThePipelineRateWithRealContent() throws IOException {
        for (ClipEntry clip : concat(library.cries(), library.backgrounds())) {
            float[] samples = library.load(clip, 16000);
            assertTrue(samples.length > 16000 / 4, clip.id() + " is too short: " + samples.length);
            double sumSquares = 0;
            for (float s : samples) {
                assertTrue(Float.isFinite(s) && Math.abs(s) <= 1f, clip.id());
                sumSquares += s * s;
            }
            double rmsDbfs = 10 * Math.log10(sumSquares / samples.length);
            assertTrue(rmsDbfs > -60, clip.id() + " is near-silent: " + rmsDbfs + " dBFS");
        }
    }

    @Test
    void oneCryPerCause() {
        Set<String> causes = library.cries().stream().map(ClipEntry::cause).collect(Collectors.toSet());
        assertEquals(Set.of("hungry", "tired", "burping", "belly_pain", "discomfort"), causes);
        assertFalse(library.backgrounds().isEmpty());
    }

    @Test
    void scenesFromTheBundledClipsPlaceTheRequestedCries() throws IOException {
        Scene scene = new SceneGenerator(library).generate(SceneSpec.defaults().withDurationSeconds(40).withCryCount(2).withSeed(7));
        assertEquals(2, scene.episodes().size());
        assertEquals(40 * 16000, scene.samples().length);
    }

    private static List<ClipEntry> concat(List<ClipEntry> a, List<ClipEntry> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
