package io.cryflow.inference.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Frame-block keys: a microphone's blocks sort in frame-index order under one prefix. */
class MicrophoneFrameStoreKeyTest {

    private static final String MICROPHONE = RoomInferenceProcessor.microphoneKey("room-1", "mic-a");

    @Test
    void indicesAreZeroPaddedToNineteenDigits() {
        assertEquals(MICROPHONE + RoomInferenceProcessor.SEPARATOR + "0000000000000000000", MicrophoneFrameStore.key(MICROPHONE, 0));
        assertEquals(MICROPHONE + RoomInferenceProcessor.SEPARATOR + "0000000000000012345", MicrophoneFrameStore.key(MICROPHONE, 12_345));
        assertEquals(MICROPHONE + RoomInferenceProcessor.SEPARATOR + Long.MAX_VALUE, MicrophoneFrameStore.key(MICROPHONE, Long.MAX_VALUE));
    }

    @Test
    void keyOrderIsIndexOrder() {
        long[] indices = {0, 7, 50, 99, 100, 1_000, 99_999, 100_000, 1L << 40, Long.MAX_VALUE};
        List<String> keys = new ArrayList<>();
        for (long index : indices) {
            keys.add(MicrophoneFrameStore.key(MICROPHONE, index));
        }
        List<String> sorted = new ArrayList<>(keys);
        sorted.sort(null);
        assertEquals(keys, sorted);
    }

    @Test
    void aNegativeIndexIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> MicrophoneFrameStore.key(MICROPHONE, -1));
    }
}
