package io.cryflow.benchmarks;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.dsp.gate.CryGate;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.dsp.gate.GateListener;
import org.visnow.jlargearrays.ConcurrencyUtils;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Real-time factor per core measured in thread CPU time rather than wall time, so that other load on a
 * shared machine does not distort it: seconds of 16 kHz audio processed (HPF + STFT + mel + log-mel + gate)
 * per second of CPU, chunked (0.5 s, one long stream) and whole-signal (fresh extractor and gate per 10 s).
 * Complements the JMH figures. On a shared virtual machine single rounds swing by ±15 %, so it reports the
 * median and the best of the measured rounds as well.
 * Run: {@code java -cp benchmarks/target/benchmarks.jar io.cryflow.benchmarks.CpuRealTimeFactor [rounds]}.
 */
public final class CpuRealTimeFactor {

    private static final FeatureConfig FEATURES = FeatureConfig.DEFAULT;

    private CpuRealTimeFactor() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        ConcurrencyUtils.setNumberOfThreads(1);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        float[] audio = SyntheticRoomAudio.generate(FEATURES.sampleRate(), DspThroughputBenchmark.SECONDS, 42);
        DbfsCalibration calibration = DbfsCalibration.of(FEATURES);
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(FEATURES);
        CryGate gate = new CryGate(GateConfig.DEFAULT, FEATURES, calibration, GateListener.NONE);
        int chunk = FEATURES.sampleRate() / 2;
        int passes = 60; // 600 s of audio per round
        double[] chunkedRates = new double[rounds];
        double[] wholeRates = new double[rounds];
        for (int round = -2; round < rounds; round++) { // two warm-up rounds
            long t0 = mx.getCurrentThreadCpuTime();
            for (int p = 0; p < passes; p++) {
                for (int pos = 0; pos < audio.length; pos += chunk) {
                    extractor.accept(audio, pos, Math.min(chunk, audio.length - pos), gate);
                }
            }
            long t1 = mx.getCurrentThreadCpuTime();
            boolean open = false;
            for (int p = 0; p < passes; p++) {
                StreamingFeatureExtractor fresh = new StreamingFeatureExtractor(FEATURES);
                CryGate freshGate = new CryGate(GateConfig.DEFAULT, FEATURES, calibration, GateListener.NONE);
                fresh.accept(audio, freshGate);
                open ^= freshGate.isOpenNow();
            }
            long t2 = mx.getCurrentThreadCpuTime();
            double audioSeconds = passes * (double) DspThroughputBenchmark.SECONDS;
            if (round >= 0) {
                chunkedRates[round] = audioSeconds / ((t1 - t0) * 1e-9);
                wholeRates[round] = audioSeconds / ((t2 - t1) * 1e-9);
            }
            System.out.printf(Locale.ROOT, "%s round %d: chunked %.0fx real time per core, whole-signal %.0fx (%.1f us CPU per frame chunked)%s%n",
                    round < 0 ? "warm-up" : "measured", round, audioSeconds / ((t1 - t0) * 1e-9), audioSeconds / ((t2 - t1) * 1e-9),
                    (t1 - t0) * 1e-3 / (passes * 1000.0 * DspThroughputBenchmark.SECONDS / 10), open && gate.isOpenNow() ? "" : "");
        }
        if (rounds > 0) {
            Arrays.sort(chunkedRates);
            Arrays.sort(wholeRates);
            System.out.printf(Locale.ROOT, "over %d rounds: chunked median %.0fx (best %.0fx, worst %.0fx), whole-signal median %.0fx (best %.0fx)%n",
                    rounds, median(chunkedRates), chunkedRates[rounds - 1], chunkedRates[0], median(wholeRates), wholeRates[rounds - 1]);
        }
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
