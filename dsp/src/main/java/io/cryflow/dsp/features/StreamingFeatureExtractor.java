package io.cryflow.dsp.features;

import io.cryflow.dsp.filter.ButterworthDesign;
import io.cryflow.dsp.filter.SosFilter;
import io.cryflow.dsp.mel.Decibels;
import io.cryflow.dsp.mel.MelFilterBank;
import io.cryflow.dsp.spectral.PowerSpectrum;
import io.cryflow.dsp.spectral.StreamingFramer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Causal log-mel features of one audio stream: high-pass, uncentred STFT frames, mel power, log-mel.
 * Chunks of any size give exactly the frames of the whole signal processed at once. Its whole state
 * (filter delay line, samples of the frame in progress, frame counter) fits in a small byte array so a
 * stream can be suspended and resumed elsewhere ({@link #snapshot()}, {@link #restore(FeatureConfig, byte[])}),
 * or one instance can serve many streams in turn ({@link #resume(byte[])}, {@link #reset()}).
 * <p>Per frame it allocates nothing. Not thread-safe: one instance per stream.
 */
public final class StreamingFeatureExtractor {

    // Layout: magic, version, config id, SOS delay line, framer state.
    private static final int MAGIC = 0x43464658; // "CFFX"
    private static final byte VERSION = 1;

    private final FeatureConfig config;
    private final SosFilter highPass;
    private final StreamingFramer framer;
    private final PowerSpectrum spectrum;
    private final MelFilterBank melBank;
    private final byte[] configId;

    private final double[] power;
    private final double[] mel;
    private final float[] logMel;
    private float[] filtered = new float[0];

    private FeatureFrameListener listener;
    private final StreamingFramer.FrameConsumer onFrame = this::emit;

    public StreamingFeatureExtractor(FeatureConfig config) {
        this.config = config;
        this.highPass = new SosFilter(ButterworthDesign.highPass(config.highPassOrder(), config.highPassHz(), config.sampleRate()));
        this.framer = new StreamingFramer(config.nFft(), config.hopLength());
        this.spectrum = new PowerSpectrum(config.nFft(), config.winLength());
        this.melBank = MelFilterBank.slaney(config.sampleRate(), config.nFft(), config.melCount(), config.fminHz(), config.fmaxHz());
        this.configId = config.id().getBytes(StandardCharsets.UTF_8);
        this.power = new double[spectrum.binCount()];
        this.mel = new double[config.melCount()];
        this.logMel = new float[config.melCount()];
    }

    public FeatureConfig config() {
        return config;
    }

    /** Index the next frame will carry: frames emitted since the start of the stream. */
    public long nextFrameIndex() {
        return framer.nextFrameIndex();
    }

    /**
     * Feeds samples (full scale ±1) and delivers every frame they complete to {@code listener} before
     * returning.
     */
    public void accept(float[] samples, int offset, int length, FeatureFrameListener listener) {
        if (offset < 0 || length < 0 || offset + length > samples.length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + ", array " + samples.length);
        }
        if (filtered.length < length) {
            // Grows to the largest chunk seen, then stays: not a per-frame cost.
            filtered = new float[length];
        }
        highPass.process(samples, offset, filtered, 0, length);
        this.listener = listener;
        try {
            framer.accept(filtered, 0, length, onFrame);
        } finally {
            this.listener = null;
        }
    }

    /** {@link #accept(float[], int, int, FeatureFrameListener)} for a whole array. */
    public void accept(float[] samples, FeatureFrameListener listener) {
        accept(samples, 0, samples.length, listener);
    }

    private void emit(long frameIndex, float[] frame) {
        spectrum.compute(frame, 0, power);
        melBank.apply(power, mel);
        double energy = 0.0;
        for (double m : mel) {
            energy += m;
        }
        Decibels.powerToDb(mel, logMel, mel.length);
        listener.onFrame(frameIndex, logMel, energy);
    }

    /** The stream's full state, restorable with {@link #restore}. A few hundred bytes to a few kB. */
    public byte[] snapshot() {
        int size = Integer.BYTES + 1 + Integer.BYTES + configId.length + highPass.stateBytes() + framer.stateBytes();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(MAGIC).put(VERSION).putInt(configId.length).put(configId);
        highPass.writeState(buffer);
        framer.writeState(buffer);
        return buffer.array();
    }

    /** Returns this extractor to the start of a new stream (filters at rest, no samples held, frame 0). */
    public void reset() {
        highPass.reset();
        framer.reset();
    }

    /**
     * Makes this extractor continue the stream captured by {@link #snapshot()}, reusing its filter bank,
     * FFT plan and buffers: a stream processor serving many rooms resumes one room per record, and building
     * those tables per record would cost more than the record's DSP.
     *
     * @throws IllegalArgumentException if the snapshot is corrupt or was taken under another configuration;
     *                                  the extractor is then {@link #reset()}
     */
    public void resume(byte[] snapshot) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(snapshot);
            if (buffer.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a feature extractor snapshot");
            }
            byte version = buffer.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported snapshot version " + version);
            }
            // The id is compared in place: resume runs once per record, and a corrupt length must not
            // allocate what it claims.
            int idLength = buffer.getInt();
            if (idLength < 0 || idLength > buffer.remaining()) {
                throw new BufferUnderflowException();
            }
            int idStart = buffer.position();
            if (!Arrays.equals(snapshot, idStart, idStart + idLength, configId, 0, configId.length)) {
                throw new IllegalArgumentException("snapshot taken with config "
                        + new String(snapshot, idStart, idLength, StandardCharsets.UTF_8) + ", not " + config.id());
            }
            buffer.position(idStart + idLength);
            highPass.readState(buffer);
            framer.readState(buffer);
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException("snapshot has " + buffer.remaining() + " trailing bytes");
            }
        } catch (BufferUnderflowException e) {
            reset();
            throw new IllegalArgumentException("truncated feature extractor snapshot", e);
        } catch (IllegalArgumentException e) {
            reset();
            throw e;
        }
    }

    /**
     * A new extractor continuing the stream captured by {@link #snapshot()}.
     *
     * @throws IllegalArgumentException if the snapshot is corrupt or was taken under another configuration
     */
    public static StreamingFeatureExtractor restore(FeatureConfig config, byte[] snapshot) {
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(config);
        extractor.resume(snapshot);
        return extractor;
    }
}
