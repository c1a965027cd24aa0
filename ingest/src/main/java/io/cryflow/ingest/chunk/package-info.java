/** Cutting a source's audio into {@code AudioChunk} records, and pacing them in capture time. */
package io.cryflow.ingest.chunk;
