package io.cryflow.dsp.resample;

import java.util.Arrays;

/**
 * Rational-ratio resampler: a Kaiser-windowed sinc interpolation kernel, tabulated once per
 * output phase (polyphase form), with input history kept across calls.
 *
 * <p>Why our own code and not a library: the pure-Java ports of libresample on Maven Central are
 * LGPL-2.1, single-maintainer 0.1.x releases, and libresample's own author rates its quality below
 * the best; the JDK's sinc converter ({@code com.sun.media.sound}) is internal, reachable only
 * through {@code AudioSystem} stream conversion, with no documented stopband and no block API. The
 * pipeline needs a specified stopband, bit-exact chunked-equals-whole streaming and no native code,
 * which this small class gives.
 *
 * <p>Output sample {@code n} sits at input time {@code t = n * M / L} (the ratio
 * {@code outputRate / inputRate = L / M} in lowest terms) and is
 * {@code sum_k x[k] * h(t - k)}, where {@code h} is an ideal low-pass at the design cutoff
 * times a Kaiser window spanning {@code ±halfLength} input samples. Because {@code t * L} is an
 * integer, only {@code L} distinct kernel phases occur and are precomputed. The kernel is centred
 * (zero delay): output {@code n} waits for input up to {@code t + halfLength}, and the input is
 * taken as zero before its start and after {@link #flush()}.
 */
public final class PolyphaseSincResampler implements Resampler {

    /** Upper bound on tabulated phases: keeps the table small for odd rate pairs. */
    static final int MAX_PHASES = 4096;

    private final int inputRate;
    private final int outputRate;
    private final int upFactor;   // L
    private final int downFactor; // M
    private final int halfLength; // kernel half-width in input samples
    private final float[][] phaseTaps; // [phase][2 * halfLength]

    /** Input samples not yet fully consumed; history[0] is input index historyStart. */
    private float[] history;
    private int historyLength;
    private long historyStart;
    private long inputCount;
    private long outputCount;

    public PolyphaseSincResampler(int inputRate, int outputRate, KaiserSincDesign design) {
        if (inputRate <= 0 || outputRate <= 0) {
            throw new IllegalArgumentException(
                    "sample rates must be positive, got " + inputRate + " -> " + outputRate);
        }
        this.inputRate = inputRate;
        this.outputRate = outputRate;
        int g = gcd(inputRate, outputRate);
        this.upFactor = outputRate / g;
        this.downFactor = inputRate / g;
        if (upFactor > MAX_PHASES) {
            throw new IllegalArgumentException("unsupported rate pair " + inputRate + " -> " + outputRate
                    + ": ratio " + upFactor + "/" + downFactor + " needs more than " + MAX_PHASES
                    + " filter phases");
        }
        if (upFactor == 1 && downFactor == 1) {
            this.halfLength = 0;
            this.phaseTaps = new float[0][];
        } else {
            double nyquist = 0.5 * Math.min(1.0, (double) upFactor / downFactor);
            this.halfLength = design.halfLengthInInputSamples(nyquist);
            // Cutoff in the middle of the transition band, in cycles per input sample.
            double cutoff = 0.5 * (1.0 + design.passbandEdge()) * nyquist;
            this.phaseTaps = tabulate(upFactor, halfLength, cutoff, design.kaiserBeta());
        }
        reset();
    }

    @Override
    public int inputRate() {
        return inputRate;
    }

    @Override
    public int outputRate() {
        return outputRate;
    }

    /** Kernel half-width in input samples (the look-ahead latency at the input rate). */
    public int halfLength() {
        return halfLength;
    }

