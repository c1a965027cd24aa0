package io.cryflow.features;

import java.util.Locale;

/**
 * Keys of the features stage's state stores. Room and microphone ids are joined with a unit
 * separator (U+001F), which no sane id contains; pending chunks add the zero-padded sequence number
 * so a microphone's held chunks sort in sequence order.
 */
final class StoreKeys {

    private static final char SEPARATOR = '\u001f';

    private StoreKeys() {}

    static String microphone(String room, String microphone) {
        return room + SEPARATOR + microphone;
    }

    static String pendingChunk(String room, String microphone, long sequence) {
        return microphone(room, microphone) + SEPARATOR + String.format(Locale.ROOT, "%019d", sequence);
    }

    /** The microphone key a pending-chunk key belongs to. */
    static String microphoneOfPendingChunk(String pendingChunkKey) {
        return pendingChunkKey.substring(0, pendingChunkKey.lastIndexOf(SEPARATOR));
    }

    /** Room and microphone id of a microphone key. */
    static String[] roomAndMicrophone(String microphoneKey) {
        int at = microphoneKey.indexOf(SEPARATOR);
        return new String[] {microphoneKey.substring(0, at), microphoneKey.substring(at + 1)};
    }
}
