package io.cryflow.inference.health;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Whether audio still arrives from one microphone, and whether it is still analysed, judged on the stream app's
 * clock. A microphone whose frames stop for {@code offlineAfter} is offline (device, network or upstream stage down)
 * until frames come again. A microphone whose frames arrive but whose analysis (windows judged by the episode rules)
 * has not moved for the same budget has a stalled analysis, or a failed one if scoring failed meanwhile, until
 * analysis reaches new audio again: a room whose audio is not analysed must never look quiet. Pure Java; the stream
 * app keeps one per (room, microphone) in a small store its wall-clock punctuation scans.
 *
 * <p>The times are those of the instance's Kafka Streams clock, which {@code StreamsService} makes monotonic, so a
 * clock step on the host neither delays nor fakes a verdict. A stored time can still come from another clock
 * (another instance's, or this host's before the app restarted): a time later than now cannot be true on this clock,
 * so the instance's own watch counts instead, and a new event on this clock replaces it.
 */
public final class MicrophoneLiveness {

    /** The analysis alarm in force: none, or which one was raised. */
    public enum AnalysisAlarm { NONE, STALLED, FAILED }

    private static final byte VERSION_1 = 1;
    private static final byte VERSION = 2;
    private static final int BYTES_V1 = 1 + Long.BYTES + 1 + Long.BYTES;
    private static final int BYTES = BYTES_V1 + 3 * Long.BYTES + 1;
    private static final long NEVER = Long.MIN_VALUE;

    private long lastAudioWallMillis;
    private boolean offline;
    private long lastAudioEndMicros;
    private long analysedUpToMicros;
    /** Wall clock when the analysis last moved on (or when the clock for it (re)started: first audio, audio back). */
    private long analysisMovedWallMillis;
    private long lastFailureWallMillis;
    private AnalysisAlarm alarm;

    private MicrophoneLiveness(long lastAudioWallMillis, boolean offline, long lastAudioEndMicros, long analysedUpToMicros,
            long analysisMovedWallMillis, long lastFailureWallMillis, AnalysisAlarm alarm) {
        this.lastAudioWallMillis = lastAudioWallMillis;
        this.offline = offline;
        this.lastAudioEndMicros = lastAudioEndMicros;
        this.analysedUpToMicros = analysedUpToMicros;
        this.analysisMovedWallMillis = analysisMovedWallMillis;
        this.lastFailureWallMillis = lastFailureWallMillis;
        this.alarm = alarm;
    }

    /** A microphone first heard now. */
    public static MicrophoneLiveness heardAt(long wallMillis, long audioEndMicros) {
        return new MicrophoneLiveness(wallMillis, false, audioEndMicros, NEVER, wallMillis, NEVER, AnalysisAlarm.NONE);
    }

    /**
     * Audio arrived at {@code wallMillis}, reaching capture time {@code audioEndMicros}.
     *
     * @return true if the microphone was offline and is back (MICROPHONE_ONLINE is due)
     */
    public boolean audioArrived(long wallMillis, long audioEndMicros) {
        boolean back = offline;
        offline = false;
        if (back) {
            // Windows need a few seconds of new audio before analysis can move: its budget starts now.
            analysisMovedWallMillis = wallMillis;
        }
        lastAudioWallMillis = wallMillis; // the latest arrival, even if a stored time from another clock was later
        lastAudioEndMicros = Math.max(lastAudioEndMicros, audioEndMicros);
        return back;
    }

    /**
     * The episode rules judged this microphone's audio up to capture time {@code upToMicros}.
     *
     * @return true if an analysis alarm was in force and is over (ANALYSIS_RESUMED is due)
     */
    public boolean analysed(long wallMillis, long upToMicros) {
        if (upToMicros <= analysedUpToMicros) {
            return false;
        }
        analysedUpToMicros = upToMicros;
        analysisMovedWallMillis = wallMillis;
        boolean resumed = alarm != AnalysisAlarm.NONE;
        alarm = AnalysisAlarm.NONE;
        return resumed;
    }

    /** Scoring this microphone's windows failed at {@code wallMillis}. */
    public void analysisFailed(long wallMillis) {
        lastFailureWallMillis = wallMillis;
    }

