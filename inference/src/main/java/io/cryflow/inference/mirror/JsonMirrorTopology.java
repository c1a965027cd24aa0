package io.cryflow.inference.mirror;

import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The opt-in JSON mirror of the cry-events topic: every {@code CryEvent} republished, same key and order,
 * as a UTF-8 JSON string ({@link CryEventJson}). Undecodable records go to the dead-letter topic.
 */
public final class JsonMirrorTopology {

    public static final String APPLICATION_ID = "cryflow-json-mirror";
    public static final String INPUT_TOPIC = "cryflow.mirror.input.topic";
    public static final String OUTPUT_TOPIC = "cryflow.mirror.output.topic";
    public static final String DEFAULT_OUTPUT_TOPIC = Topics.CRY_EVENTS + ".json";

    private JsonMirrorTopology() {
    }

    public static Topology build(Properties config) {
        String input = config.getProperty(INPUT_TOPIC, Topics.CRY_EVENTS);
        String output = config.getProperty(OUTPUT_TOPIC, DEFAULT_OUTPUT_TOPIC);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Topics.keySerde(), AvroSerdes.cryEvent()).withName("cry-events"))
                .mapValues(CryEventJson::of)
                .to(output, Produced.with(Serdes.String(), Serdes.String()).withName("cry-events-json"));
        return builder.build();
    }
}
