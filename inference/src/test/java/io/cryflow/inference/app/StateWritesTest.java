package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.inference.app.InferenceDriver.StateWrites;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What each 0.5 s of a microphone costs the state stores, measured on their changelogs (what RocksDB and the broker
 * take): its own frames once plus a small metadata record, never the frames held before it.
 */
class StateWritesTest {

    @TempDir
    Path stateDir;

    @Test
    void eachMelRecordWritesItsOwnFramesAndSmallMetadataOnly() {
        InferenceTopologyTest.OneCry scene = InferenceTopologyTest.OneCry.make();
        List<FeaturesRun.Chunk> chunks = FeaturesRun.of(InferenceTopologyTest.ROOM, scene.audio());
        Map<String, StateWrites> perStore = new TreeMap<>();
        long largestChunk = 0;
        int melRecords = 0;
        try (InferenceDriver inference = new InferenceDriver(stateDir)) {
            for (FeaturesRun.Chunk chunk : chunks) {
                inference.feed(List.of(chunk));
                Map<String, StateWrites> writes = inference.takeStateWrites();
                largestChunk = Math.max(largestChunk, writes.values().stream().mapToLong(StateWrites::bytes).sum());
                writes.forEach((store, w) -> perStore.merge(store, w, StateWritesTest::sum));
                melRecords += chunk.mel().size();
            }
        }
        long total = perStore.values().stream().mapToLong(StateWrites::bytes).sum();
        System.out.printf("state writes over %d mel records: %d B per record on average, at most %d B for one chunk%n",
                melRecords, total / melRecords, largestChunk);
        final int records = melRecords;
        perStore.forEach((store, w) -> System.out.printf("  %s: %d writes (%d tombstones), %d B per mel record, largest value %d B%n",
                store, w.records(), w.tombstones(), w.bytes() / records, w.largestValue()));

        // A 0.5 s record carries 50 frames x 64 bands x 4 B = 12.8 kB; everything else must be small beside it.
        assertTrue(largestChunk < 16_000, "one chunk wrote " + largestChunk + " B");
        assertTrue(total / melRecords < 16_000, total / melRecords + " B per record");
        StateWrites metadata = perStore.get(RoomInferenceProcessor.WINDOWS_STORE);
        assertTrue(metadata.largestValue() < 1_000, "metadata record of " + metadata.largestValue() + " B");
    }

    private static StateWrites sum(StateWrites a, StateWrites b) {
        return new StateWrites(a.records() + b.records(), a.keyBytes() + b.keyBytes(), a.valueBytes() + b.valueBytes(),
                Math.max(a.largestValue(), b.largestValue()), a.tombstones() + b.tombstones());
    }
}
