package io.cryflow.cli.faults;

import io.cryflow.features.FeaturesConfig;
import io.cryflow.streams.DeadLetterConfig;
import java.util.Map;
import java.util.function.BiFunction;

/** A fresh set of the features stage's topics, and the config-file settings that point a stage at them. */
record FeaturesTopics(String audio, String mel, String candidates, String status, String deadLetters) {

    /** @param create makes a topic from a base name and a partition count, returning its name */
    static FeaturesTopics create(BiFunction<String, Integer, String> create, int partitions) {
        return new FeaturesTopics(create.apply("audio", partitions), create.apply("mel", partitions),
                create.apply("candidates", partitions), create.apply("status", partitions), create.apply("deadletter", 1));
    }

    Map<String, String> settings(String applicationId) {
        return Map.of(
                FeaturesConfig.INPUT_TOPIC, audio, FeaturesConfig.MEL_TOPIC, mel,
                FeaturesConfig.CANDIDATES_TOPIC, candidates, FeaturesConfig.STATUS_TOPIC, status,
                DeadLetterConfig.TOPIC, deadLetters, "kafka.application.id", applicationId);
    }
}
