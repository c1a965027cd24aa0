package io.cryflow.loadtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.scene.BundledClipLibrary;
import io.cryflow.schemas.TopicSpec;
import io.cryflow.schemas.Topics;
import io.cryflow.testkit.KafkaFixture;
import io.cryflow.testkit.KafkaIntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small load test on a real broker, end to end: rooms stream in real time through both stages in this JVM, and
 * the report's unloaded reference (the same scenes through the same topologies without a broker) must agree with
 * what the rooms reported: a light load loses no cry, every room's episodes start exactly when the reference's do,
 * and the reference does report cries (so the check is not empty). The scenes repeat, so rooms sharing a scene are compared with one reference run.
 */
@KafkaIntegrationTest
class LoadTestOnBrokerTest {

    @Test
    void aLightLoadLosesNoCryTheUnloadedRunReports(KafkaFixture kafka, @TempDir Path stateDir) throws Exception {
        kafka.createTopics(Topics.all().stream().map(TopicSpec::newTopic).toArray(NewTopic[]::new));
        LoadTestSpec spec = LoadTestSpec.of(4, Duration.ofSeconds(60)).withDistinctScenes(2).withCriesPerScene(2)
                .withWarmUp(Duration.ofSeconds(10));
        StringWriter progress = new StringWriter();
        LoadReport report = new LoadTest(spec, new BundledClipLibrary(), new PrintWriter(progress, true))
                .run(kafka.bootstrapServers(), stateDir, new Properties());
        String markdown = report.markdown();
        System.out.println(markdown);

        assertTrue(report.sustained(), markdown);
        assertEquals(8, report.scriptedEpisodes(), markdown);
        assertTrue(report.reportedUnloaded() >= 4, "the unloaded run reports most bundled cries: " + markdown);
        assertTrue(report.noneLostUnderLoad(), markdown);
        assertEquals(4, report.roomsAsUnloaded(), "every room's episodes start exactly as without load: " + markdown);
    }
}
