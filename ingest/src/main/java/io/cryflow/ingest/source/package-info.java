/**
 * Audio sources: mono float blocks at the pipeline rate with capture timestamps, for one
 * (room, microphone). WAV files, folders replayed as rooms, a live microphone and in-memory
 * signals (such as generated scenes) all sit behind {@link io.cryflow.ingest.source.AudioSource}.
 */
package io.cryflow.ingest.source;
