package io.cryflow.loadtest;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuByComponentTest {

    @Test
    void threadsAreAttributedByTheNamesKafkaGivesThem() {
        assertEquals(CpuByComponent.FEATURES, CpuByComponent.componentOf("cryflow-features-4f89c456-dca1-4ee9-bea9-96b858e0c231-StreamThread-1"));
        assertEquals(CpuByComponent.FEATURES, CpuByComponent.componentOf(
                "kafka-producer-network-thread | cryflow-features-4f89c456-dca1-4ee9-bea9-96b858e0c231-StreamThread-1-producer"));
        assertEquals(CpuByComponent.INFERENCE, CpuByComponent.componentOf("cryflow-inference-a1d2ec-StreamThread-1"));
        assertEquals(CpuByComponent.LOAD_GENERATOR, CpuByComponent.componentOf("kafka-producer-network-thread | cryflow-ingest"));
        assertEquals(CpuByComponent.LOAD_GENERATOR, CpuByComponent.componentOf("loadtest-microphones"));
        assertEquals(CpuByComponent.BROKER, CpuByComponent.componentOf("data-plane-kafka-request-handler-0"));
    }

    @Test
    void coresAreThreadTimeOverWallTimeWithTheUnattributedRestSeparate() {
        CpuByComponent.Snapshot from = new CpuByComponent.Snapshot(1_000_000_000L, 0L,
                Map.of(1L, 100_000_000L, 2L, 0L, 3L, 50_000_000L),
                Map.of(1L, CpuByComponent.FEATURES, 2L, CpuByComponent.INFERENCE, 3L, CpuByComponent.BROKER));
        // 2 s later: features used 0.5 s, inference 1 s, the broker 0.2 s, a new load-generator thread 0.1 s; the process 2.6 s.
        CpuByComponent.Snapshot to = new CpuByComponent.Snapshot(3_600_000_000L, 2_000_000_000L,
                Map.of(1L, 600_000_000L, 2L, 1_000_000_000L, 3L, 250_000_000L, 4L, 100_000_000L),
                Map.of(1L, CpuByComponent.FEATURES, 2L, CpuByComponent.INFERENCE, 3L, CpuByComponent.BROKER, 4L, CpuByComponent.LOAD_GENERATOR));
        Map<String, Double> cores = CpuByComponent.coresBetween(from, to);
        assertEquals(0.25, cores.get(CpuByComponent.FEATURES), 1e-9);
        assertEquals(0.5, cores.get(CpuByComponent.INFERENCE), 1e-9);
        assertEquals(0.1, cores.get(CpuByComponent.BROKER), 1e-9);
        assertEquals(0.05, cores.get(CpuByComponent.LOAD_GENERATOR), 1e-9);
        assertEquals(0.4, cores.get(CpuByComponent.JVM_AND_NATIVE), 1e-9);
    }

    @Test
    void aLiveSnapshotSeesThisThread() {
        CpuByComponent.Snapshot snapshot = new CpuByComponent().snapshot();
        assertTrue(snapshot.threadNanos().containsKey(Thread.currentThread().getId()));
        assertTrue(snapshot.processNanos() > 0);
    }
}
