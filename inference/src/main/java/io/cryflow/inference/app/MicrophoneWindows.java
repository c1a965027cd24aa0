package io.cryflow.inference.app;

import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.input.WindowAssembler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One microphone's way from mel frames to gated model windows, as state the inference processor stores per
 * (room, microphone). Pure Java, no Kafka.
 *
 * <p><b>Settling.</b> The features stage decides about a frame's gate {@code lookAhead} (0.25 s) after the frame,
 * and publishes the decision with the mel frames of the chunk in which it was made, on another topic. So a gate
 * START about a frame can be consumed after mel frames that lie up to {@code lookAhead + one chunk} later. Frames
 * therefore wait here until the microphone's newest frame is {@code settle} (default 1 s = 0.25 s + a 0.5 s chunk +
 * margin) of capture time past them, and only then go into the {@link WindowAssembler}; every window it completes
 * is judged against gate intervals that are complete for it. The price is {@code settle} of extra detection delay.
 * A restart (STREAM_START, DISCONTINUITY) or an offline microphone releases the waiting frames at once.
 *
 * <p><b>Gate.</b> A window is gated (worth scoring) when it overlaps an interval during which the microphone's gate
 * was open: from a START's capture time to its END's.
 */
final class MicrophoneWindows {

    private static final int MAGIC = 0x4346494D; // "CFIM"
    private static final byte VERSION = 1;
    /** Closed gate intervals kept; older ones no longer touch any window still to come. */
    static final int MAX_GATE_INTERVALS = 64;

    private final ModelInputSpec spec;
    private final int bands;
    private WindowAssembler assembler;
    private final List<Block> held = new ArrayList<>();
    private long newestFrameEndMicros = Long.MIN_VALUE;
    private long gateOpenSinceMicros = -1;
    private final List<long[]> gateIntervals = new ArrayList<>();

    MicrophoneWindows(ModelInputSpec spec) {
        this.spec = spec;
        this.bands = spec.melBands();
        this.assembler = new WindowAssembler(spec);
    }

    /** Frames waiting to settle. */
    int heldFrames() {
        int frames = 0;
        for (Block block : held) {
            frames += block.frames;
        }
        return frames;
    }

    /**
     * Takes one record's frames and returns the windows completed by the frames that have now settled.
     *
     * @param restart true on STREAM_START or DISCONTINUITY: the waiting frames are released first, then the
     *                assembler restarts at these frames
     */
    List<MelWindow> addFrames(long firstIndex, long firstMicros, long hopMicros, float[] values, int frames,
            boolean restart, long settleMicros) {
        List<MelWindow> windows = new ArrayList<>();
        if (restart) {
            windows.addAll(releaseAll());
        }
        if (frames > 0) {
            held.add(new Block(firstIndex, firstMicros, hopMicros, restart, frames, Arrays.copyOf(values, frames * bands)));
            newestFrameEndMicros = Math.max(newestFrameEndMicros, firstMicros + frames * hopMicros);
        } else if (restart) {
            held.add(new Block(firstIndex, firstMicros, hopMicros, true, 0, new float[0]));
        }
        windows.addAll(release(newestFrameEndMicros - settleMicros));
        return windows;
    }

    /** Releases every waiting frame (the microphone went offline, or its stream restarted). */
    List<MelWindow> releaseAll() {
        return release(Long.MAX_VALUE);
    }

    /** Feeds the assembler every frame whose hop ends at or before {@code cutoffMicros}. */
    private List<MelWindow> release(long cutoffMicros) {
        List<MelWindow> windows = new ArrayList<>();
        while (!held.isEmpty()) {
            Block block = held.get(0);
            long settled = cutoffMicros == Long.MAX_VALUE ? block.frames
                    : Math.floorDiv(cutoffMicros - block.firstMicros, block.hopMicros);
            int n = (int) Math.max(0, Math.min(block.frames, settled));
            if (n == 0 && !(block.frames == 0 && block.restart)) {
                break;
            }
            windows.addAll(assembler.accept(block.firstIndex, block.firstMicros, block.hopMicros, block.values, n, block.restart));
            if (n == block.frames) {
                held.remove(0);
            } else {
                held.set(0, new Block(block.firstIndex + n, block.firstMicros + n * block.hopMicros, block.hopMicros, false,
                        block.frames - n, Arrays.copyOfRange(block.values, n * bands, block.frames * bands)));
                break;
            }
        }
        return windows;
    }

