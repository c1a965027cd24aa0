package io.cryflow.loadtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** One latency distribution in milliseconds (HdrHistogram, 3 significant digits, up to 10 min). */
public final class LatencyStats {

    private final String name;
    private final Histogram histogram = new Histogram(600_000L, 3);
    /** Worst latency per second of arrival, for records given their arrival time: when the slow ones came. */
    private final TreeMap<Long, Long> worstBySecond = new TreeMap<>();
    private long negative;

    public LatencyStats(String name) {
        this.name = name;
    }

    public synchronized void record(long millis) {
        if (millis < 0) {
            negative++; // a clock step between hosts; counted, not hidden
            millis = 0;
        }
        histogram.recordValue(Math.min(millis, histogram.getHighestTrackableValue()));
    }

    /** Records a latency and the second (of the run) in which the record arrived. */
    public synchronized void record(long millis, long arrivalSecond) {
        record(millis);
        worstBySecond.merge(arrivalSecond, Math.max(0, millis), Math::max);
    }

    /**
     * Runs of consecutive arrival seconds in which some record took longer than {@code overMillis}, oldest first:
     * {@code [first second, last second, worst millis]}. Only records given with their arrival second count.
     */
    public synchronized List<long[]> slowStretches(long overMillis) {
        List<long[]> stretches = new ArrayList<>();
        long[] open = null;
        for (Map.Entry<Long, Long> second : worstBySecond.entrySet()) {
            if (second.getValue() <= overMillis) {
                continue;
            }
            if (open != null && second.getKey() == open[1] + 1) {
                open[1] = second.getKey();
                open[2] = Math.max(open[2], second.getValue());
            } else {
                open = new long[] {second.getKey(), second.getKey(), second.getValue()};
                stretches.add(open);
            }
        }
        return stretches;
    }

    public String name() {
        return name;
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    public synchronized long percentile(double p) {
        return histogram.getValueAtPercentile(p);
    }

    public synchronized long max() {
        return histogram.getMaxValue();
    }

    public synchronized long negative() {
        return negative;
    }
}
