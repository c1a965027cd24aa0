package io.cryflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.TopicSpec;
import io.cryflow.schemas.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;

/** The published history is complete, and every version in it is readable by today's contracts. */
class SchemaHistoryTest {

    private final SchemaHistory published = SchemaHistory.published();

    @Test
    void everyCurrentContractIsPublished() {
        for (TopicSpec topic : Topics.all()) {
            Schema current = SpecificData.get().getSchema(topic.valueType());
            assertNotNull(published.findByFingerprint(SchemaHistory.fingerprintOf(current)),
                    current.getFullName() + " changed: add its new version to src/main/resources/io/cryflow/schemas/history/ and its index");
        }
    }

    @Test
    void everyPublishedVersionIsReadableByTheCurrentContract() {
        for (TopicSpec topic : Topics.all()) {
            Schema reader = SpecificData.get().getSchema(topic.valueType());
            List<Schema> versions = published.versionsOf(reader.getFullName());
            assertFalse(versions.isEmpty(), reader.getFullName());
            for (Schema writer : versions) {
                assertEquals(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType(),
                        reader.getFullName() + " can no longer read " + writer);
            }
        }
    }

    @Test
    void everyHistoryFileIsIndexed() throws IOException {
        Path folder = Paths.get("src/main/resources/io/cryflow/schemas/history");
        Set<String> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".avsc"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> indexed = Files.readAllLines(folder.resolve("index.txt"), StandardCharsets.UTF_8).stream()
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, indexed);
        assertEquals(files.size(), published.size(), "each file is a distinct version");
    }

    @Test
    void unknownFingerprintsAreNotFound() {
        assertNull(published.findByFingerprint(0L));
    }

    @Test
    void aMissingIndexEntryFailsLoudly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SchemaHistory.builder().addIndexed(getClass().getClassLoader(), "no/such/index.txt"));
        assertTrue(e.getMessage().contains("no/such/index.txt"), e.getMessage());
    }
}