    @Override
    public float[] process(float[] input, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > input.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length
                    + ", array " + input.length);
        }
        if (phaseTaps.length == 0) {
            outputCount += length;
            inputCount += length;
            return Arrays.copyOfRange(input, offset, offset + length);
        }
        append(input, offset, length);
        inputCount += length;
        return produce(inputCount);
    }

    @Override
    public float[] flush() {
        float[] tail;
        if (phaseTaps.length == 0) {
            tail = new float[0];
        } else {
            // Outputs at times t < inputCount, with zeros beyond the end of the input.
            long end = inputCount;
            append(new float[halfLength], 0, halfLength);
            tail = produceUpTo(ceilDiv(end * upFactor, downFactor));
        }
        reset();
        return tail;
    }

    @Override
    public void reset() {
        history = new float[Math.max(16, 4 * halfLength + 16)];
        // Zero history before the first sample so the first outputs see a zero past.
        historyLength = halfLength;
        historyStart = -halfLength;
        inputCount = 0;
        outputCount = 0;
    }

    private float[] produce(long availableInput) {
        // Output n is computable when floor(n*M/L) + halfLength < availableInput.
        long lastIndex = availableInput - 1 - halfLength; // highest usable floor(t)
        if (lastIndex < 0) {
            return new float[0];
        }
        long limit = ((lastIndex + 1) * upFactor + downFactor - 1) / downFactor; // first n with floor(t) > lastIndex
        return produceUpTo(limit);
    }

    private float[] produceUpTo(long outputLimit) {
        int count = (int) Math.max(0, outputLimit - outputCount);
        float[] out = new float[count];
        int taps = 2 * halfLength;
        for (int i = 0; i < count; i++) {
            long n = outputCount + i;
            long scaled = n * downFactor;
            long base = scaled / upFactor;
            int phase = (int) (scaled - base * upFactor);
            float[] h = phaseTaps[phase];
            int start = (int) (base - halfLength + 1 - historyStart);
            double acc = 0.0;
            for (int j = 0; j < taps; j++) {
                acc += (double) h[j] * history[start + j];
            }
            out[i] = (float) acc;
        }
        outputCount += count;
        discardConsumed();
        return out;
    }

    /** Drops history no future output can reach. */
    private void discardConsumed() {
        long nextBase = (outputCount * downFactor) / upFactor;
        long keepFrom = nextBase - halfLength + 1;
        int drop = (int) Math.min(historyLength, Math.max(0, keepFrom - historyStart));
        if (drop > 0) {
            System.arraycopy(history, drop, history, 0, historyLength - drop);
            historyLength -= drop;
            historyStart += drop;
        }
    }

    private void append(float[] input, int offset, int length) {
        if (historyLength + length > history.length) {
            history = Arrays.copyOf(history, Math.max(2 * history.length, historyLength + length));
        }
        System.arraycopy(input, offset, history, historyLength, length);
        historyLength += length;
    }

    /**
     * phaseTaps[p][j] = h(p/L + halfLength - 1 - j): tap j multiplies input floor(t) - halfLength + 1 + j.
     */
    private static float[][] tabulate(int phases, int halfLength, double cutoff, double beta) {
        float[][] table = new float[phases][2 * halfLength];
        double i0Beta = besselI0(beta);
        for (int p = 0; p < phases; p++) {
            double frac = (double) p / phases;
            for (int j = 0; j < 2 * halfLength; j++) {
                double x = frac + halfLength - 1 - j; // t - k
                table[p][j] = (float) kernel(x, cutoff, halfLength, beta, i0Beta);
            }
        }
        return table;
    }

    private static double kernel(double x, double cutoff, int halfLength, double beta, double i0Beta) {
        double r = x / halfLength;
        if (Math.abs(r) >= 1.0) {
            return 0.0;
        }
        double window = besselI0(beta * Math.sqrt(1.0 - r * r)) / i0Beta;
        double arg = 2.0 * cutoff * x;
        double sinc = arg == 0.0 ? 1.0 : Math.sin(Math.PI * arg) / (Math.PI * arg);
        return 2.0 * cutoff * sinc * window;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1.0;
        double term = 1.0;
        double halfX = x / 2.0;
        for (int k = 1; k < 500; k++) {
            term *= (halfX / k) * (halfX / k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