    /**
     * Checks at {@code wallMillis} whether audio arrives but its analysis has not moved for {@code budgetMillis}
     * ({@code watchingSinceMillis} as in {@link #checkOffline}). An offline microphone is not judged: its OFFLINE
     * alarm says enough. A stalled analysis that then fails is raised again as failed.
     *
     * @return the alarm just raised (ANALYSIS_STALLED or ANALYSIS_FAILED is due), else {@link AnalysisAlarm#NONE}
     */
    public AnalysisAlarm checkAnalysis(long wallMillis, long watchingSinceMillis, long budgetMillis) {
        if (offline || alarm == AnalysisAlarm.FAILED) {
            return AnalysisAlarm.NONE;
        }
        long moved = sinceOnThisClock(analysisMovedWallMillis, wallMillis, watchingSinceMillis);
        if (wallMillis - moved < budgetMillis) {
            return AnalysisAlarm.NONE;
        }
        AnalysisAlarm due = lastFailureWallMillis != NEVER && lastFailureWallMillis >= analysisMovedWallMillis
                ? AnalysisAlarm.FAILED : AnalysisAlarm.STALLED;
        if (due == alarm) {
            return AnalysisAlarm.NONE;
        }
        alarm = due;
        return due;
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
        long heard = sinceOnThisClock(lastAudioWallMillis, wallMillis, watchingSinceMillis);
        if (wallMillis - heard >= offlineAfterMillis) {
            offline = true;
            return true;
        }
        return false;
    }

    /** A stored time as this instance's clock can use it: from when it watches, and never later than now. */
    private static long sinceOnThisClock(long storedMillis, long wallMillis, long watchingSinceMillis) {
        return storedMillis > wallMillis ? watchingSinceMillis : Math.max(storedMillis, watchingSinceMillis);
    }

    public boolean isOffline() {
        return offline;
    }

    public AnalysisAlarm analysisAlarm() {
        return alarm;
    }

    /** Capture time just past the last audio heard: since when the microphone is offline. */
    public long lastAudioEndMicros() {
        return lastAudioEndMicros;
    }

    public long lastAudioWallMillis() {
        return lastAudioWallMillis;
    }

    /** Capture time up to which the episode rules judged this microphone's audio; null before any window. */
    public Long analysedUpToMicros() {
        return analysedUpToMicros == NEVER ? null : analysedUpToMicros;
    }

    /** Wall clock when the analysis last moved on (or its budget started). */
    public long analysisMovedWallMillis() {
        return analysisMovedWallMillis;
    }

    public byte[] toBytes() {
        return ByteBuffer.allocate(BYTES).put(VERSION).putLong(lastAudioWallMillis).put((byte) (offline ? 1 : 0))
                .putLong(lastAudioEndMicros).putLong(analysedUpToMicros).putLong(analysisMovedWallMillis)
                .putLong(lastFailureWallMillis).put((byte) alarm.ordinal()).array();
    }

    /**
     * Reads this version's state or version 1's (from before analysis was watched: its analysis clock starts at its
     * last audio).
     *
     * @throws IllegalArgumentException if the bytes are no microphone liveness state
     */
    public static MicrophoneLiveness fromBytes(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            byte version = bytes.length == 0 ? 0 : in.get();
            if (version == VERSION_1 && bytes.length == BYTES_V1) {
                long heard = in.getLong();
                return new MicrophoneLiveness(heard, in.get() != 0, in.getLong(), NEVER, heard, NEVER, AnalysisAlarm.NONE);
            }
            if (version != VERSION || bytes.length != BYTES) {
                throw new IllegalArgumentException("not a microphone liveness state of version " + VERSION_1 + " or " + VERSION);
            }
            long heard = in.getLong();
            boolean off = in.get() != 0;
            long audioEnd = in.getLong();
            long upTo = in.getLong();
            long moved = in.getLong();
            long failed = in.getLong();
            int alarm = in.get();
            if (alarm < 0 || alarm >= AnalysisAlarm.values().length) {
                throw new IllegalArgumentException("unknown analysis alarm " + alarm);
            }
            return new MicrophoneLiveness(heard, off, audioEnd, upTo, moved, failed, AnalysisAlarm.values()[alarm]);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated microphone liveness state", e);
        }
    }
}
