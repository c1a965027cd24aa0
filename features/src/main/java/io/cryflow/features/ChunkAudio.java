package io.cryflow.features;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.PcmF32le;
import io.cryflow.schemas.PcmS16le;
import io.cryflow.streams.RejectedRecordException;
import java.nio.ByteBuffer;

/** Checks an audio chunk against what the features stage can use and decodes its samples to floats (full scale 1). */
final class ChunkAudio {

    private ChunkAudio() {}

    /**
     * @param key        the record key (the room id), or null
     * @param sampleRate the sample rate the DSP configuration expects
     * @return the chunk's samples, full scale ±1
     * @throws RejectedRecordException with a {@link Rejections} code when the chunk cannot be used
     */
    static float[] decode(AudioChunk chunk, String key, int sampleRate) {
        if (key != null && !key.equals(chunk.getRoomId())) {
            throw new RejectedRecordException(Rejections.KEY_MISMATCH,
                    "record key '" + key + "' is not the chunk's room '" + chunk.getRoomId() + "'");
        }
        if (chunk.getSequenceNumber() < 0) {
            throw new RejectedRecordException(Rejections.INVALID_SEQUENCE, "sequence number " + chunk.getSequenceNumber() + " is negative");
        }
        if (chunk.getSampleRate() != sampleRate) {
            throw new RejectedRecordException(Rejections.WRONG_SAMPLE_RATE,
                    "sample rate " + chunk.getSampleRate() + " Hz, expected " + sampleRate + " Hz (microphone " + chunk.getMicrophoneId()
                            + ", sequence " + chunk.getSequenceNumber() + ")");
        }
        if (chunk.getChannels() != 1) {
            throw new RejectedRecordException(Rejections.UNSUPPORTED_CHANNELS, chunk.getChannels() + " channels, expected mono");
        }
        ByteBuffer bytes = chunk.getSamples();
        switch (chunk.getEncoding()) {
            case PCM_S16LE -> {
                requireWholeSamples(bytes, Short.BYTES, chunk);
                return PcmS16le.toFloats(bytes);
            }
            case PCM_F32LE -> {
                requireWholeSamples(bytes, Float.BYTES, chunk);
                float[] samples = PcmF32le.toFloats(bytes);
                int bad = PcmF32le.firstNonFinite(samples);
                if (bad >= 0) {
                    throw new RejectedRecordException(Rejections.NON_FINITE_SAMPLES,
                            "sample " + bad + " of " + samples.length + " is " + samples[bad] + " (sequence " + chunk.getSequenceNumber() + ")");
                }
                return samples;
            }
            default -> throw new RejectedRecordException(Rejections.UNSUPPORTED_ENCODING,
                    "sample encoding " + chunk.getEncoding() + " is not one this stage can decode");
        }
    }

    private static void requireWholeSamples(ByteBuffer bytes, int sampleBytes, AudioChunk chunk) {
        if (bytes.remaining() % sampleBytes != 0) {
            throw new RejectedRecordException(Rejections.TRUNCATED_AUDIO,
                    bytes.remaining() + " sample bytes are not a whole number of " + chunk.getEncoding() + " samples (sequence "
                            + chunk.getSequenceNumber() + ")");
        }
    }
}