    void gateOpened(long captureMicros) {
        if (gateOpenSinceMicros < 0) {
            gateOpenSinceMicros = captureMicros;
        }
    }

    void gateClosed(long openedMicros, long closedMicros) {
        long start = gateOpenSinceMicros >= 0 ? Math.min(gateOpenSinceMicros, openedMicros) : openedMicros;
        gateOpenSinceMicros = -1;
        gateIntervals.add(new long[] {start, closedMicros});
        while (gateIntervals.size() > MAX_GATE_INTERVALS) {
            gateIntervals.remove(0);
        }
    }

    /** Whether the gate was open at any time during the window. */
    boolean gateOpenDuring(MelWindow window) {
        long start = window.startCaptureMicros();
        long end = window.endCaptureMicros();
        if (gateOpenSinceMicros >= 0 && gateOpenSinceMicros < end) {
            return true;
        }
        for (long[] interval : gateIntervals) {
            if (interval[0] < end && interval[1] >= start) {
                return true;
            }
        }
        return false;
    }

    /** Forgets gate intervals that ended before {@code micros}: no window still to come reaches back that far. */
    void forgetGateBefore(long micros) {
        gateIntervals.removeIf(interval -> interval[1] < micros);
    }

    /** Capture time just past the newest frame seen, or {@link Long#MIN_VALUE} before any. */
    long newestFrameEndMicros() {
        return newestFrameEndMicros;
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            byte[] assemblerBytes = assembler.snapshot();
            out.writeInt(assemblerBytes.length);
            out.write(assemblerBytes);
            out.writeInt(held.size());
            for (Block block : held) {
                out.writeLong(block.firstIndex);
                out.writeLong(block.firstMicros);
                out.writeLong(block.hopMicros);
                out.writeBoolean(block.restart);
                out.writeInt(block.frames);
                for (int i = 0; i < block.frames * bands; i++) {
                    out.writeFloat(block.values[i]);
                }
            }
            out.writeLong(newestFrameEndMicros);
            out.writeLong(gateOpenSinceMicros);
            out.writeInt(gateIntervals.size());
            for (long[] interval : gateIntervals) {
                out.writeLong(interval[0]);
                out.writeLong(interval[1]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException if the bytes are not this version's state or were made for another input spec
     */
    static MicrophoneWindows fromBytes(ModelInputSpec spec, byte[] stored) {
        MicrophoneWindows state = new MicrophoneWindows(spec);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            if (in.readInt() != MAGIC || in.readByte() != VERSION) {
                throw new IllegalArgumentException("not a microphone window state of version " + VERSION);
            }
            byte[] assemblerBytes = new byte[in.readInt()];
            in.readFully(assemblerBytes);
            state.assembler = WindowAssembler.restore(spec, assemblerBytes);
            int blocks = in.readInt();
            for (int b = 0; b < blocks; b++) {
                long firstIndex = in.readLong();
                long firstMicros = in.readLong();
                long hopMicros = in.readLong();
                boolean restart = in.readBoolean();
                int frames = in.readInt();
                float[] values = new float[frames * state.bands];
                for (int i = 0; i < values.length; i++) {
                    values[i] = in.readFloat();
                }
                state.held.add(new Block(firstIndex, firstMicros, hopMicros, restart, frames, values));
            }
            state.newestFrameEndMicros = in.readLong();
            state.gateOpenSinceMicros = in.readLong();
            int intervals = in.readInt();
            for (int i = 0; i < intervals; i++) {
                state.gateIntervals.add(new long[] {in.readLong(), in.readLong()});
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("microphone window state has trailing bytes");
            }
        } catch (IOException | NegativeArraySizeException | OutOfMemoryError e) {
            throw new IllegalArgumentException("corrupt microphone window state: " + e, e);
        }
        return state;
    }

    /** Consecutive frames waiting to settle. */
    private record Block(long firstIndex, long firstMicros, long hopMicros, boolean restart, int frames, float[] values) {}
}
