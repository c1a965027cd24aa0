package io.cryflow.ingest.publish;

import java.util.concurrent.atomic.AtomicLong;

/** Delivery counters of a publisher; safe to read from any thread. */
public final class PublishStats {

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    void recordSent() {
        sent.incrementAndGet();
    }

    void recordAcknowledged() {
        acknowledged.incrementAndGet();
    }

    void recordFailed() {
        failed.incrementAndGet();
    }

    /** Chunks handed to the producer. */
    public long sent() {
        return sent.get();
    }

    /** Chunks the broker acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Chunks that could not be delivered. */
    public long failed() {
        return failed.get();
    }

    @Override
    public String toString() {
        return "sent=" + sent() + " acknowledged=" + acknowledged() + " failed=" + failed();
    }
}
