package io.cryflow.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class SharedDataTest {

    @Test
    void locatesAnExistingDirectory(@TempDir Path shared) {
        assertEquals(Optional.of(shared.toAbsolutePath().normalize()), SharedData.locate(shared.toString()));
    }

    @Test
    void missingOrUnsetMeansAbsent(@TempDir Path parent) {
        assertEquals(Optional.empty(), SharedData.locate(null));
        assertEquals(Optional.empty(), SharedData.locate(" "));
        assertEquals(Optional.empty(), SharedData.locate(parent.resolve("no-such-dir").toString()));
    }

    @Test
    void skipsWithAClearMessageWhenAbsent(@TempDir Path parent) {
        String previous = System.getProperty(SharedData.PROPERTY);
        System.setProperty(SharedData.PROPERTY, parent.resolve("no-such-dir").toString());
        try {
            TestAbortedException skipped = assertThrows(TestAbortedException.class, SharedData::dir);
            assertTrue(skipped.getMessage().contains(SharedData.PROPERTY), skipped.getMessage());
            assertTrue(skipped.getMessage().contains("no-such-dir"), skipped.getMessage());
        } finally {
            restore(previous);
        }
    }

    @Test
    void resolvesFilesInsideTheSharedDirectory(@TempDir Path shared) throws Exception {
        java.nio.file.Files.writeString(shared.resolve("manifest.csv"), "path,label\n");
        String previous = System.getProperty(SharedData.PROPERTY);
        System.setProperty(SharedData.PROPERTY, shared.toString());
        try {
            assertEquals(shared.toAbsolutePath().normalize().resolve("manifest.csv"), SharedData.resolve("manifest.csv"));
            assertThrows(TestAbortedException.class, () -> SharedData.resolve("missing.csv"));
        } finally {
            restore(previous);
        }
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(SharedData.PROPERTY);
        } else {
            System.setProperty(SharedData.PROPERTY, previous);
        }
    }
}
