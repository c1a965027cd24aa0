package io.cryflow.loadtest;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Samples this process's CPU use (in cores) and heap in use, at a fixed period. */
final class ResourceSampler implements AutoCloseable {

    record Sample(double seconds, double cpuCores, long heapUsedBytes) {
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
        samples.add(new Sample((now - startNanos) / 1e9, cores, memory.getHeapMemoryUsage().getUsed()));
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
    }
}
