package io.cryflow.ingest;

import java.time.Duration;

/**
 * Ingest configuration. {@link #defaults()} gives the documented defaults; the {@code with}
 * methods change one value.
 *
 * @param topic           Kafka topic for audio chunks (default {@value #DEFAULT_TOPIC})
 * @param sampleRate      pipeline sample rate in Hz; sources are resampled to it (default 16000)
 * @param chunkDuration   audio per chunk (default 500 ms)
 * @param pacing          replay speed (default {@link Pacing#REAL_TIME})
 * @param loop            replay file sources forever (default false)
 * @param compression     Kafka producer compression, lz4 or zstd (default lz4)
 * @param microphoneId    microphone id for sources that have no own (default "mic-1")
 * @param stopTimeout     how long {@link IngestRunner#stop()} waits for rooms to finish (default 10 s)
 */
public record IngestOptions(String topic, int sampleRate, Duration chunkDuration, Pacing pacing, boolean loop,
        String compression, String microphoneId, Duration stopTimeout) {

    public static final String DEFAULT_TOPIC = "cryflow.audio.chunks";
    public static final int DEFAULT_SAMPLE_RATE = 16000;
    public static final Duration DEFAULT_CHUNK_DURATION = Duration.ofMillis(500);
    public static final String DEFAULT_COMPRESSION = "lz4";
    public static final String DEFAULT_MICROPHONE_ID = "mic-1";
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

    public IngestOptions {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException("topic must be set");
        }
        if (sampleRate < 8000 || sampleRate > 192000) {
            throw new IllegalArgumentException("sample rate must be 8000..192000 Hz, got " + sampleRate);
        }
        if (chunkDuration.toMillis() < 10 || chunkDuration.toMillis() > 10_000) {
            throw new IllegalArgumentException("chunk duration must be 10 ms..10 s, got " + chunkDuration.toMillis() + " ms");
        }
        if (!compression.equals("lz4") && !compression.equals("zstd") && !compression.equals("gzip")
                && !compression.equals("snappy") && !compression.equals("none")) {
            throw new IllegalArgumentException("unknown compression " + compression + " (lz4, zstd, gzip, snappy, none)");
        }
    }

    public static IngestOptions defaults() {
        return new IngestOptions(DEFAULT_TOPIC, DEFAULT_SAMPLE_RATE, DEFAULT_CHUNK_DURATION, Pacing.REAL_TIME, false,
                DEFAULT_COMPRESSION, DEFAULT_MICROPHONE_ID, DEFAULT_STOP_TIMEOUT);
    }

    /** Samples per chunk at the pipeline rate. */
    public int chunkSamples() {
        return (int) Math.max(1, Math.round(sampleRate * chunkDuration.toNanos() / 1e9));
    }

    public IngestOptions withTopic(String v) {
        return new IngestOptions(v, sampleRate, chunkDuration, pacing, loop, compression, microphoneId, stopTimeout);
    }

    public IngestOptions withSampleRate(int v) {
        return new IngestOptions(topic, v, chunkDuration, pacing, loop, compression, microphoneId, stopTimeout);
    }

    public IngestOptions withChunkDuration(Duration v) {
        return new IngestOptions(topic, sampleRate, v, pacing, loop, compression, microphoneId, stopTimeout);
    }

    public IngestOptions withPacing(Pacing v) {
        return new IngestOptions(topic, sampleRate, chunkDuration, v, loop, compression, microphoneId, stopTimeout);
    }

    public IngestOptions withLoop(boolean v) {
        return new IngestOptions(topic, sampleRate, chunkDuration, pacing, v, compression, microphoneId, stopTimeout);
    }

    public IngestOptions withCompression(String v) {
        return new IngestOptions(topic, sampleRate, chunkDuration, pacing, loop, v, microphoneId, stopTimeout);
    }

    public IngestOptions withMicrophoneId(String v) {
        return new IngestOptions(topic, sampleRate, chunkDuration, pacing, loop, compression, v, stopTimeout);
    }

    public IngestOptions withStopTimeout(Duration v) {
        return new IngestOptions(topic, sampleRate, chunkDuration, pacing, loop, compression, microphoneId, v);
    }
}
