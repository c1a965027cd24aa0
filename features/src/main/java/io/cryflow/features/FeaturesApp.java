package io.cryflow.features;

import io.cryflow.streams.StreamsService;
import java.util.Properties;
import org.apache.kafka.streams.Topology;

/**
 * The features stage as a service: {@code start(bootstrapServers, stateDir, properties)} and
 * {@code stop()} (from {@link StreamsService}). The properties carry both Streams overrides and the
 * {@link FeaturesConfig} keys. A command line wires it in a few lines:
 * <pre>
 *   FeaturesApp app = new FeaturesApp();
 *   Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
 *   app.start(bootstrap, stateDir, properties);
 * </pre>
 */
public final class FeaturesApp extends StreamsService {

    @Override
    protected String applicationId() {
        return FeaturesConfig.APPLICATION_ID;
    }

    @Override
    protected Topology topology(Properties config) {
        return FeaturesTopology.build(FeaturesConfig.fromProperties(config));
    }
}
