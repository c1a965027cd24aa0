/**
 * Ingest: reads room audio from sources, cuts it into {@code AudioChunk}s and publishes them; recorded and
 * simulated rooms from one sending thread ({@link io.cryflow.ingest.RoomSender}), each live microphone from its own.
 * {@link io.cryflow.ingest.IngestRunner} is the service (start/stop);
 * {@link io.cryflow.ingest.IngestOptions} its configuration.
 */
package io.cryflow.ingest;
