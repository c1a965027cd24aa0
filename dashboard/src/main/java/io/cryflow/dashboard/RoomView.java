package io.cryflow.dashboard;

import java.util.List;
import java.util.Map;

/**
 * What one room's tile shows, as sent to the browser (JSON).
 *
 * @param room          room id
 * @param state         {@code QUIET}, {@code CRYING}, {@code OFFLINE}, {@code NOT_ANALYSED}, {@code SILENT} or
 *                      {@code CLIPPING}: a technical condition wins over crying, since it means the detector may
 *                      not hear; {@code NOT_ANALYSED}: audio arrives but nothing analyses it
 * @param crying        whether an episode is open (also while a technical condition shows)
 * @param cause         most likely cause of the open episode (lower case, or {@code uncertain}); null when quiet
 * @param confidence    latest cry probability of the open episode; null when quiet
 * @param causeProbabilities cause distribution of the open episode; empty when quiet
 * @param levelDbfs     latest audio level in dBFS, null before any audio
 * @param sensitivity   the gate sensitivity in effect (dB, 0 = normal), null until the gate reports it
 * @param statusDetail  operator detail of the technical condition, empty if none
 * @param updatedMillis wall-clock time of the last change
 * @param history       recent episodes, newest first
 * @param notAnalysedSinceMillis while {@code NOT_ANALYSED}: capture time up to which the room was analysed (null if
 *                      never, or while analysed)
 */
public record RoomView(String room, String state, boolean crying, String cause, Float confidence,
        Map<String, Float> causeProbabilities, Double levelDbfs, Float sensitivity, String statusDetail,
        long updatedMillis, List<EpisodeView> history, Long notAnalysedSinceMillis) {

    /**
     * One finished (or open) episode in a room's history.
     *
     * @param episodeId   the events' episode id
     * @param startMillis capture time of the start, ms since the epoch
     * @param endMillis   capture time of the end, null while open
     * @param cause       cause at the end (or so far)
     * @param peakConfidence highest window probability
     */
    public record EpisodeView(String episodeId, long startMillis, Long endMillis, String cause, float peakConfidence) {
    }
}
