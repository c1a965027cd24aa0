package io.cryflow.inference.app;

import io.cryflow.inference.input.WindowAssembler;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * One microphone's frame blocks still needed by a window or a settling step, by first frame index, together with
 * the changes not yet written to the frames store. Each block is written once and deleted once, so a record costs
 * the state only its own frames. Pure Java, no Kafka.
 */
final class FrameBlocks implements WindowAssembler.FrameSource {

    /** Receives a block to store under its first index, or {@code null} to delete that index's block. */
    @FunctionalInterface
    interface Writer {
        void write(long firstIndex, FrameBlock block);
    }

    private final int bands;
    private final TreeMap<Long, FrameBlock> blocks = new TreeMap<>();
    // Only the last change per index counts: a block added and replaced before a flush is written once.
    private final Map<Long, FrameBlock> unwritten = new LinkedHashMap<>();

    FrameBlocks(int bands) {
        this.bands = bands;
    }

    /** Blocks loaded from the store: nothing to write back. */
    static FrameBlocks stored(int bands, Iterable<FrameBlock> stored) {
        FrameBlocks frames = new FrameBlocks(bands);
        for (FrameBlock block : stored) {
            frames.blocks.put(block.firstIndex(), block);
        }
        return frames;
    }

    void add(FrameBlock block) {
        if (block.frames() == 0) {
            return;
        }
        FrameBlock existing = blocks.get(block.firstIndex());
        // A replayed record repeats frames already held; keep the block that covers more of them.
        if (existing != null && existing.frames() >= block.frames()) {
            return;
        }
        blocks.put(block.firstIndex(), block);
        unwritten.put(block.firstIndex(), block);
    }

    /** Drops every block whose frames all lie before {@code index}. */
    void dropBefore(long index) {
        Iterator<FrameBlock> older = blocks.headMap(index, false).values().iterator();
        while (older.hasNext()) {
            FrameBlock block = older.next();
            if (block.endIndex() <= index) {
                older.remove();
                unwritten.put(block.firstIndex(), null);
            }
        }
    }

    void dropAll() {
        dropBefore(Long.MAX_VALUE);
    }

    /** Hands every change since the last flush to {@code writer}. */
    void flush(Writer writer) {
        unwritten.forEach(writer::write);
        unwritten.clear();
    }

    int blockCount() {
        return blocks.size();
    }

    boolean holds(long firstIndex, int count) {
        long index = firstIndex;
        long end = firstIndex + count;
        while (index < end) {
            FrameBlock block = covering(index);
            if (block == null) {
                return false;
            }
            index = block.endIndex();
        }
        return true;
    }

    /** The values, frame-major; when they are exactly one held block, that block's own array: read it, never change it. */
    @Override
    public float[] frames(long firstIndex, int count) {
        FrameBlock first = covering(firstIndex);
        if (first != null && first.firstIndex() == firstIndex && first.frames() == count) {
            return first.values(); // the usual case: a record's frames settle together, so no copy per record
        }
        float[] values = new float[count * bands];
        long index = firstIndex;
        int copied = 0;
        while (copied < count) {
            FrameBlock block = covering(index);
            if (block == null) {
                throw new IllegalArgumentException("frame " + index + " is not held");
            }
            int n = (int) Math.min(count - copied, block.endIndex() - index);
            System.arraycopy(block.values(), (int) (index - block.firstIndex()) * bands, values, copied * bands, n * bands);
            copied += n;
            index += n;
        }
        return values;
    }

    /** The latest-starting block holding frame {@code index}; replayed records may overlap others. */
    private FrameBlock covering(long index) {
        for (FrameBlock block : blocks.headMap(index, true).descendingMap().values()) {
            if (block.endIndex() > index) {
                return block;
            }
        }
        return null;
    }
}
