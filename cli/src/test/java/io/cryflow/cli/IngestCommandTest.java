package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main job, end to end: simulated rooms into an embedded broker, read back and audited. */
class IngestCommandTest {

    @Test
    void simulatedRoomsGoThroughAnEmbeddedBrokerAndAreReadBackComplete(@TempDir Path scenes) throws Exception {
        CliRun run = CliRun.of("ingest", "--scene-rooms", "2", "--duration", "30", "--cries", "2", "--pace", "fast",
                "--partitions", "2", "--write-scenes", scenes.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("Read back 120 chunks from cryflow.audio.chunks"), run.out());
        assertTrue(run.out().contains("room-0/mic-1: 60 chunks (30.0 s), seq 0..59, 0 gaps"), run.out());
        assertTrue(run.out().contains("Every room arrived complete, in order, with contiguous sequence numbers."), run.out());
        assertTrue(Files.isRegularFile(scenes.resolve("room-1.wav")));
        assertEquals(3, Files.readAllLines(scenes.resolve("room-1.cries.csv")).size(), "header + 2 cries");
    }

    @Test
    void aFileThatIsNotAWavIsReportedByNameWithoutStartingAnything(@TempDir Path dir) throws Exception {
        Path notWav = Files.writeString(dir.resolve("notes.wav"), "this is text, not audio");
        CliRun run = CliRun.of("ingest", "--wav", notWav.toString(), "--pace", "fast");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("notes.wav"), run.err());
        assertTrue(run.err().startsWith("cryflow ingest: "), run.err());
        assertTrue(!run.out().contains("Starting an embedded Kafka broker"), "no broker for a bad input: " + run.out());
    }

    @Test
    void conflictingSourcesAreAUsageError(@TempDir Path dir) {
        CliRun run = CliRun.of("ingest", "--scene-rooms", "2", "--folder", dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("choose one source"), run.err());
    }
}
