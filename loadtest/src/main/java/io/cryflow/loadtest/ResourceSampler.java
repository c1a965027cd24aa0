package io.cryflow.loadtest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples this process's CPU use (in cores) and heap (in use, and committed: a heap that grows under load makes
 * fresh pages fault in, a cost that lands on whichever thread allocates), at a fixed period, and splits the CPU time
 * between one moment and the end by component ({@link CpuByComponent}), with the models' share of the
 * inference stage ({@link ScoringMeter}) over the same stretch.
 */
final class ResourceSampler implements AutoCloseable {

    record Sample(double seconds, double cpuCores, long heapUsedBytes, long heapCommittedBytes) {
    }

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "loadtest-resources");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Sample> samples = new ArrayList<>();
    private final CpuByComponent cpu = new CpuByComponent();
    private volatile CpuByComponent.Snapshot splitFrom;
    private final ScoringMeter scoring = new ScoringMeter();
    private volatile ScoringMeter.Snapshot scoringFrom;
    private final long startNanos = System.nanoTime();
    private long lastCpuNanos = os.getProcessCpuTime();
    private long lastNanos = System.nanoTime();

    ResourceSampler start(long periodMillis) {
        scheduler.scheduleAtFixedRate(this::sample, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        return this;
    }

    private synchronized void sample() {
        long cpu = os.getProcessCpuTime();
        long now = System.nanoTime();
        double cores = (cpu - lastCpuNanos) / (double) (now - lastNanos);
        lastCpuNanos = cpu;
        lastNanos = now;
        MemoryUsage heap = memory.getHeapMemoryUsage();
        samples.add(new Sample((now - startNanos) / 1e9, cores, heap.getUsed(), heap.getCommitted()));
    }

    /** Takes the first snapshot of the CPU split after {@code delay} (the warm-up). */
    void splitCpuAfter(Duration delay) {
        scheduler.schedule(() -> {
            scoringFrom = scoring.snapshot();
            splitFrom = cpu.snapshot();
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cores by component since the snapshot of {@link #splitCpuAfter}; empty if it has not been taken yet. */
    Map<String, Double> cpuByComponentSinceSplit() {
        CpuByComponent.Snapshot from = splitFrom;
        return from == null ? Map.of() : CpuByComponent.coresBetween(from, cpu.snapshot());
    }

    /** The models' work since the snapshot of {@link #splitCpuAfter}; empty if it has not been taken yet. */
    Optional<ScoringMeter.Usage> scoringSinceSplit() {
        ScoringMeter.Snapshot from = scoringFrom;
        return from == null ? Optional.empty() : Optional.of(ScoringMeter.between(from, scoring.snapshot()));
    }

    synchronized List<Sample> samples() {
        return List.copyOf(samples);
    }

    int availableCores() {
        return os.getAvailableProcessors();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        scoring.close();
    }
}
