package io.cryflow.features;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything the features stage remembers about one microphone between chunks, as kept in the
 * changelogged store: sequence bookkeeping, timing, the extractor's and the gate's snapshots and the
 * signal-health counters. Serialized as a few kB ({@link #toBytes()}), rewritten once per chunk.
 * Audio of held (out-of-order) chunks is not here but in the pending-chunk store, written once per
 * held chunk. Mutable; owned by one processor.
 */
final class MicrophoneStreamState {

    // Bump when the layout changes; unknown layouts are refused and the microphone starts a new stream.
    private static final int MAGIC = 0x43464d53; // "CFMS"
    // 2 appends the stream's capture times; version 1 is still read (those times unknown), so an upgrade restarts nothing.
    private static final byte VERSION = 2;
    private static final byte VERSION_WITHOUT_CAPTURE_TIMES = 1;
    /** A capture time a version 1 state did not record. */
    static final long UNKNOWN = Long.MIN_VALUE;

    /** Declared-lost sequence ranges remembered to tell a late chunk from a duplicate. */
    static final int LOST_RANGES = 8;

    /** Health status last published. */
    enum Health { ONLINE, SILENT, CLIPPING }

    // Sequence bookkeeping.
    long streamFirstSequence;
    /** Capture time of the stream's first chunk. */
    long streamFirstCaptureMicros = UNKNOWN;
    /** Sequence number and capture time of the last chunk analysed. */
    long lastSequence = -1;
    long lastCaptureMicros = UNKNOWN;
    long nextSequence;
    /** Everything below this that is not in lostRanges was processed; below it nothing is known. */
    long lostForgottenBelow;
    final List<long[]> lostRanges = new ArrayList<>();
    /** Held chunks' sequence numbers (their audio is in the pending store), ascending. */
    final List<Long> pending = new ArrayList<>();
    /** Rejected chunks' sequence numbers not reached yet: lost audio, known early. */
    final List<Long> rejectedAhead = new ArrayList<>();
    boolean discontinuityPending;
    /** Wall-clock time the oldest held chunk started waiting, -1 when none is held. */
    long heldSinceMillis = -1;
    long duplicates;
    long lostChunks;

    // Timing.
    int sampleRate;
    long expectedNextCaptureMicros;
    /** Global index of the next frame, across segments (a segment: audio since the last reset). */
    long nextFrameIndex;
    /** Global index of the current segment's first frame (the extractor's frame 0). */
    long segmentFirstFrame;
    /** Samples fed to the current extractor. */
    long segmentSamples;
    /** A frame with a known capture time in the current and in the previous segment, to date gate decisions. */
    long anchorFrame;
    long anchorMicros;
    long previousAnchorFrame;
    long previousAnchorMicros;
    long gateOpenedMicros;
    /** Global index of the gate's frame 0 (the gate counts frames from its own start). */
    long gateFirstFrame;

    // Signal health.
    Health health = Health.ONLINE;
    long flatSinceMicros = -1;
    long clipWindowStartMicros;
    int clipWindowSamples;
    int clipWindowClipped;

    byte[] extractorSnapshot = new byte[0];
    byte[] gateSnapshot = new byte[0];

    boolean isDeclaredLost(long sequence) {
        for (long[] range : lostRanges) {
            if (sequence >= range[0] && sequence <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a chunk numbered below {@link #nextSequence} can be one this stream already had: within one stream the
     * capture time rises with the sequence number, so the chunk must carry exactly the first (or last analysed)
     * chunk's capture time if it has that chunk's number, and a time strictly between the two if its number lies
     * between them. Anything else (the counter began again, with a capture time this stream never had) is a chunk
     * of a new stream. A state from before the capture times were kept knows only where the stream has got to.
     */
    boolean couldHaveHad(long sequence, long captureMicros) {
        if (streamFirstCaptureMicros == UNKNOWN || lastCaptureMicros == UNKNOWN) {
            return captureMicros < expectedNextCaptureMicros;
        }
        if (sequence < streamFirstSequence || sequence > lastSequence) {
            return false;
        }
        boolean afterFirst = sequence == streamFirstSequence ? captureMicros == streamFirstCaptureMicros : captureMicros > streamFirstCaptureMicros;
        boolean beforeLast = sequence == lastSequence ? captureMicros == lastCaptureMicros : captureMicros < lastCaptureMicros;
        return afterFirst && beforeLast;
    }

    void declareLost(long first, long last) {
        if (last < first) {
            return;
        }
        lostChunks += last - first + 1;
        lostRanges.add(new long[] {first, last});
        while (lostRanges.size() > LOST_RANGES) {
            lostForgottenBelow = lostRanges.remove(0)[1] + 1;
        }
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + extractorSnapshot.length + gateSnapshot.length);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeLong(streamFirstSequence);
            out.writeLong(nextSequence);
            out.writeLong(lostForgottenBelow);
            out.writeLong(duplicates);
            out.writeLong(lostChunks);
            out.writeLong(expectedNextCaptureMicros);
            out.writeLong(heldSinceMillis);
            out.writeBoolean(discontinuityPending);
            out.writeInt(lostRanges.size());
            for (long[] range : lostRanges) {
                out.writeLong(range[0]);
                out.writeLong(range[1]);
            }
            writeLongs(out, pending);
            writeLongs(out, rejectedAhead);
            out.writeInt(sampleRate);
            for (long value : new long[] {nextFrameIndex, segmentFirstFrame, segmentSamples, anchorFrame, anchorMicros,
                    previousAnchorFrame, previousAnchorMicros, gateOpenedMicros, gateFirstFrame, flatSinceMicros, clipWindowStartMicros}) {
                out.writeLong(value);
            }
            out.writeByte(health.ordinal());
            out.writeInt(clipWindowSamples);
            out.writeInt(clipWindowClipped);
            out.writeInt(extractorSnapshot.length);
            out.write(extractorSnapshot);
            out.writeInt(gateSnapshot.length);
            out.write(gateSnapshot);
            out.writeLong(streamFirstCaptureMicros);
            out.writeLong(lastSequence);
            out.writeLong(lastCaptureMicros);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return bytes.toByteArray();
    }

    private static void writeLongs(DataOutputStream out, List<Long> values) throws IOException {
        out.writeInt(values.size());
        for (long value : values) {
            out.writeLong(value);
        }
    }

    /** @throws IllegalArgumentException if the bytes are not a state of this layout */
    static MicrophoneStreamState fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = in.getInt() == MAGIC ? in.get() : 0;
            if (version != VERSION && version != VERSION_WITHOUT_CAPTURE_TIMES) {
                throw new IllegalArgumentException("not a version " + VERSION + " microphone state");
            }
            MicrophoneStreamState s = new MicrophoneStreamState();
            s.streamFirstSequence = in.getLong();
            s.nextSequence = in.getLong();
            s.lostForgottenBelow = in.getLong();
            s.duplicates = in.getLong();
            s.lostChunks = in.getLong();
            s.expectedNextCaptureMicros = in.getLong();
            s.heldSinceMillis = in.getLong();
            byte discontinuity = in.get();
            if (discontinuity != 0 && discontinuity != 1) {
                throw new IllegalArgumentException("corrupt microphone state: flag " + discontinuity);
            }
            s.discontinuityPending = discontinuity == 1;
            int ranges = count(in, LOST_RANGES);
            for (int i = 0; i < ranges; i++) {
                s.lostRanges.add(new long[] {in.getLong(), in.getLong()});
            }
            int pending = count(in, FeaturesConfig.MAX_REORDER_CHUNKS + 1);
            for (int i = 0; i < pending; i++) {
                s.pending.add(in.getLong());
            }
            int rejected = count(in, 1 << 16);
            for (int i = 0; i < rejected; i++) {
                s.rejectedAhead.add(in.getLong());
            }
            s.sampleRate = in.getInt();
            s.nextFrameIndex = in.getLong();
            s.segmentFirstFrame = in.getLong();
            s.segmentSamples = in.getLong();
            s.anchorFrame = in.getLong();
            s.anchorMicros = in.getLong();
            s.previousAnchorFrame = in.getLong();
            s.previousAnchorMicros = in.getLong();
            s.gateOpenedMicros = in.getLong();
            s.gateFirstFrame = in.getLong();
            s.flatSinceMicros = in.getLong();
            s.clipWindowStartMicros = in.getLong();
            int health = in.get();
            if (health < 0 || health >= Health.values().length) {
                throw new IllegalArgumentException("unknown health " + health);
            }
            s.health = Health.values()[health];
            s.clipWindowSamples = in.getInt();
            s.clipWindowClipped = in.getInt();
            s.extractorSnapshot = new byte[count(in, bytes.length)];
            in.get(s.extractorSnapshot);
            s.gateSnapshot = new byte[count(in, bytes.length)];
            in.get(s.gateSnapshot);
            if (version == VERSION) {
                s.streamFirstCaptureMicros = in.getLong();
                s.lastSequence = in.getLong();
                s.lastCaptureMicros = in.getLong();
            }
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return s;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated microphone state", e);
        }
    }

    private static int count(ByteBuffer in, int max) {
        int n = in.getInt();
        if (n < 0 || n > max) {
            throw new IllegalArgumentException("corrupt microphone state: count " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "MicrophoneStreamState[next=" + nextSequence + ", pending=" + pending + ", lost=" + lostChunks + ", duplicates=" + duplicates
                + ", frames=" + nextFrameIndex + ", health=" + health + ", lostRanges=" + lostRanges.stream().map(Arrays::toString).toList() + "]";
    }
}
