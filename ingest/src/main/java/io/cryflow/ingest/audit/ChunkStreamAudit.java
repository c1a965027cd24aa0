package io.cryflow.ingest.audit;

import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.schemas.AudioChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a stream of audio chunks as a consumer sees it: per microphone, are the chunks complete,
 * in order, and contiguous (sequence numbers 0, 1, 2, ... with capture times one chunk apart)?
 * Feed it chunks in the order they were read from one partition; a room's chunks all live on one
 * partition because the key is the room id.
 */
public final class ChunkStreamAudit {

    private final Map<String, MicrophoneAudit> byMicrophone = new LinkedHashMap<>();

    public void accept(String key, AudioChunk chunk) {
        String id = chunk.getRoomId() + "/" + chunk.getMicrophoneId();
        byMicrophone.computeIfAbsent(id, k -> new MicrophoneAudit(chunk.getRoomId(), chunk.getMicrophoneId()))
                .accept(key, chunk);
    }

    public List<MicrophoneAudit> microphones() {
        List<MicrophoneAudit> list = new ArrayList<>(byMicrophone.values());
        list.sort(Comparator.comparing(MicrophoneAudit::roomId).thenComparing(MicrophoneAudit::microphoneId));
        return list;
    }

    public long totalChunks() {
        return byMicrophone.values().stream().mapToLong(MicrophoneAudit::chunks).sum();
    }

    /** True when every microphone's stream is contiguous from sequence 0 with no anomaly. */
    public boolean clean() {
        return byMicrophone.values().stream().allMatch(MicrophoneAudit::clean);
    }

    /** What one microphone's stream looked like. */
    public static final class MicrophoneAudit {
        private final String roomId;
        private final String microphoneId;
        private long chunks;
        private long samples;
        private double seconds;
        private long firstSequence = -1;
        private long lastSequence = -1;
        private long gaps;
        private long outOfOrder;
        private long wrongKeys;
        private long timingErrors;
        private long expectedNextStartMicros = Long.MIN_VALUE;

        MicrophoneAudit(String roomId, String microphoneId) {
            this.roomId = roomId;
            this.microphoneId = microphoneId;
        }

        void accept(String key, AudioChunk chunk) {
            long sequence = chunk.getSequenceNumber();
            if (!roomId.equals(key)) {
                wrongKeys++;
            }
            if (chunks == 0) {
                firstSequence = sequence;
            } else if (sequence <= lastSequence) {
                outOfOrder++;
            } else if (sequence != lastSequence + 1) {
                gaps++;
            }
            int frames = chunk.getSamples().remaining() / (2 * Math.max(1, chunk.getChannels()));
            long startMicros = micros(chunk);
            if (chunks > 0 && sequence == lastSequence + 1 && Math.abs(startMicros - expectedNextStartMicros) > 1) {
                timingErrors++;
            }
            if (chunks == 0 || sequence > lastSequence) {
                // A late (out-of-order) chunk says nothing about where the stream's head is.
                expectedNextStartMicros = startMicros + Math.round(frames * 1e6 / chunk.getSampleRate());
                lastSequence = sequence;
            }
            chunks++;
            samples += frames;
            seconds += frames / (double) chunk.getSampleRate();
        }

        private static long micros(AudioChunk chunk) {
            return AudioChunker.microsOf(chunk.getCaptureStartMicros());
        }

        public String roomId() { return roomId; }
        public String microphoneId() { return microphoneId; }
        public long chunks() { return chunks; }
        public long samples() { return samples; }
        public double seconds() { return seconds; }
        public long firstSequence() { return firstSequence; }
        public long lastSequence() { return lastSequence; }
        public long gaps() { return gaps; }
        public long outOfOrder() { return outOfOrder; }
        public long wrongKeys() { return wrongKeys; }
        /** Consecutive chunks whose capture times are not exactly one chunk apart (±1 µs). */
        public long timingErrors() { return timingErrors; }

        public boolean clean() {
            return firstSequence == 0 && gaps == 0 && outOfOrder == 0 && wrongKeys == 0 && timingErrors == 0
                    && lastSequence == chunks - 1;
        }

        @Override
        public String toString() {
            return String.format("%s/%s: %d chunks (%.1f s), seq %d..%d, %d gaps, %d out of order, %d wrong keys, %d timing errors",
                    roomId, microphoneId, chunks, seconds, firstSequence, lastSequence, gaps, outOfOrder, wrongKeys,
                    timingErrors);
        }
    }
}
