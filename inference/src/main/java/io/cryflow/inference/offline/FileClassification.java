package io.cryflow.inference.offline;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A whole file's verdict, as {@code ./cryflow classify} prints it.
 *
 * @param file               the file as given
 * @param cryProbability     the highest window cry probability: how likely the file holds a cry
 * @param cry                the shipped decision: {@code cryProbability} at or above the detector's own threshold
 *                           (its {@code cryflow.threshold} metadata), so nobody has to pick one
 * @param cause              most likely cause, or "uncertain" (also whenever the file is not judged a cry)
 * @param causeProbabilities mean cause probabilities over the file's cry windows (over all windows if none is)
 */
@JsonPropertyOrder({"file", "cry_probability", "cry", "cause", "cause_probabilities"})
public record FileClassification(
        @JsonProperty("file") String file,
        @JsonProperty("cry_probability") double cryProbability,
        @JsonProperty("cry") boolean cry,
        @JsonProperty("cause") String cause,
        @JsonProperty("cause_probabilities") Map<String, Float> causeProbabilities) {
}
