package io.cryflow.ingest.publish;

import io.cryflow.schemas.AudioChunk;

/** Where chunks go: Kafka in production ({@link AudioChunkPublisher}). Must be thread-safe. */
public interface ChunkSink extends AutoCloseable {

    /** Hands a chunk over for delivery; may return before it is delivered. */
    void send(AudioChunk chunk);

    /** Waits until every chunk handed over so far is delivered or has failed. */
    void flush();

    @Override
    void close();
}
