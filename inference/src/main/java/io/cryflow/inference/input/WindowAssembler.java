package io.cryflow.inference.input;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds model input windows from one microphone's stream of log-mel frames: takes consecutive
 * blocks of frames (as {@code MelFrames} records carry them) and emits every complete window of
 * {@link ModelInputSpec#windowFrames()} frames, one every {@link ModelInputSpec#hopFrames()} frames,
 * counted from the stream's (or the last restart's) first frame.
 *
 * <p>No window spans a gap: a restart (the record's {@code STREAM_START} or {@code DISCONTINUITY}
 * flag), a jump forward in frame index or a change of hop drops the frames held so far. Frames whose
 * index was already taken (a replayed record) are skipped. The serving path and the offline export
 * ({@link OfflineWindows}) both use this class, so they build identical tensors.
 *
 * <p>Pure (no I/O, no Kafka) and small to persist: {@link #position()} is a few counters, and a caller that keeps the
 * frames anyway hands the held ones back to {@link #restoreAt}. Not thread-safe: one instance per microphone.
 */
public final class WindowAssembler {

    private static final int POSITION_MAGIC = 0x43465750; // "CFWP"
    private static final byte VERSION = 1;

    private final ModelInputSpec spec;
    private final int bands;
    private final byte[] specId;       // written with, and checked against, every position
    private final float[] buffer;     // frames [bufferStartIndex, bufferStartIndex + buffered), frame-major
    private int buffered;
    private long bufferStartIndex;
    private long bufferStartMicros;
    private long hopMicros;
    private long nextIndex = -1;      // index the next frame must carry to continue the run; -1 = none yet

    public WindowAssembler(ModelInputSpec spec) {
        this.spec = spec;
        this.bands = spec.melBands();
        this.specId = specId(spec);
        this.buffer = new float[spec.windowValues()];
    }

    public ModelInputSpec spec() {
        return spec;
    }

    /** Frames held towards the next window. */
    public int bufferedFrames() {
        return buffered;
    }

    /**
     * Takes {@code frameCount} frames starting at {@code firstFrameIndex} and returns the windows
     * they complete, oldest first (often none: then an immutable empty list).
     *
     * @param firstFrameIndex         index of {@code logMel}'s first frame in the microphone's sequence
     * @param firstFrameCaptureMicros capture time of that frame's first sample
     * @param hopMicros               capture time between consecutive frames
     * @param logMel                  {@code frameCount x melBands} values, frame-major (not kept)
     * @param restart                 true if the block follows a gap or starts the stream
     *                                ({@code DISCONTINUITY}, {@code STREAM_START}): held frames are dropped
     */
    public List<MelWindow> accept(long firstFrameIndex, long firstFrameCaptureMicros, long hopMicros,
            float[] logMel, int frameCount, boolean restart) {
        if (frameCount < 0 || logMel.length < (long) frameCount * bands) {
            throw new IllegalArgumentException("need " + frameCount + " x " + bands + " values, got " + logMel.length);
        }
        if (hopMicros <= 0) {
            throw new IllegalArgumentException("hopMicros must be positive, got " + hopMicros);
        }
        if (restart || (nextIndex >= 0 && (firstFrameIndex > nextIndex || hopMicros != this.hopMicros))) {
            reset();
        }
        // Called per frame by the offline paths and usually completing nothing: allocate only for a window.
        List<MelWindow> windows = List.of();
        int skip = nextIndex < 0 ? 0 : (int) Math.max(0, Math.min(frameCount, nextIndex - firstFrameIndex));
        for (int f = skip; f < frameCount; f++) {
            if (buffered == 0) {
                bufferStartIndex = firstFrameIndex + f;
                bufferStartMicros = firstFrameCaptureMicros + f * hopMicros;
                this.hopMicros = hopMicros;
            }
            System.arraycopy(logMel, f * bands, buffer, buffered * bands, bands);
            buffered++;
            nextIndex = firstFrameIndex + f + 1;
            if (buffered == spec.windowFrames()) {
                if (windows.isEmpty()) {
                    windows = new ArrayList<>(1);
                }
                windows.add(emitAndAdvance());
            }
        }
        return windows;
    }

    /** Drops every held frame: the next frame starts a new run. */
    public void reset() {
        buffered = 0;
        nextIndex = -1;
    }

    private MelWindow emitAndAdvance() {
        int window = spec.windowFrames();
        int hop = spec.hopFrames();
        MelWindow result = new MelWindow(bufferStartIndex, bufferStartMicros,
                bufferStartMicros + window * hopMicros, buffer.clone());
        System.arraycopy(buffer, hop * bands, buffer, 0, (window - hop) * bands);
        buffered = window - hop;
        bufferStartIndex += hop;
        bufferStartMicros += hop * hopMicros;
        return result;
    }

    /**
     * The state without its frames (a hundred bytes or so), restorable with {@link #restoreAt} by a caller that
     * keeps the frames itself: the held frames are those with indices from {@link #bufferedFromIndex()} on,
     * {@link #bufferedFrames()} of them, exactly as they were passed to {@link #accept}.
     */
    public byte[] position() {
        return header().array();
    }

    /** Index of the oldest frame held towards the next window; meaningless while {@link #bufferedFrames()} is 0. */
    public long bufferedFromIndex() {
        return bufferStartIndex;
    }

    /** Where a caller keeps frames by index, for {@link #restoreAt}. */
    @FunctionalInterface
    public interface FrameSource {
        /**
         * @return {@code count x melBands} values of the frames {@code firstIndex ...}, frame-major
         * @throws IllegalArgumentException if some of them are not there
         */
        float[] frames(long firstIndex, int count);
    }

    /**
     * An assembler continuing the stream captured by {@link #position()}, its held frames taken from {@code frames}.
     *
     * @throws IllegalArgumentException if the position is corrupt, was taken under another spec, or {@code frames}
     *                                  lacks a held frame
     */
    public static WindowAssembler restoreAt(ModelInputSpec spec, byte[] position, FrameSource frames) {
        WindowAssembler assembler = new WindowAssembler(spec);
        ByteBuffer in = assembler.readHeader(position);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("window assembler position has " + in.remaining() + " trailing bytes");
        }
        if (assembler.buffered > 0) {
            float[] held = frames.frames(assembler.bufferStartIndex, assembler.buffered);
            if (held.length != assembler.buffered * assembler.bands) {
                throw new IllegalArgumentException("got " + held.length + " values for " + assembler.buffered + " held frames");
            }
            System.arraycopy(held, 0, assembler.buffer, 0, held.length);
        }
        return assembler;
    }

    /** Magic, version, spec id and counters. */
    private ByteBuffer header() {
        ByteBuffer out = ByteBuffer.allocate(Integer.BYTES + 1 + Integer.BYTES + specId.length
                + 4 * Long.BYTES + Integer.BYTES);
        out.putInt(POSITION_MAGIC).put(VERSION).putInt(specId.length).put(specId);
        out.putLong(nextIndex).putLong(bufferStartIndex).putLong(bufferStartMicros).putLong(hopMicros);
        out.putInt(buffered);
        return out;
    }

    /** Reads what {@link #header} wrote into this (fresh) assembler; returns the buffer positioned after it. */
    private ByteBuffer readHeader(byte[] stored) {
        try {
            ByteBuffer in = ByteBuffer.wrap(stored);
            if (in.getInt() != POSITION_MAGIC) {
                throw new IllegalArgumentException("not a window assembler position");
            }
            byte version = in.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported window assembler position version " + version);
            }
            byte[] id = new byte[in.getInt()];
            in.get(id);
            if (!Arrays.equals(id, specId)) {
                throw new IllegalArgumentException("position taken for input " + new String(id, StandardCharsets.UTF_8)
                        + ", not " + new String(specId, StandardCharsets.UTF_8));
            }
            nextIndex = in.getLong();
            bufferStartIndex = in.getLong();
            bufferStartMicros = in.getLong();
            hopMicros = in.getLong();
            int frames = in.getInt();
            if (frames < 0 || frames >= spec.windowFrames()) {
                throw new IllegalArgumentException("position holds " + frames + " frames");
            }
            buffered = frames;
            return in;
        } catch (BufferUnderflowException | NegativeArraySizeException e) {
            throw new IllegalArgumentException("truncated window assembler position", e);
        }
    }

    // Only what shapes the held frames: the model's band slice does not change them.
    private static byte[] specId(ModelInputSpec spec) {
        return (spec.dspConfigId() + "/" + spec.melBands() + "x" + spec.windowFrames() + "/" + spec.hopFrames())
                .getBytes(StandardCharsets.UTF_8);
    }
}
