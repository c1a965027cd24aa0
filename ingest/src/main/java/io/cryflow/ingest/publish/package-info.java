/** Sending {@code AudioChunk}s to Kafka (the only Kafka-aware part of ingest). */
package io.cryflow.ingest.publish;
