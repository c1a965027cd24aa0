package io.cryflow.loadtest;

import io.cryflow.features.FeaturesApp;
import io.cryflow.inference.app.InferenceApp;
import io.cryflow.streams.StreamsService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The features and inference stages running in this JVM against one cluster, each with its own state
 * folder under a common one: what the load test and the demo run. {@link #close()} stops inference
 * first, so that nothing downstream waits on a stage that is already gone.
 */
public final class InProcessPipeline implements AutoCloseable {

    /** How long {@link #start} waits for both stages to reach RUNNING. */
    public static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final FeaturesApp features = new FeaturesApp();
    private final InferenceApp inference = new InferenceApp();

    private InProcessPipeline() {
    }

    /**
     * Starts both stages and waits until both run.
     *
     * @throws IllegalStateException if one does not reach RUNNING within {@link #START_TIMEOUT}; both are stopped
     */
    public static InProcessPipeline start(String bootstrapServers, Path stateDir, Properties settings) throws InterruptedException {
        InProcessPipeline pipeline = new InProcessPipeline();
        try {
            pipeline.features.start(bootstrapServers, stateDir.resolve("features").toString(), settings);
            pipeline.inference.start(bootstrapServers, stateDir.resolve("inference").toString(), settings);
            for (StreamsService app : new StreamsService[] {pipeline.features, pipeline.inference}) {
                if (!app.awaitRunning(START_TIMEOUT)) {
                    throw new IllegalStateException("a stream app did not start (state " + app.state() + "); see the log");
                }
            }
            return pipeline;
        } catch (RuntimeException | InterruptedException e) {
            pipeline.close();
            throw e;
        }
    }

    public FeaturesApp features() {
        return features;
    }

    public InferenceApp inference() {
        return inference;
    }

    @Override
    public void close() {
        inference.stop();
        features.stop();
    }
}
