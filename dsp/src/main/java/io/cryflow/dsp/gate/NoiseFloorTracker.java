package io.cryflow.dsp.gate;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Running noise-floor estimate: a low percentile of the levels (dBFS) of short blocks of frame energy over
 * a sliding window. A steady sound fills the window and becomes the floor after about
 * {@code (1 - percentile)} of the window; a sound broken by quiet gaps (a cry's breaths) leaves those gaps
 * as the low percentile, so the floor stays at the background under it. The window is also kept sorted,
 * updated by one removal and one insertion per block; nothing is allocated per frame.
 */
final class NoiseFloorTracker {

    private final DbfsCalibration calibration;
    private final int blockFrames;
    private final double percentile;
    private final double[] levels;
    private final double[] sorted;

    private double blockSum;
    private int blockCount;
    private int next;
    private int filled;
    private double floorDbfs = Double.NaN;

    NoiseFloorTracker(DbfsCalibration calibration, int blockFrames, int windowBlocks, double percentile) {
        this.calibration = calibration;
        this.blockFrames = blockFrames;
        this.percentile = percentile;
        this.levels = new double[windowBlocks];
        this.sorted = new double[windowBlocks];
    }

    /** Adds one frame's energy; completes a block every {@code blockFrames} frames. */
    void accept(double energy) {
        blockSum += energy;
        if (++blockCount < blockFrames) {
            return;
        }
        double level = calibration.toDbfs(blockSum / blockFrames);
        if (filled == levels.length) {
            removeSorted(levels[next]);
        } else {
            filled++;
        }
        insertSorted(level);
        levels[next] = level;
        next = (next + 1) % levels.length;
        blockSum = 0.0;
        blockCount = 0;
        floorDbfs = sorted[(int) Math.floor(percentile * (filled - 1))];
    }

    // sorted[0 .. filled - 1) holds the window without the value being inserted.
    private void insertSorted(double level) {
        int count = filled - 1;
        int at = Arrays.binarySearch(sorted, 0, count, level);
        if (at < 0) {
            at = -at - 1;
        }
        System.arraycopy(sorted, at, sorted, at + 1, count - at);
        sorted[at] = level;
    }

    private void removeSorted(double level) {
        int at = Arrays.binarySearch(sorted, 0, filled, level);
        System.arraycopy(sorted, at + 1, sorted, at, filled - at - 1);
    }

    /** The floor in dBFS, NaN until the first block is complete. */
    double floorDbfs() {
        return floorDbfs;
    }

    int windowBlocks() {
        return levels.length;
    }

    int stateBytes() {
        return Double.BYTES + 3 * Integer.BYTES + Double.BYTES + filled * Double.BYTES;
    }

    void writeState(ByteBuffer target) {
        target.putDouble(blockSum).putInt(blockCount).putInt(next).putInt(filled).putDouble(floorDbfs);
        for (int i = 0; i < filled; i++) {
            target.putDouble(levels[i]);
        }
    }

    void readState(ByteBuffer source) {
        double sum = source.getDouble();
        int count = source.getInt();
        int nextIndex = source.getInt();
        int filledCount = source.getInt();
        double floor = source.getDouble();
        if (count < 0 || count >= blockFrames || filledCount < 0 || filledCount > levels.length
                || nextIndex < 0 || nextIndex >= levels.length || (filledCount < levels.length && nextIndex != filledCount % levels.length)) {
            throw new IllegalArgumentException("corrupt noise floor state");
        }
        for (int i = 0; i < filledCount; i++) {
            levels[i] = source.getDouble();
        }
        blockSum = sum;
        blockCount = count;
        next = nextIndex;
        filled = filledCount;
        floorDbfs = floor;
        System.arraycopy(levels, 0, sorted, 0, filled);
        Arrays.sort(sorted, 0, filled);
    }
}
