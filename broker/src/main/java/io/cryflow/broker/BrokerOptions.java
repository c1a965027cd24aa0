package io.cryflow.broker;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link EmbeddedKafkaBroker} should look like: ports, data directory and broker overrides.
 *
 * <p>Defaults suit tests: free ports chosen at start, a temporary data directory deleted on stop,
 * topic auto-creation on. A standalone dev broker (the {@code cryflow broker} command) sets a fixed
 * port and a data directory so that data survives restarts.
 */
public final class BrokerOptions {

    /** Port value meaning "pick a free port on 127.0.0.1 when starting". */
    public static final int ANY_PORT = 0;
    /** Default node id of the single combined broker+controller node. */
    public static final int DEFAULT_NODE_ID = 1;

    private final int brokerPort;
    private final int controllerPort;
    private final Path dataDir;
    private final int nodeId;
    private final boolean autoCreateTopics;
    private final Map<String, String> brokerOverrides;

    private BrokerOptions(Builder builder) {
        this.brokerPort = builder.brokerPort;
        this.controllerPort = builder.controllerPort;
        this.dataDir = builder.dataDir;
        this.nodeId = builder.nodeId;
        this.autoCreateTopics = builder.autoCreateTopics;
        this.brokerOverrides = Map.copyOf(builder.brokerOverrides);
    }

    /** Test defaults: free ports, temporary data directory, auto topic creation on. */
    public static BrokerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Client listener port, or {@link #ANY_PORT}. */
    public int brokerPort() {
        return brokerPort;
    }

    /** KRaft controller listener port, or {@link #ANY_PORT}. */
    public int controllerPort() {
        return controllerPort;
    }

    /** Persistent data directory; empty means a temporary one that is deleted on stop. */
    public Optional<Path> dataDir() {
        return Optional.ofNullable(dataDir);
    }

    public int nodeId() {
        return nodeId;
    }

    public boolean autoCreateTopics() {
        return autoCreateTopics;
    }

    /** Raw Kafka server properties applied last, over every computed default. */
    public Map<String, String> brokerOverrides() {
        return brokerOverrides;
    }

    @Override
    public String toString() {
        return "BrokerOptions{brokerPort=" + brokerPort + ", controllerPort=" + controllerPort
                + ", dataDir=" + dataDir + ", nodeId=" + nodeId + ", autoCreateTopics=" + autoCreateTopics
                + ", brokerOverrides=" + brokerOverrides + '}';
    }

    /** Builder for {@link BrokerOptions}. */
    public static final class Builder {
        private int brokerPort = ANY_PORT;
        private int controllerPort = ANY_PORT;
        private Path dataDir;
        private int nodeId = DEFAULT_NODE_ID;
        private boolean autoCreateTopics = true;
        private final Map<String, String> brokerOverrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Client port on 127.0.0.1; default {@link #ANY_PORT} (a free port). */
        public Builder brokerPort(int port) {
            this.brokerPort = checkPort(port);
            return this;
        }

        /** Controller port on 127.0.0.1; default {@link #ANY_PORT} (a free port). */
        public Builder controllerPort(int port) {
            this.controllerPort = checkPort(port);
            return this;
        }

        /**
         * Persistent data directory, created and formatted when missing and reused as is otherwise;
         * default none (a temporary directory deleted on stop).
         */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** Node id of the combined broker+controller; default {@value #DEFAULT_NODE_ID}. */
        public Builder nodeId(int id) {
            if (id < 0) {
                throw new IllegalArgumentException("node id must be >= 0: " + id);
            }
            this.nodeId = id;
            return this;
        }

        /** Whether producing to an unknown topic creates it; default true (Kafka's own default). */
        public Builder autoCreateTopics(boolean enabled) {
            this.autoCreateTopics = enabled;
            return this;
        }

        /** Any Kafka server property, applied over the computed defaults. */
        public Builder brokerProperty(String key, String value) {
            brokerOverrides.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public BrokerOptions build() {
            return new BrokerOptions(this);
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range 0..65535: " + port);
            }
            return port;
        }
    }
}
