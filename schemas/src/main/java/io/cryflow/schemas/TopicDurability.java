package io.cryflow.schemas;

/**
 * How many copies of each Cryflow topic the cluster keeps, and how many must have a write before an {@code acks=all}
 * producer (ingest, the exactly-once stream apps) is told it succeeded. With {@link #PRODUCTION} (3 and 2) one broker
 * can be down or lagging and no acknowledged record is lost; with 2 in sync out of 3, writes stop rather than go to a
 * single copy. A one-broker cluster (the embedded broker, docker-compose) can only hold {@link #SINGLE_BROKER}.
 */
public record TopicDurability(short replicationFactor, int minInsyncReplicas) {

    /** Three copies, two of them in sync for a write: survives one broker down. */
    public static final TopicDurability PRODUCTION = new TopicDurability((short) 3, 2);
    /** One copy: the embedded single-broker development setup. */
    public static final TopicDurability SINGLE_BROKER = new TopicDurability((short) 1, 1);

    /** @throws IllegalArgumentException unless 1 &lt;= minInsyncReplicas &lt;= replicationFactor */
    public TopicDurability {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be at least 1, got " + replicationFactor);
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas must lie in [1, replication factor " + replicationFactor
                    + "], got " + minInsyncReplicas);
        }
    }
}
