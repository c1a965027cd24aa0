package io.cryflow.inference.app;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The frames store ({@value RoomInferenceProcessor#FRAMES_STORE}): one entry per stored {@link FrameBlock}, keyed
 * {@code room␟microphone␟firstFrameIndex} with the index zero-padded, so a microphone's blocks are one prefix range
 * in index order.
 */
final class MicrophoneFrameStore {

    private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

    private final KeyValueStore<String, byte[]> store;
    private final int bands;

    MicrophoneFrameStore(KeyValueStore<String, byte[]> store, int bands) {
        this.store = store;
        this.bands = bands;
    }

    /** Writes the microphone's block changes since the last flush: new blocks once, tombstones for dropped ones. */
    void flush(String microphoneKey, FrameBlocks frames) {
        frames.flush((firstIndex, block) -> store.put(key(microphoneKey, firstIndex), block == null ? null : block.toBytes()));
    }

    /**
     * The microphone's stored blocks.
     *
     * @throws IllegalArgumentException if a block is unreadable
     */
    FrameBlocks load(String microphoneKey) {
        List<FrameBlock> blocks = new ArrayList<>();
        for (KeyValue<String, byte[]> entry : entries(microphoneKey)) {
            blocks.add(FrameBlock.fromBytes(firstIndex(microphoneKey, entry.key), bands, entry.value));
        }
        return FrameBlocks.stored(bands, blocks);
    }

    /** Deletes every block of the microphone (its window state was unusable). */
    void deleteAll(String microphoneKey) {
        for (KeyValue<String, byte[]> entry : entries(microphoneKey)) {
            store.delete(entry.key);
        }
    }

    private List<KeyValue<String, byte[]>> entries(String microphoneKey) {
        List<KeyValue<String, byte[]>> entries = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> range = store.prefixScan(prefix(microphoneKey), PREFIX_SERIALIZER)) {
            range.forEachRemaining(entries::add);
        }
        return entries;
    }

    static String key(String microphoneKey, long firstIndex) {
        if (firstIndex < 0) {
            throw new IllegalArgumentException("negative frame index " + firstIndex);
        }
        // Zero-padded to 19 digits (Long.MAX_VALUE's width) so that key order is index order; built without
        // String.format, which took 9 % of the inference thread's Java time under load.
        String digits = Long.toString(firstIndex);
        return prefix(microphoneKey) + "0".repeat(19 - digits.length()) + digits;
    }

    private static String prefix(String microphoneKey) {
        return microphoneKey + RoomInferenceProcessor.SEPARATOR;
    }

    private static long firstIndex(String microphoneKey, String key) {
        try {
            return Long.parseLong(key.substring(prefix(microphoneKey).length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("frame block key without an index: " + key, e);
        }
    }
}
