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
 * A restart (STREAM_START, DISCONTINUITY) or an offline microphone releases the waiting frames at once. The
 * settling clock is the latest record's frame end, not the largest ever seen: a record dated in the future releases
 * what waited before it, and the next record, dated before that clock, releases the bad record's frames (they were
 * to settle on a clock the microphone has left) and sets the clock back, so one bad timestamp costs the settling of
 * a record or two, not of the rest of the stream.
 *
 * <p><b>Persistence.</b> The frames themselves live in {@link FrameBlocks}, one block per record, written once to
 * the frames store and deleted once no window or settling step needs them; {@link #metadata()} holds only the
 * positions (the assembler's, the settling queue's) and the gate, a few hundred bytes rewritten per record.
 * {@link #restore} puts the two back together into exactly the state that was saved.
 *
 * <p><b>Gate.</b> A window is gated (worth scoring) when it overlaps an interval during which the microphone's gate
 * was open: from a START's capture time to its END's.
 */
final class MicrophoneWindows {

    private static final int MAGIC = 0x4346494D; // "CFIM"
    // 2: frames moved out to FrameBlocks; a version 1 state (frames inline) is refused and started afresh.
    private static final byte VERSION = 2;
    /** Closed gate intervals kept; older ones no longer touch any window still to come. */
    static final int MAX_GATE_INTERVALS = 64;

    private final FrameBlocks frames;
    private final WindowAssembler assembler;
    private final List<Waiting> waiting = new ArrayList<>();
    private long newestFrameEndMicros = Long.MIN_VALUE;
    private long gateOpenSinceMicros = -1;
    private final List<long[]> gateIntervals = new ArrayList<>();

    MicrophoneWindows(ModelInputSpec spec) {
        this(new WindowAssembler(spec), new FrameBlocks(spec.melBands()));
    }

    private MicrophoneWindows(WindowAssembler assembler, FrameBlocks frames) {
        this.assembler = assembler;
        this.frames = frames;
    }

    /** Frames waiting to settle. */
    int heldFrames() {
        int count = 0;
        for (Waiting run : waiting) {
            count += run.frames;
        }
        return count;
    }

    /** The frame blocks kept for windows and settling, and their changes still to be stored. */
    FrameBlocks frameBlocks() {
        return frames;
    }

    /**
     * Takes one record's frames and returns the windows completed by the frames that have now settled.
     *
     * @param values  {@code frameCount x melBands} log-mel values, frame-major; kept (not copied) when exactly that
     *                long, so the caller must not change them afterwards
     * @param restart true on STREAM_START or DISCONTINUITY: the waiting frames are released first, then the
     *                assembler restarts at these frames
     */
    List<MelWindow> addFrames(long firstIndex, long firstMicros, long hopMicros, float[] values, int frameCount,
            boolean restart, long settleMicros) {
        List<MelWindow> windows = new ArrayList<>();
        if (restart) {
            windows.addAll(releaseAll());
            // The assembler would drop its frames when this record reaches it, and nothing reaches it before: drop
            // them now, so no frame from before the restart is kept (a new stream may reuse their indices).
            assembler.reset();
            frames.dropAll();
        }
        if (frameCount > 0) {
            int length = frameCount * assembler.spec().melBands();
            // The processor decodes a fresh array per record: keep it rather than copy it once more.
            frames.add(new FrameBlock(firstIndex, frameCount, values.length == length ? values : Arrays.copyOf(values, length)));
            long frameEnd = firstMicros + frameCount * hopMicros;
            if (frameEnd < newestFrameEndMicros) {
                windows.addAll(releaseAll());
            }
            waiting.add(new Waiting(firstIndex, firstMicros, hopMicros, frameCount));
            newestFrameEndMicros = frameEnd;
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
        while (!waiting.isEmpty()) {
            Waiting run = waiting.get(0);
            long settled = cutoffMicros == Long.MAX_VALUE ? run.frames
                    : Math.floorDiv(cutoffMicros - run.firstMicros, run.hopMicros);
            int n = (int) Math.max(0, Math.min(run.frames, settled));
            if (n == 0) {
                break;
            }
            windows.addAll(assembler.accept(run.firstIndex, run.firstMicros, run.hopMicros, frames.frames(run.firstIndex, n),
                    n, false));
            if (n == run.frames) {
                waiting.remove(0);
            } else {
                waiting.set(0, new Waiting(run.firstIndex + n, run.firstMicros + n * run.hopMicros, run.hopMicros, run.frames - n));
                break;
            }
        }
        forgetUnneededFrames();
        return windows;
    }

    /** Drops the blocks of which neither the assembler nor a waiting run needs a frame any more. */
    private void forgetUnneededFrames() {
        long oldestNeeded = assembler.bufferedFrames() > 0 ? assembler.bufferedFromIndex() : Long.MAX_VALUE;
        for (Waiting run : waiting) {
            oldestNeeded = Math.min(oldestNeeded, run.firstIndex);
        }
        frames.dropBefore(oldestNeeded);
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

    /** Everything but the frames: a few hundred bytes, restorable with {@link #restore} given the frame blocks. */
    byte[] metadata() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            byte[] position = assembler.position();
            out.writeInt(position.length);
            out.write(position);
            out.writeInt(waiting.size());
            for (Waiting run : waiting) {
                out.writeLong(run.firstIndex);
                out.writeLong(run.firstMicros);
                out.writeLong(run.hopMicros);
                out.writeInt(run.frames);
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
     * The state saved as {@link #metadata()}, its frames taken from {@code frames} (the stored blocks).
     *
     * @throws IllegalArgumentException if the metadata is not this version's state, was made for another input spec,
     *                                  or needs a frame that {@code frames} lacks
     */
    static MicrophoneWindows restore(ModelInputSpec spec, byte[] metadata, FrameBlocks frames) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(metadata))) {
            if (in.readInt() != MAGIC || in.readByte() != VERSION) {
                throw new IllegalArgumentException("not a microphone window state of version " + VERSION);
            }
            byte[] position = new byte[in.readInt()];
            in.readFully(position);
            MicrophoneWindows state = new MicrophoneWindows(WindowAssembler.restoreAt(spec, position, frames), frames);
            int runs = in.readInt();
            for (int r = 0; r < runs; r++) {
                Waiting run = new Waiting(in.readLong(), in.readLong(), in.readLong(), in.readInt());
                if (run.frames <= 0 || run.hopMicros <= 0 || !frames.holds(run.firstIndex, run.frames)) {
                    throw new IllegalArgumentException("waiting frames " + run + " are not stored");
                }
                state.waiting.add(run);
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
            return state;
        } catch (IOException | NegativeArraySizeException | OutOfMemoryError e) {
            throw new IllegalArgumentException("corrupt microphone window state: " + e, e);
        }
    }

    /** Consecutive frames of one record waiting to settle; their values are in {@link #frames}. */
    private record Waiting(long firstIndex, long firstMicros, long hopMicros, int frames) {}
}
