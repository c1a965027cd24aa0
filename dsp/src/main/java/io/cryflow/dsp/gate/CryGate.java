package io.cryflow.dsp.gate;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.FeatureFrameListener;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Causal streaming energy gate of one room: decides, frame by frame, which stretches of audio may hold a
 * cry and so go on to the classifier. Built for recall.
 * <ol>
 *   <li>Level: the frame energy (sum of linear mel power) averaged over a centred window of
 *       {@code 2D + 1} frames, in dBFS ({@link DbfsCalibration}). The window looks {@code D} frames ahead,
 *       so the gate decides about frame {@code k} when frame {@code k + D} arrives: every decision lags
 *       the audio by exactly {@link #delayFrames()} frames.</li>
 *   <li>Noise floor: a low percentile of 0.1 s block levels over the last seconds, plus the
 *       background's excess over it ({@code spread}, a high percentile of the level's rise above the floor,
 *       learnt, with a delay, from frames the gate kept closed) ({@link GateConfig}).</li>
 *   <li>Thresholds: open at {@code max(floor + spread + openMargin, minimumOpen) - sensitivity}, count as
 *       quiet below {@code max(floor + spread + closeMargin, minimumOpen - (openMargin - closeMargin)) - sensitivity};
 *       a positive sensitivity lowers neither below {@code floor + spread + closeMargin}, the room's own quiet,
 *       so the gate still closes in a steady room once a loud sound stops.</li>
 *   <li>Hysteresis and hang-over: an open gate closes once the level has been quiet for the hang-over and
 *       the gate has been open for the minimum open time. Hang-over frames count as open.</li>
 * </ol>
 * Transitions go to a {@link GateListener}; {@link #isOpen(long)} answers for decided frames. The whole
 * state fits in a small byte array ({@link #snapshot()}, {@link #restore}). Frames are the unit, so the
 * decisions do not depend on how the audio was chunked. Allocates nothing per frame (only per transition).
 * <p>Not thread-safe: one instance per stream.
 */
public final class CryGate implements FeatureFrameListener {

    // Layout: magic, version, layout check, counters, open state, smoothing ring, floor tracker, history.
    private static final int MAGIC = 0x43464754; // "CFGT"
    private static final byte VERSION = 1;
    /** Closed open-intervals remembered for {@link #isOpen(long)}. */
    static final int HISTORY = 16;

    private final GateConfig config;
    private final FeatureConfig features;
    private final DbfsCalibration calibration;
    private final GateListener listener;
    private final int delay;
    private final int hangoverFrames;
    private final int minOpenFrames;
    private final double[] energies;
    private final NoiseFloorTracker floor;

    private long nextFrame;
    private boolean open;
    private long openedAt;
    private long lastLoud;
    private double levelDbfs = DbfsCalibration.SILENCE_DBFS;
    // Sum of the energies in the ring: updated per frame, recomputed exactly whenever the ring wraps.
    private double windowSum;
    private double spreadDb;
    private final double spreadUpDb;
    private final double spreadDownDb;
    private final int warmUpFrames;
    // Excess over the floor of the last decided frames, learnt from once they are old enough.
    private final double[] pendingExcess;
    private long lastClosedAt = Long.MIN_VALUE;

    // Closed intervals [start, end) in a ring, oldest first from historyHead; frames before forgottenBefore are unknown.
    private final long[] historyStart = new long[HISTORY];
    private final long[] historyEnd = new long[HISTORY];
    private int historyHead;
    private int historySize;
    private long forgottenBefore;

    /**
     * @param config   gate settings
     * @param features the feature stream's configuration: frame rate and the dBFS calibration come from it
     * @param listener receives transitions, on the calling thread, during {@link #accept}
     */
    public CryGate(GateConfig config, FeatureConfig features, GateListener listener) {
        this(config, features, DbfsCalibration.of(features), listener);
    }

    /** As {@link #CryGate(GateConfig, FeatureConfig, GateListener)} with a calibration computed once and shared by many rooms. */
    public CryGate(GateConfig config, FeatureConfig features, DbfsCalibration calibration, GateListener listener) {
        this.config = config;
        this.features = features;
        this.calibration = calibration;
        this.listener = listener;
        this.delay = config.lookAheadFrames(features);
        this.hangoverFrames = config.hangoverFrames(features);
        this.minOpenFrames = config.minOpenFrames(features);
        this.energies = new double[2 * delay + 1];
        double step = config.spreadRateDbPerSecond() / features.frameRate();
        this.spreadUpDb = step * config.spreadPercentile();
        this.spreadDownDb = step * (1.0 - config.spreadPercentile());
        this.warmUpFrames = config.warmUpFrames(features);
        this.pendingExcess = new double[config.spreadLearnDelayFrames(features) + 1];
        this.floor = new NoiseFloorTracker(calibration, config.floorBlockFrames(features), config.floorWindowBlocks(features), config.floorPercentile());
    }

    public GateConfig config() {
        return config;
    }

    public DbfsCalibration calibration() {
        return calibration;
    }

    /** Frames between a frame's arrival and the decision about it: the look-ahead {@code D}. */
    public int delayFrames() {
        return delay;
    }

    /** {@link #delayFrames()} in seconds. */
    public double delaySeconds() {
        return delay / features.frameRate();
    }

    /** Index the next frame must carry. */
    public long nextFrame() {
        return nextFrame;
    }

    /** Frames {@code [0, decidedFrames())} are decided. */
    public long decidedFrames() {
        return Math.max(0, nextFrame - delay);
    }

    /** Whether the last decided frame is inside an open gate. */
    public boolean isOpenNow() {
        return open;
    }

    /** Smoothed level of the last decided frame, dBFS. */
    public double levelDbfs() {
        return levelDbfs;
    }

    /** The background's typical excess over the floor, dB, added to the thresholds. */
    public double spreadDb() {
        return spreadDb;
    }

    /** Current noise floor estimate, dBFS (NaN before the first floor block). */
    public double floorDbfs() {
        return floor.floorDbfs();
    }

    /**
     * Whether decided frame {@code frame} lies inside an open gate.
     *
     * @throws IllegalArgumentException if the frame is not decided yet, or older than the remembered history
     *                                  (the last {@value #HISTORY} open intervals)
     */
    public boolean isOpen(long frame) {
        if (frame < 0 || frame >= decidedFrames()) {
            throw new IllegalArgumentException("frame " + frame + " is not decided yet (decided: " + decidedFrames() + ")");
        }
        if (frame < forgottenBefore) {
            throw new IllegalArgumentException("frame " + frame + " is older than the gate's history (from " + forgottenBefore + ")");
        }
        if (open && frame >= openedAt) {
            return true;
        }
        for (int i = 0; i < historySize; i++) {
            int slot = (historyHead + i) % HISTORY;
            if (frame >= historyStart[slot] && frame < historyEnd[slot]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void onFrame(long frameIndex, float[] logMel, double energy) {
        accept(frameIndex, energy);
    }

    /**
     * Feeds the next frame's energy and decides about frame {@code frameIndex - delayFrames()}.
     *
     * @throws IllegalArgumentException if {@code frameIndex} is not {@link #nextFrame()}, or the energy is negative or not finite
     */
    public void accept(long frameIndex, double energy) {
        if (frameIndex != nextFrame) {
            throw new IllegalArgumentException("expected frame " + nextFrame + ", got " + frameIndex);
        }
        if (!(energy >= 0) || Double.isInfinite(energy)) {
            throw new IllegalArgumentException("frame " + frameIndex + " has energy " + energy);
        }
        int slot = (int) (frameIndex % energies.length);
        if (slot == 0) {
            // The ring wraps: resum exactly, in ring order, so the running sum never drifts.
            windowSum = 0.0;
            if (frameIndex > 0) {
                for (int i = 1; i < energies.length; i++) {
                    windowSum += energies[i];
                }
            }
        } else if (frameIndex >= energies.length) {
            windowSum -= energies[slot];
        }
        energies[slot] = energy;
        windowSum += energy;
        floor.accept(energy);
        nextFrame++;
        long decided = frameIndex - delay;
        if (decided >= 0) {
            decide(decided, frameIndex);
        }
    }

    private void decide(long frame, long newest) {
        // Centred window [frame - D, frame + D], cut at the stream's start: the ring holds exactly those frames.
        long first = Math.max(0, frame - delay);
        levelDbfs = calibration.toDbfs(Math.max(0.0, windowSum) / (newest - first + 1));
        double floorDbfs = floor.floorDbfs();
        if (Double.isNaN(floorDbfs)) {
            return; // no floor yet: nothing to compare with, the gate stays as it is
        }
        learnSpread(frame, levelDbfs - floorDbfs);
        if (!open) {
            double openThreshold = openThreshold(floorDbfs);
            if (levelDbfs > openThreshold && frame >= warmUpFrames) {
                open = true;
                openedAt = frame;
                lastLoud = frame;
                listener.onTransition(new GateTransition(GateTransition.Kind.OPEN, frame, frame / features.frameRate(),
                        levelDbfs, openThreshold, floorDbfs));
            }
            return;
        }
        double closeThreshold = closeThreshold(floorDbfs);
        if (levelDbfs > closeThreshold) {
            lastLoud = frame;
        } else if (frame - lastLoud > hangoverFrames && frame - openedAt >= minOpenFrames) {
            open = false;
            lastClosedAt = frame;
            remember(openedAt, frame);
            listener.onTransition(new GateTransition(GateTransition.Kind.CLOSE, frame, frame / features.frameRate(),
                    levelDbfs, closeThreshold, floorDbfs));
        }
    }

    /**
     * Feeds the spread's percentile tracker. During the warm-up every frame teaches it at once; afterwards a
     * frame teaches it only {@code pendingExcess.length - 1} frames later, and only if the gate stayed closed
     * from that frame on: so neither a cry nor the rise just before its opening counts as background.
     */
    private void learnSpread(long frame, double excess) {
        if (frame < warmUpFrames) {
            track(excess);
            return;
        }
        int slots = pendingExcess.length;
        pendingExcess[(int) (frame % slots)] = excess;
        long old = frame - (slots - 1);
        if (old >= warmUpFrames && !open && lastClosedAt <= old) {
            track(pendingExcess[(int) (old % slots)]);
        }
    }

    // Stochastic percentile tracker: settles where the excess exceeds it a fraction (1 - p) of the time.
    private void track(double excess) {
        if (excess > spreadDb) {
            spreadDb += spreadUpDb;
        } else {
            spreadDb = Math.max(0.0, spreadDb - spreadDownDb);
        }
    }

    private double openThreshold(double floorDbfs) {
        double shifted = Math.max(floorDbfs + spreadDb + config.openMarginDb(), config.minimumOpenDbfs()) - config.sensitivityDb();
        return Math.max(shifted, roomQuietLine(floorDbfs));
    }

    private double closeThreshold(double floorDbfs) {
        double hysteresis = config.openMarginDb() - config.closeMarginDb();
        double shifted = Math.max(floorDbfs + spreadDb + config.closeMarginDb(), config.minimumOpenDbfs() - hysteresis) - config.sensitivityDb();
        return Math.max(shifted, roomQuietLine(floorDbfs));
    }

    /**
     * The level up to which the room's own background counts as quiet: floor + spread + close margin. No
     * sensitivity moves a threshold below it, or a steady room would hold the gate open (close threshold below
     * the room's level) or reopen it at once (open threshold below it).
     */
    private double roomQuietLine(double floorDbfs) {
        return floorDbfs + spreadDb + config.closeMarginDb();
    }

    private void remember(long start, long end) {
        if (historySize == HISTORY) {
            forgottenBefore = historyEnd[historyHead];
            historyHead = (historyHead + 1) % HISTORY;
            historySize--;
        }
        int slot = (historyHead + historySize) % HISTORY;
        historyStart[slot] = start;
        historyEnd[slot] = end;
        historySize++;
    }

    /**
     * The gate's whole state (smoothing window, floor window, open state, recent history), restorable with
     * {@link #restore}: about 2 kB with the defaults.
     */
    public byte[] snapshot() {
        int size = Integer.BYTES + 1 + 4 * Integer.BYTES + Double.BYTES
                + 4 * Long.BYTES + 1 + 3 * Double.BYTES
                + energies.length * Double.BYTES + floor.stateBytes()
                + 2 * Integer.BYTES + historySize * 2 * Long.BYTES
                + Integer.BYTES + Long.BYTES + pendingExcess.length * Double.BYTES;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(MAGIC).put(VERSION);
        buffer.putInt(delay).putInt(energies.length).putInt(config.floorBlockFrames(features)).putInt(floor.windowBlocks());
        buffer.putDouble(calibration.fullScaleEnergy());
        buffer.putLong(nextFrame).putLong(openedAt).putLong(lastLoud).putLong(forgottenBefore).put((byte) (open ? 1 : 0)).putDouble(levelDbfs).putDouble(spreadDb).putDouble(windowSum);
        for (double e : energies) {
            buffer.putDouble(e);
        }
        floor.writeState(buffer);
        buffer.putInt(historySize).putInt(0);
        for (int i = 0; i < historySize; i++) {
            int slot = (historyHead + i) % HISTORY;
            buffer.putLong(historyStart[slot]).putLong(historyEnd[slot]);
        }
        buffer.putInt(pendingExcess.length).putLong(lastClosedAt);
        for (double e : pendingExcess) {
            buffer.putDouble(e);
        }
        return buffer.array();
    }

    /**
     * A gate continuing the stream captured by {@link #snapshot()}. Thresholds, margins, sensitivity and
     * hang-over may differ from the snapshot's (a room's setting can change); the smoothing window, the
     * floor window and the calibration must match.
     *
     * @throws IllegalArgumentException if the snapshot is corrupt or its layout does not match {@code config}
     */
    public static CryGate restore(GateConfig config, FeatureConfig features, DbfsCalibration calibration, GateListener listener, byte[] snapshot) {
        CryGate gate = new CryGate(config, features, calibration, listener);
        try {
            ByteBuffer buffer = ByteBuffer.wrap(snapshot);
            if (buffer.getInt() != MAGIC) {
                throw new IllegalArgumentException("not a cry gate snapshot");
            }
            byte version = buffer.get();
            if (version != VERSION) {
                throw new IllegalArgumentException("unsupported cry gate snapshot version " + version);
            }
            int delay = buffer.getInt();
            int ring = buffer.getInt();
            int blockFrames = buffer.getInt();
            int windowBlocks = buffer.getInt();
            double fullScale = buffer.getDouble();
            if (delay != gate.delay || ring != gate.energies.length || blockFrames != config.floorBlockFrames(features)
                    || windowBlocks != gate.floor.windowBlocks() || Double.compare(fullScale, calibration.fullScaleEnergy()) != 0) {
                throw new IllegalArgumentException("snapshot layout (delay " + delay + ", floor " + blockFrames + "x" + windowBlocks
                        + ", 0 dBFS " + fullScale + ") does not match this configuration");
            }
            gate.nextFrame = buffer.getLong();
            gate.openedAt = buffer.getLong();
            gate.lastLoud = buffer.getLong();
            gate.forgottenBefore = buffer.getLong();
            byte open = buffer.get();
            if (gate.nextFrame < 0 || (open != 0 && open != 1)) {
                throw new IllegalArgumentException("corrupt cry gate state");
            }
            gate.open = open == 1;
            gate.levelDbfs = buffer.getDouble();
            gate.spreadDb = buffer.getDouble();
            gate.windowSum = buffer.getDouble();
            for (int i = 0; i < gate.energies.length; i++) {
                gate.energies[i] = buffer.getDouble();
            }
            gate.floor.readState(buffer);
            int history = buffer.getInt();
            buffer.getInt(); // head is always written as 0
            if (history < 0 || history > HISTORY) {
                throw new IllegalArgumentException("corrupt cry gate history size " + history);
            }
            for (int i = 0; i < history; i++) {
                gate.historyStart[i] = buffer.getLong();
                gate.historyEnd[i] = buffer.getLong();
            }
            gate.historySize = history;
            if (buffer.getInt() != gate.pendingExcess.length) {
                throw new IllegalArgumentException("snapshot's spread learning delay does not match this configuration");
            }
            gate.lastClosedAt = buffer.getLong();
            for (int i = 0; i < gate.pendingExcess.length; i++) {
                gate.pendingExcess[i] = buffer.getDouble();
            }
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException("cry gate snapshot has " + buffer.remaining() + " trailing bytes");
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("truncated cry gate snapshot", e);
        }
        return gate;
    }

    /** {@link #restore(GateConfig, FeatureConfig, DbfsCalibration, GateListener, byte[])} computing the calibration. */
    public static CryGate restore(GateConfig config, FeatureConfig features, GateListener listener, byte[] snapshot) {
        return restore(config, features, DbfsCalibration.of(features), listener, snapshot);
    }
}
