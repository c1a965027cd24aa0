package io.cryflow.inference.mirror;

import io.cryflow.streams.StreamsService;
import java.util.Properties;
import org.apache.kafka.streams.Topology;

/** The JSON mirror as a service ({@code ./cryflow mirror}). */
public final class JsonMirrorApp extends StreamsService {

    @Override
    protected String applicationId() {
        return JsonMirrorTopology.APPLICATION_ID;
    }

    @Override
    protected Topology topology(Properties config) {
        return JsonMirrorTopology.build(config);
    }
}
