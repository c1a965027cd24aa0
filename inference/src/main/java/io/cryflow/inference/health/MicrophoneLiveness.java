package io.cryflow.inference.health;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Whether audio still arrives from one microphone, judged on the stream app's clock: a microphone whose frames stop
 * for {@code offlineAfter} is offline (device, network or upstream stage down) until frames come again. Pure Java;
 * the stream app keeps one per (room, microphone) in a small store its wall-clock punctuation scans.
 *
 * <p>The times are those of the instance's Kafka Streams clock, which {@code StreamsService} makes monotonic, so a
 * clock step on the host neither delays nor fakes an offline verdict. A stored time can still come from another
 * clock (another instance's, or this host's before the app restarted): a time of last audio later than now cannot be
 * true on this clock, so the instance's own watch counts instead.
 */
public final class MicrophoneLiveness {

    private static final byte VERSION = 1;
    private static final int BYTES = 1 + Long.BYTES + 1 + Long.BYTES;

    private long lastAudioWallMillis;
    private boolean offline;
    private long lastAudioEndMicros;

    private MicrophoneLiveness(long lastAudioWallMillis, boolean offline, long lastAudioEndMicros) {
        this.lastAudioWallMillis = lastAudioWallMillis;
        this.offline = offline;
        this.lastAudioEndMicros = lastAudioEndMicros;
    }

    /** A microphone first heard now. */
    public static MicrophoneLiveness heardAt(long wallMillis, long audioEndMicros) {
        return new MicrophoneLiveness(wallMillis, false, audioEndMicros);
    }

    /**
     * Audio arrived at {@code wallMillis}, reaching capture time {@code audioEndMicros}.
     *
     * @return true if the microphone was offline and is back (MICROPHONE_ONLINE is due)
     */
    public boolean audioArrived(long wallMillis, long audioEndMicros) {
        boolean back = offline;
        offline = false;
        lastAudioWallMillis = wallMillis; // the latest arrival, even if a stored time from another clock was later
        lastAudioEndMicros = Math.max(lastAudioEndMicros, audioEndMicros);
        return back;
    }

    /**
     * Checks at {@code wallMillis} whether the microphone has been silent for {@code offlineAfterMillis}.
     * {@code watchingSinceMillis} is when this instance started watching: time the app itself was down does not
     * count against a microphone.
     *
     * @return true if it has just gone offline (MICROPHONE_OFFLINE is due)
     */
    public boolean checkOffline(long wallMillis, long watchingSinceMillis, long offlineAfterMillis) {
        if (offline) {
            return false;
        }
        long heard = lastAudioWallMillis > wallMillis ? watchingSinceMillis : Math.max(lastAudioWallMillis, watchingSinceMillis);
        if (wallMillis - heard >= offlineAfterMillis) {
            offline = true;
            return true;
        }
        return false;
    }

    public boolean isOffline() {
        return offline;
    }

    /** Capture time just past the last audio heard: since when the microphone is offline. */
    public long lastAudioEndMicros() {
        return lastAudioEndMicros;
    }

    public long lastAudioWallMillis() {
        return lastAudioWallMillis;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).put(VERSION).putLong(lastAudioWallMillis).put((byte) (offline ? 1 : 0))
                .putLong(lastAudioEndMicros).array();
    }

    /** @throws IllegalArgumentException if the bytes are not this version's state */
    public static MicrophoneLiveness fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (bytes.length != BYTES || in.get() != VERSION) {
                throw new IllegalArgumentException("not a microphone liveness state of version " + VERSION);
            }
            return new MicrophoneLiveness(in.getLong(), in.get() != 0, in.getLong());
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated microphone liveness state", e);
        }
    }
}
