package io.cryflow.loadtest;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of this JVM split by pipeline component, from the CPU time of its Java threads grouped by
 * thread name. What no Java thread accounts for (JIT compiler, garbage collector, ONNX Runtime's own
 * threads) is the rest of the process's CPU time, reported as {@link #JVM_AND_NATIVE}. Answers "which
 * stage would a bigger deployment have to split off first".
 */
final class CpuByComponent {

    static final String FEATURES = "features";
    static final String INFERENCE = "inference";
    static final String LOAD_GENERATOR = "load generator";
    static final String BROKER = "broker and other Java threads";
    static final String JVM_AND_NATIVE = "JIT, GC and native threads";
    /** Every component, in report order. */
    static final List<String> COMPONENTS = List.of(FEATURES, INFERENCE, BROKER, LOAD_GENERATOR, JVM_AND_NATIVE);

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** CPU nanoseconds by component at one moment. */
    record Snapshot(long processNanos, long wallNanos, Map<Long, Long> threadNanos, Map<Long, String> threadComponent) {
    }

    /** The component a thread works for, by the names Kafka Streams, the Kafka clients and the broker give their threads. */
    static String componentOf(String threadName) {
        if (threadName.contains("cryflow-features")) {
            return FEATURES;
        }
        if (threadName.contains("cryflow-inference")) {
            return INFERENCE;
        }
        if (threadName.contains("cryflow-ingest") || threadName.startsWith("loadtest-")) {
            return LOAD_GENERATOR;
        }
        return BROKER;
    }

    Snapshot snapshot() {
        Map<Long, Long> nanos = new HashMap<>();
        Map<Long, String> component = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu >= 0) {
                nanos.put(info.getThreadId(), cpu);
                component.put(info.getThreadId(), componentOf(info.getThreadName()));
            }
        }
        return new Snapshot(os.getProcessCpuTime(), System.nanoTime(), nanos, component);
    }

    /**
     * Mean cores used by each component between two snapshots. Threads that ended in between lose their
     * last stretch (it lands in {@link #JVM_AND_NATIVE}); threads born in between count from zero.
     */
    static Map<String, Double> coresBetween(Snapshot from, Snapshot to) {
        double wall = to.wallNanos() - from.wallNanos();
        Map<String, Double> cores = new LinkedHashMap<>();
        for (String name : COMPONENTS) {
            cores.put(name, 0.0);
        }
        long javaNanos = 0;
        for (Map.Entry<Long, Long> entry : to.threadNanos().entrySet()) {
            long delta = entry.getValue() - from.threadNanos().getOrDefault(entry.getKey(), 0L);
            javaNanos += delta;
            cores.merge(to.threadComponent().get(entry.getKey()), delta / wall, Double::sum);
        }
        long rest = Math.max(0, (to.processNanos() - from.processNanos()) - javaNanos);
        cores.put(JVM_AND_NATIVE, rest / wall);
        return cores;
    }
}
