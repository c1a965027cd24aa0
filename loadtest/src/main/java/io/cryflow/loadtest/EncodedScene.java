package io.cryflow.loadtest;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.ingest.chunk.ChunkStream;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.source.SampleClock;
import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.schemas.SampleEncoding;
import java.nio.ByteBuffer;

/**
 * A scene quantized to 16-bit PCM once, cut into the same chunks {@link AudioChunker} makes of it (same capture
 * times, same bytes), so that the rooms playing a scene share one encoding instead of each quantizing it again.
 */
final class EncodedScene {

    private final byte[] pcm;
    private final int samples;
    private final int sampleRate;
    private final int chunkSamples;

    EncodedScene(Scene scene, int chunkSamples) {
        if (chunkSamples <= 0) {
            throw new IllegalArgumentException("chunk length must be positive: " + chunkSamples);
        }
        this.pcm = PcmS16le.fromFloats(scene.samples()).array();
        this.samples = scene.samples().length;
        this.sampleRate = scene.sampleRate();
        this.chunkSamples = chunkSamples;
    }

    /** A room playing this scene from {@code startMicros}: its chunks in order. */
    ChunkStream stream(String roomId, String microphoneId, long startMicros) {
        SampleClock clock = new SampleClock(startMicros, sampleRate);
        return new ChunkStream() {
            private long index;

            @Override
            public String roomId() {
                return roomId;
            }

            @Override
            public String microphoneId() {
                return microphoneId;
            }

            @Override
            public AudioChunk next() {
                return index * chunkSamples < samples ? chunk(roomId, microphoneId, clock, index++) : null;
            }
        };
    }

    /**
     * Chunk {@code index} of a room. Its samples are a view of the shared encoding, not a copy (a read-only view
     * would make Avro's encoder copy it), so they must not be written to.
     */
    private AudioChunk chunk(String roomId, String microphoneId, SampleClock clock, long index) {
        int offset = Math.toIntExact(index * chunkSamples * Short.BYTES);
        int length = (int) Math.min(chunkSamples, samples - index * chunkSamples);
        ByteBuffer view = ByteBuffer.wrap(pcm, offset, length * Short.BYTES).slice();
        return AudioChunk.newBuilder()
                .setRoomId(roomId)
                .setMicrophoneId(microphoneId)
                .setSequenceNumber(index)
                .setCaptureStartMicros(AudioChunker.instantOfMicros(clock.micros(index * chunkSamples)))
                .setSampleRate(sampleRate)
                .setEncoding(SampleEncoding.PCM_S16LE)
                .setChannels(1)
                .setSamples(view)
                .build();
    }
}
