package io.cryflow.loadtest;

import org.HdrHistogram.Histogram;

/** One latency distribution in milliseconds (HdrHistogram, 3 significant digits, up to 10 min). */
public final class LatencyStats {

    private final String name;
    private final Histogram histogram = new Histogram(600_000L, 3);
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
