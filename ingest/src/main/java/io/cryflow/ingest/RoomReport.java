package io.cryflow.ingest;

/**
 * How one room's ingest ended.
 *
 * @param roomId       the room
 * @param microphoneId its microphone
 * @param chunks       chunks handed to the sink (sequence numbers 0..chunks-1)
 * @param samples      audio samples in those chunks
 * @param outcome      how the room's loop ended
 * @param error        the error's message when the outcome is FAILED, otherwise empty
 */
public record RoomReport(String roomId, String microphoneId, long chunks, long samples, Outcome outcome,
        String error) {

    /** Why a room stopped. */
    public enum Outcome {
        /** The source ended. */
        COMPLETED,
        /** {@link IngestRunner#stop()} was called first. */
        STOPPED,
        /** The source or the sink failed. */
        FAILED
    }
}
