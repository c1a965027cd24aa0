package io.cryflow.streams;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka Streams app as a service with two methods, {@link #start} and {@link #stop}, so every
 * Cryflow stage can be started, composed in the demo and stopped the same way. Subclasses give the
 * application id and the topology; configuration comes from {@link StreamsProperties}.
 *
 * <p>{@link #awaitRunning} waits for the first {@code RUNNING} state; {@link #state()} reports the
 * current one. Bad records never reach this far (the dead-letter handlers take them); a stream
 * thread dying anyway means a fault that retrying the same record would repeat, so the client
 * shuts down ({@code ERROR} state) for the operator or the orchestrator to restart, instead of
 * looping on that record.
 *
 * <p>Kafka Streams runs on a {@link MonotonicTime}: its wall-clock punctuations and {@code currentSystemTimeMs()}
 * move on with elapsed time, not with the host clock's steps.
 */
public abstract class StreamsService {

    private static final Logger log = LoggerFactory.getLogger(StreamsService.class);

    /** How long {@link #stop()} waits for a clean close (commit, state flush). */
    public static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final CountDownLatch running = new CountDownLatch(1);
    private volatile KafkaStreams streams;

    /** The Kafka Streams {@code application.id}: consumer group, internal topic prefix, dead-letter stage. */
    protected abstract String applicationId();

    /** The topology, built from the effective configuration (a pure function of it). */
    protected abstract Topology topology(Properties config);

    /**
     * Starts the app and returns without waiting for it to run.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param stateDir         local state directory (one per instance)
     * @param overrides        further settings, applied over {@link StreamsProperties}' defaults; may be null
     * @throws IllegalStateException if already started
     */
    public synchronized void start(String bootstrapServers, String stateDir, Properties overrides) {
        if (streams != null) {
            throw new IllegalStateException(applicationId() + " already started");
        }
        Properties config = StreamsProperties.forApplication(applicationId())
                .bootstrapServers(Objects.requireNonNull(bootstrapServers, "bootstrapServers"))
                .stateDir(Objects.requireNonNull(stateDir, "stateDir"))
                .overrides(overrides)
                .build();
        Topology topology = topology(config);
        log.info("Starting {} against {}:\n{}", applicationId(), bootstrapServers, topology.describe());
        // Punctuations (held chunks overdue, microphones offline) must keep their pace through host clock steps.
        KafkaStreams created = new KafkaStreams(topology, config, new MonotonicTime());
        created.setStateListener((newState, oldState) -> {
            log.info("{}: {} -> {}", applicationId(), oldState, newState);
            if (newState == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        created.setUncaughtExceptionHandler(e -> {
            log.error("{}: stream thread died; shutting the client down", applicationId(), e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams = created;
        created.start();
    }

    /** Stops the app, waiting up to {@link #CLOSE_TIMEOUT} for a clean close. Does nothing if not started. */
    public synchronized void stop() {
        KafkaStreams current = streams;
        if (current == null) {
            return;
        }
        streams = null;
        if (!current.close(CLOSE_TIMEOUT)) {
            log.warn("{} did not close within {}", applicationId(), CLOSE_TIMEOUT);
        }
    }

    /** The current state, or null before {@link #start}. */
    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? null : current.state();
    }

    /**
     * What keeps the app from doing its job although its stream threads may run (e.g. its analysis failing), one
     * line each; empty when nothing does. A service's {@code /health} is DOWN while this is not empty.
     */
    public List<String> problems() {
        return List.of();
    }

    /** The running client, for metrics binders (e.g. Micrometer's KafkaStreamsMetrics); null before {@link #start}. */
    public KafkaStreams kafkaStreams() {
        return streams;
    }

    /** Waits until the app has reached {@code RUNNING} once; true if it did within the timeout. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        return running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
