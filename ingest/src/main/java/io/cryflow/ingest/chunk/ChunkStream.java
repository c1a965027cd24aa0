package io.cryflow.ingest.chunk;

import io.cryflow.schemas.AudioChunk;
import java.io.IOException;

/** One microphone's chunks in capture order, as a sender takes them. */
public interface ChunkStream {

    /** The room the microphone is in. */
    String roomId();

    /** The microphone within the room. */
    String microphoneId();

    /** The next chunk, or {@code null} once the stream has ended. */
    AudioChunk next() throws IOException, InterruptedException;
}
