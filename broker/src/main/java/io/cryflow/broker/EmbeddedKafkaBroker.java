package io.cryflow.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (KRaft, combined broker and controller) running inside this JVM.
 *
 * <p>For development, demos and integration tests: it binds 127.0.0.1 only and is configured by
 * {@link KafkaServerProperties} so that idempotent and transactional producers work on one node.
 * An instance may be started again after {@link #stop()}; several instances may run side by side.
 *
 * <pre>{@code
 * try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.defaults())) {
 *     broker.start();
 *     broker.createTopics(new NewTopic("audio.chunks", 3, (short) 1));
 *     ... clients use broker.bootstrapServers() ...
 * }
 * }</pre>
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);

    /** Attempts when a free port was taken by someone else between picking it and binding it. */
    private static final int PORT_ATTEMPTS = 3;
    /** How long the freshly started node may take to answer its first Admin request. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final BrokerOptions options;

    private KafkaRaftServer server;
    private Path dataDir;
    private boolean ownsDataDir;
    private String bootstrapServers;
    private String clusterId;
    private CountDownLatch stopped = new CountDownLatch(0);

    public EmbeddedKafkaBroker(BrokerOptions options) {
        this.options = options;
    }

    /** A broker with {@link BrokerOptions#defaults()}: free ports and a temporary data directory. */
    public EmbeddedKafkaBroker() {
        this(BrokerOptions.defaults());
    }

    /**
     * Formats storage if needed, starts the node and waits until it serves clients.
     *
     * @return this broker, started
     * @throws BrokerStartException when the node cannot be started
     * @throws IllegalStateException when it is already running
     */
    public synchronized EmbeddedKafkaBroker start() {
        if (server != null) {
            throw new IllegalStateException("Embedded Kafka broker already running at " + bootstrapServers);
        }
        long startNanos = System.nanoTime();
        prepareDataDir();
        try {
            startWithRetries();
            clusterId = awaitReady();
        } catch (RuntimeException e) {
            stopQuietly();
            throw e;
        }
        stopped = new CountDownLatch(1);
        log.info("Embedded Kafka started at {} (cluster {}, data {}) in {} ms", bootstrapServers, clusterId, dataDir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return this;
    }

    /** Shuts the node down cleanly and waits for it; deletes the data directory when temporary. No-op when stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        String was = bootstrapServers;
        try {
            shutdownServer();
        } finally {
            deleteDataDirIfOwned();
            bootstrapServers = null;
            stopped.countDown();
        }
        log.info("Embedded Kafka at {} stopped", was);
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /** Blocks until {@link #stop()} is called from another thread (for example a shutdown hook); returns at once when not running. */
    public void awaitStop() throws InterruptedException {
        CountDownLatch latch;
        synchronized (this) {
            latch = stopped;
        }
        latch.await();
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** {@code host:port} of the client listener. */
    public synchronized String bootstrapServers() {
        requireRunning();
        return bootstrapServers;
    }

    /** The KRaft cluster id (kept across restarts of a persistent data directory). */
    public synchronized String clusterId() {
        requireRunning();
        return clusterId;
    }

    /** Directory holding this node's logs and metadata. */
    public synchronized Path dataDir() {
        requireRunning();
        return dataDir;
    }

    public BrokerOptions options() {
        return options;
    }

    /**
     * Creates topics that do not exist yet; existing ones are left alone.
     *
     * @return names of the topics this call created
     */
    public List<String> createTopics(NewTopic... topics) {
        return createTopics(Arrays.asList(topics));
    }

    /** As {@link #createTopics(NewTopic...)}. */
    public List<String> createTopics(Collection<NewTopic> topics) {
        return TopicCreator.createTopics(bootstrapServers(), topics);
    }

    private void prepareDataDir() {
        try {
            if (options.dataDir().isPresent()) {
                dataDir = Files.createDirectories(options.dataDir().get().toAbsolutePath());
                ownsDataDir = false;
            } else {
                dataDir = Files.createTempDirectory("cryflow-kafka-");
                ownsDataDir = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory", e);
        }
    }

    private void startWithRetries() {
        boolean portsAreFree = options.brokerPort() == BrokerOptions.ANY_PORT
                || options.controllerPort() == BrokerOptions.ANY_PORT;
        for (int attempt = 1; ; attempt++) {
            int brokerPort = FreePort.resolve(options.brokerPort());
            int controllerPort = FreePort.resolve(options.controllerPort());
            while (controllerPort == brokerPort) {
                controllerPort = FreePort.pick();
            }
            Map<String, String> properties = KafkaServerProperties.of(options, brokerPort, controllerPort, dataDir);
            KafkaConfig config = new KafkaConfig(properties, false);
            StorageFormatter.formatIfNeeded(config, dataDir);
            KafkaRaftServer candidate = new KafkaRaftServer(config, Time.SYSTEM);
            try {
                candidate.startup();
                server = candidate;
                bootstrapServers = KafkaServerProperties.HOST + ":" + brokerPort;
                return;
            } catch (RuntimeException e) {
                shutdownQuietly(candidate);
                if (portsAreFree && attempt < PORT_ATTEMPTS && isBindFailure(e)) {
                    log.warn("Port taken while starting embedded Kafka (attempt {}), retrying on new ports: {}",
                            attempt, e.getMessage());
                    resetOwnedDataDir();
                    continue;
                }
                throw new BrokerStartException("Embedded Kafka failed to start on " + KafkaServerProperties.HOST
                        + " ports " + brokerPort + "/" + controllerPort + ": " + e.getMessage(), e);
            }
        }
    }

    /** Waits until the broker answers an Admin request; returns the cluster id it reports. */
    private String awaitReady() {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "cryflow-embedded-ready-check"))) {
            DescribeClusterResult cluster = admin.describeCluster();
            cluster.nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return cluster.clusterId().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("Interrupted while waiting for embedded Kafka", e);
        } catch (Exception e) {
            throw new BrokerStartException("Embedded Kafka at " + bootstrapServers + " did not become ready", e);
        }
    }

    private static boolean isBindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException || String.valueOf(t.getMessage()).contains("failed to bind")) {
                return true;
            }
        }
        return false;
    }

    private void shutdownServer() {
        KafkaRaftServer running = server;
        server = null;
        running.shutdown();
        running.awaitShutdown();
    }

    private static void shutdownQuietly(KafkaRaftServer candidate) {
        try {
            candidate.shutdown();
            candidate.awaitShutdown();
        } catch (RuntimeException e) {
            log.debug("Ignoring error while shutting down a failed embedded Kafka start", e);
        }
    }

    private void stopQuietly() {
        try {
            if (server != null) {
                shutdownServer();
            }
        } catch (RuntimeException e) {
            log.debug("Ignoring error while cleaning up a failed embedded Kafka start", e);
        } finally {
            deleteDataDirIfOwned();
            bootstrapServers = null;
        }
    }

    /** A temporary data directory starts the next attempt empty, free of the failed attempt's state. */
    private void resetOwnedDataDir() {
        if (ownsDataDir) {
            deleteDataDirIfOwned();
            try {
                Files.createDirectories(dataDir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot recreate Kafka data directory " + dataDir, e);
            }
        }
    }

    private void deleteDataDirIfOwned() {
        if (ownsDataDir && dataDir != null) {
            try {
                Utils.delete(dataDir.toFile());
            } catch (IOException e) {
                log.warn("Could not delete embedded Kafka data directory {}", dataDir, e);
            }
        }
    }

    private void requireRunning() {
        if (server == null) {
            throw new IllegalStateException("Embedded Kafka broker is not running");
        }
    }
}
