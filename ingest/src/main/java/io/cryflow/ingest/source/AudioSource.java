package io.cryflow.ingest.source;

import java.io.IOException;

/**
 * Mono audio of one microphone in one room, at a fixed sample rate, in blocks of any size.
 *
 * <p>Consecutive blocks are contiguous: each block's capture time is the previous one's plus its
 * duration, as counted by the source's capture clock. A source is used by one thread at a time.
 */
public interface AudioSource extends AutoCloseable {

    /** The room the microphone is in (the Kafka record key). */
    String roomId();

    /** The microphone within the room. */
    String microphoneId();

    /** Samples per second of every block. */
    int sampleRate();

    /**
     * The next block, waiting for it if the source is live.
     *
     * @return the block, or {@code null} when the source has ended
     */
    AudioBlock read() throws IOException, InterruptedException;

    /**
     * Whether {@link #read()} waits for audio to be captured (a live device), so that a sender must not share its
     * thread with other rooms; recordings and generated audio are read at once.
     */
    default boolean isLive() {
        return false;
    }

    @Override
    void close() throws IOException;
}
