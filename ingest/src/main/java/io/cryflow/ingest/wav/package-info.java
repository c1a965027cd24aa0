/**
 * Streaming reading of PCM WAV files of any common sample format and channel count, and writing
 * of 16-bit mono WAV files. Errors are {@link io.cryflow.ingest.wav.WavFormatException}s that name
 * the file and the problem.
 */
package io.cryflow.ingest.wav;
