/**
 * Ingest: reads room audio from sources, cuts it into {@code AudioChunk}s and publishes them,
 * one thread per room. {@link io.cryflow.ingest.IngestRunner} is the service (start/stop);
 * {@link io.cryflow.ingest.IngestOptions} its configuration.
 */
package io.cryflow.ingest;
