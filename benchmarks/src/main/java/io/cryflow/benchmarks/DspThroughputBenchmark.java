package io.cryflow.benchmarks;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.FeatureFrameListener;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.dsp.gate.CryGate;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.dsp.gate.GateListener;
import org.visnow.jlargearrays.ConcurrencyUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The features stage's DSP per second of 16 kHz audio: high-pass, STFT, mel and the cry gate. Every
 * invocation processes {@value #SECONDS} s of audio and counts as that many operations, so the reported
 * ops/s is the real-time factor of one thread: seconds of audio per second of CPU on one core.
 * <ul>
 *   <li>{@code chunkedFeaturesAndGate}: one room's stream fed in 0.5 s chunks as the features stage does,
 *       extractor and gate living across invocations (the steady state of a long stream);</li>
 *   <li>{@code chunkedFeaturesOnly}: the same without the gate, to show the gate's share;</li>
 *   <li>{@code wholeSignalFeaturesAndGate}: a fresh extractor and gate over the whole 10 s at once, as an
 *       offline tool would process a file (set-up included);</li>
 *   <li>{@code gateOnly}: the gate on precomputed frame energies.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class DspThroughputBenchmark {

    static final int SECONDS = 10;
    private static final FeatureConfig FEATURES = FeatureConfig.DEFAULT;
    private static final int CHUNK = FEATURES.sampleRate() / 2;

    private float[] audio;
    private double[] energies;
    private DbfsCalibration calibration;
    private StreamingFeatureExtractor extractor;
    private CryGate gate;
    private long gateFrame;
    private CryGate energyGate;

    @Setup(Level.Trial)
    public void setUp() {
        // Rooms run in parallel on their own threads; the FFT itself must not spawn more (JTransforms only
        // would for n >= 8192, but the benchmark pins it so the figure is per core whatever the default).
        ConcurrencyUtils.setNumberOfThreads(1);
        audio = SyntheticRoomAudio.generate(FEATURES.sampleRate(), SECONDS, 42);
        calibration = DbfsCalibration.of(FEATURES);
        extractor = new StreamingFeatureExtractor(FEATURES);
        gate = new CryGate(GateConfig.DEFAULT, FEATURES, calibration, GateListener.NONE);
        int frames = 1 + (audio.length - FEATURES.nFft()) / FEATURES.hopLength();
        energies = new double[frames];
        new StreamingFeatureExtractor(FEATURES).accept(audio, (frame, logMel, energy) -> energies[(int) frame] = energy);
        energyGate = new CryGate(GateConfig.DEFAULT, FEATURES, calibration, GateListener.NONE);
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public void chunkedFeaturesAndGate(Blackhole blackhole) {
        for (int pos = 0; pos < audio.length; pos += CHUNK) {
            extractor.accept(audio, pos, Math.min(CHUNK, audio.length - pos), gate);
        }
        blackhole.consume(gate.isOpenNow());
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public void chunkedFeaturesOnly(Blackhole blackhole) {
        FeatureFrameListener sink = (frame, logMel, energy) -> blackhole.consume(energy);
        for (int pos = 0; pos < audio.length; pos += CHUNK) {
            extractor.accept(audio, pos, Math.min(CHUNK, audio.length - pos), sink);
        }
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public void wholeSignalFeaturesAndGate(Blackhole blackhole) {
        StreamingFeatureExtractor fresh = new StreamingFeatureExtractor(FEATURES);
        CryGate freshGate = new CryGate(GateConfig.DEFAULT, FEATURES, calibration, GateListener.NONE);
        fresh.accept(audio, freshGate);
        blackhole.consume(freshGate.isOpenNow());
    }

    @Benchmark
    @OperationsPerInvocation(SECONDS)
    public void gateOnly(Blackhole blackhole) {
        for (double energy : energies) {
            energyGate.accept(gateFrame++, energy);
        }
        blackhole.consume(energyGate.isOpenNow());
    }
}
