package io.cryflow.inference.offline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One cry episode found in a file, as {@code ./cryflow detect} prints it.
 *
 * @param file               the file as given
 * @param startSeconds       episode start, seconds from the file's start
 * @param endSeconds         episode end
 * @param confidence         mean cry probability over the episode's cry windows
 * @param cause              most likely cause, or "uncertain"
 * @param causeProbabilities mean cause probabilities over the episode's classified windows
 */
@JsonPropertyOrder({"file", "start_s", "end_s", "confidence", "cause", "cause_probabilities"})
public record DetectedEpisode(
        @JsonProperty("file") String file,
        @JsonProperty("start_s") double startSeconds,
        @JsonProperty("end_s") double endSeconds,
        @JsonProperty("confidence") double confidence,
        @JsonProperty("cause") String cause,
        @JsonProperty("cause_probabilities") Map<String, Float> causeProbabilities) {
}
