package io.cryflow.streams;

import io.cryflow.schemas.Topics;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The dead-letter handlers' settings, read from the Streams configuration they are given.
 *
 * <ul>
 *   <li>{@value #TOPIC} — dead-letter topic (default {@link Topics#DEAD_LETTERS});</li>
 *   <li>{@value #ON_UNEXPECTED} — what to do after dead-lettering a failure that is not a
 *       {@link RejectedRecordException} (a bug rather than bad input): {@code continue} (default:
 *       one bad record must not stop a room's monitoring) or {@code fail} (stop the stream thread).</li>
 * </ul>
 * The stage written into each dead letter is the {@code application.id}.
 */
public record DeadLetterConfig(String topic, String stage, boolean continueOnUnexpected) {

    public static final String TOPIC = "cryflow.deadletter.topic";
    public static final String ON_UNEXPECTED = "cryflow.deadletter.on.unexpected";

    static DeadLetterConfig from(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC);
        Object stage = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        Object onUnexpected = configs.get(ON_UNEXPECTED);
        String policy = onUnexpected == null ? "continue" : onUnexpected.toString().trim().toLowerCase(Locale.ROOT);
        if (!policy.equals("continue") && !policy.equals("fail")) {
            throw new IllegalArgumentException(ON_UNEXPECTED + " must be 'continue' or 'fail', got '" + onUnexpected + "'");
        }
        return new DeadLetterConfig(
                topic == null ? Topics.DEAD_LETTERS : topic.toString(),
                stage == null ? "unknown" : stage.toString(),
                policy.equals("continue"));
    }

    DeadLetters deadLetters() {
        return new DeadLetters(topic, stage);
    }
}
