package io.cryflow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The README's main job, end to end: simulated rooms into an embedded broker, read back and audited. */
class IngestCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Cryflow.commandLine(new ConfigDefaults(Map.of(), new Properties()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void simulatedRoomsGoThroughAnEmbeddedBrokerAndAreReadBackComplete(@TempDir Path scenes) throws Exception {
        Run run = run("ingest", "--scene-rooms", "2", "--duration", "30", "--cries", "2", "--pace", "fast",
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
        Run run = run("ingest", "--wav", notWav.toString(), "--pace", "fast");
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("notes.wav"), run.err());
        assertTrue(run.err().startsWith("cryflow ingest: "), run.err());
        assertTrue(!run.out().contains("Starting an embedded Kafka broker"), "no broker for a bad input: " + run.out());
    }

    @Test
    void conflictingSourcesAreAUsageError(@TempDir Path dir) {
        Run run = run("ingest", "--scene-rooms", "2", "--folder", dir.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("choose one source"), run.err());
    }
}
