package io.cryflow.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Cryflow topic, in pipeline order, with its default creation settings.
 *
 * <p>Every topic is keyed by room id (a UTF-8 string, {@link #keySerde()}), so one room's records
 * stay in order on one partition and the room-keyed topics are co-partitioned for joins: they
 * share {@link #DEFAULT_PARTITIONS}. The dead-letter topic keeps the failed record's key bytes,
 * which are that room id too.
 *
 * <p>Retention is a privacy decision as much as a capacity one: raw audio and the mel features
 * made from it live one hour, because Cryflow keeps detections, not recordings. Each topic's
 * {@code segment.ms} is well below its retention, because the broker only deletes closed segments.
 */
public final class Topics {

    static {
        AvroClassTrust.install();
    }

    /** Partitions of the room-keyed topics; equal on all of them so stream joins need no repartitioning. */
    public static final int DEFAULT_PARTITIONS = 6;

    public static final String AUDIO_CHUNKS = "cryflow.audio.chunks";
    public static final String MEL_FEATURES = "cryflow.features.mel";
    public static final String CRY_CANDIDATES = "cryflow.features.candidates";
    public static final String CRY_EVENTS = "cryflow.events.cry";
    public static final String MICROPHONE_STATUS = "cryflow.status.microphones";
    public static final String DEAD_LETTERS = "cryflow.deadletter";

    /** Raw audio: 1 hour, closed in 10-minute segments. */
    public static final TopicSpec AUDIO_CHUNKS_SPEC =
            spec(AUDIO_CHUNKS, AudioChunk.class, DEFAULT_PARTITIONS, Duration.ofHours(1), Duration.ofMinutes(10));
    /** Log-mel frames still carry speech content, so they live as briefly as the audio. */
    public static final TopicSpec MEL_FEATURES_SPEC =
            spec(MEL_FEATURES, MelFrames.class, DEFAULT_PARTITIONS, Duration.ofHours(1), Duration.ofMinutes(10));
    /** Gate transitions carry no audio; a day is enough to tune the gate against the events. */
    public static final TopicSpec CRY_CANDIDATES_SPEC =
            spec(CRY_CANDIDATES, CryCandidate.class, DEFAULT_PARTITIONS, Duration.ofDays(1), Duration.ofHours(1));
    /** Detections are what Cryflow keeps: 30 days. */
    public static final TopicSpec CRY_EVENTS_SPEC =
            spec(CRY_EVENTS, CryEvent.class, DEFAULT_PARTITIONS, Duration.ofDays(30), Duration.ofDays(1));
    /** Microphone health history for operators: 7 days. */
    public static final TopicSpec MICROPHONE_STATUS_SPEC =
            spec(MICROPHONE_STATUS, MicrophoneStatus.class, DEFAULT_PARTITIONS, Duration.ofDays(7), Duration.ofDays(1));
    /**
     * Dead letters wait 7 days for an operator; one partition, as they are few and read as one list.
     * They keep the failed value bytes, so dead-lettered audio outlives the audio topic's hour.
     */
    public static final TopicSpec DEAD_LETTERS_SPEC =
            spec(DEAD_LETTERS, DeadLetter.class, 1, Duration.ofDays(7), Duration.ofDays(1));

    private static final List<TopicSpec> ALL = List.of(
            AUDIO_CHUNKS_SPEC, MEL_FEATURES_SPEC, CRY_CANDIDATES_SPEC, CRY_EVENTS_SPEC, MICROPHONE_STATUS_SPEC, DEAD_LETTERS_SPEC);

    private Topics() {}

    /** Every topic, in pipeline order. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    /** The serde of every topic's key: the room id as a UTF-8 string. */
    public static Serde<String> keySerde() {
        return Serdes.String();
    }

    private static TopicSpec spec(String name, Class<? extends SpecificRecord> valueType, int partitions,
            Duration retention, Duration segment) {
        return new TopicSpec(name, valueType, partitions, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()),
                TopicConfig.SEGMENT_MS_CONFIG, Long.toString(segment.toMillis())));
    }
}
