package io.cryflow.inference.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryflow.schemas.CryCause;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.EpisodeIds;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.StreamsProperties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

class JsonMirrorTopologyTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00.123456Z");

    @Test
    void mirrorsEveryEventAsJsonAndSkipsWhatDoesNotDecode() throws Exception {
        Properties config = StreamsProperties.forApplication(JsonMirrorTopology.APPLICATION_ID)
                .bootstrapServers("unused:9092").build();
        try (TopologyTestDriver driver = new TopologyTestDriver(JsonMirrorTopology.build(config), config)) {
            var input = driver.createInputTopic(Topics.CRY_EVENTS, new StringSerializer(), new ByteArraySerializer());
            var output = driver.createOutputTopic(JsonMirrorTopology.DEFAULT_OUTPUT_TOPIC, new StringDeserializer(), new StringDeserializer());

            CryEvent started = CryEvent.newBuilder().setEventType(CryEventType.CRY_STARTED)
                    .setEpisodeId(EpisodeIds.of("nicu-4", START)).setRoomId("nicu-4").setEpisodeStartMicros(START)
                    .setEventTimeMicros(START).setDetectionDelayMillis(2300).setDurationMillis(0).setConfidence(0.91f)
                    .setPeakConfidence(0.91f).setMeanConfidence(0.91f).setCause(CryCause.HUNGRY)
                    .setCauseProbabilities(Map.of("hungry", 0.6f, "tired", 0.4f)).setModelVersion("m@1").setMicrophoneIds(List.of("cot", "door")).build();
            input.pipeInput("nicu-4", AvroSerdes.cryEvent().serializer().serialize(Topics.CRY_EVENTS, started));
            input.pipeInput("nicu-4", new byte[] {0x01, 0x02});
            input.pipeInput("nicu-4", AvroSerdes.cryEvent().serializer().serialize(Topics.CRY_EVENTS, started));

            var record = output.readKeyValue();
            assertEquals("nicu-4", record.key);
            JsonNode json = new ObjectMapper().readTree(record.value);
            assertEquals("CRY_STARTED", json.get("eventType").asText());
            assertEquals("2026-12-01T10:00:00.123456Z", json.get("episodeStart").asText());
            assertEquals(1_796_119_200_123_456L, json.get("episodeStartMicros").asLong());
            assertTrue(json.get("episodeEnd").isNull());
            assertEquals("hungry", json.get("cause").asText());
            assertEquals(0.6, json.get("causeProbabilities").get("hungry").asDouble(), 1e-6);
            assertEquals("m@1", json.get("modelVersion").asText());
            assertEquals("[\"cot\",\"door\"]", json.get("microphoneIds").toString());
            // The undecodable record is skipped by the shared dead-letter handler (its dead letter is checked on a
            // real broker in the features stage's integration test; TopologyTestDriver does not capture it) and the
            // mirror carries on with the next event.
            assertEquals(record.value, output.readValue());
            assertTrue(output.isEmpty());
        }
    }
}
