package io.cryflow.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.internals.Topic;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void everyContractHasExactlyOneTopic() {
        List<TopicSpec> all = Topics.all();
        assertEquals(6, all.size());
        assertEquals(all.size(), all.stream().map(TopicSpec::name).collect(Collectors.toSet()).size());
        assertEquals(Set.of(AudioChunk.class, MelFrames.class, CryCandidate.class, CryEvent.class, MicrophoneStatus.class, DeadLetter.class),
                all.stream().map(TopicSpec::valueType).collect(Collectors.toSet()));
        all.forEach(spec -> Topic.validate(spec.name())); // legal Kafka topic names
    }

    @Test
    void rawAudioAndFeaturesAreShortLivedAndDetectionsKept() {
        assertEquals(Duration.ofHours(1), retention(Topics.AUDIO_CHUNKS_SPEC));
        assertEquals(Duration.ofHours(1), retention(Topics.MEL_FEATURES_SPEC));
        assertEquals(Duration.ofDays(30), retention(Topics.CRY_EVENTS_SPEC));
        assertEquals(Duration.ofDays(7), retention(Topics.DEAD_LETTERS_SPEC));
    }

    @Test
    void segmentsRollWellBeforeRetentionSoDeletionIsTimely() {
        for (TopicSpec spec : Topics.all()) {
            long segment = Long.parseLong(spec.configs().get(TopicConfig.SEGMENT_MS_CONFIG));
            assertTrue(segment * 6 <= retention(spec).toMillis(), spec.name());
            assertEquals(TopicConfig.CLEANUP_POLICY_DELETE, spec.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG), spec.name());
        }
    }

    @Test
    void roomKeyedStreamsAreCoPartitioned() {
        Set<Integer> counts = new HashSet<>();
        for (TopicSpec spec : List.of(Topics.AUDIO_CHUNKS_SPEC, Topics.MEL_FEATURES_SPEC, Topics.CRY_CANDIDATES_SPEC,
                Topics.CRY_EVENTS_SPEC, Topics.MICROPHONE_STATUS_SPEC)) {
            counts.add(spec.partitions());
        }
        assertEquals(Set.of(Topics.DEFAULT_PARTITIONS), counts);
    }

    @Test
    void specsBecomeAdminRequests() {
        NewTopic request = Topics.CRY_EVENTS_SPEC.newTopic((short) 3);
        assertEquals(Topics.CRY_EVENTS, request.name());
        assertEquals(Topics.DEFAULT_PARTITIONS, request.numPartitions());
        assertEquals(3, request.replicationFactor());
        assertEquals(Topics.CRY_EVENTS_SPEC.configs(), request.configs());

        NewTopic brokerDefault = Topics.AUDIO_CHUNKS_SPEC.withPartitions(1).newTopic();
        assertEquals(1, brokerDefault.numPartitions());
        assertEquals(-1, brokerDefault.replicationFactor(), "-1 asks the broker for its default");
    }

    @Test
    void durabilityBecomesTheReplicationFactorAndMinInsyncReplicas() {
        NewTopic production = Topics.AUDIO_CHUNKS_SPEC.newTopic(TopicDurability.PRODUCTION);
        assertEquals(3, production.replicationFactor());
        assertEquals("2", production.configs().get("min.insync.replicas"));
        assertEquals(Topics.AUDIO_CHUNKS_SPEC.configs().get("retention.ms"), production.configs().get("retention.ms"),
                "the topic's own settings stay");
        NewTopic dev = Topics.CRY_EVENTS_SPEC.newTopic(TopicDurability.SINGLE_BROKER);
        assertEquals(1, dev.replicationFactor());
        assertEquals("1", dev.configs().get("min.insync.replicas"));

        assertThrows(IllegalArgumentException.class, () -> new TopicDurability((short) 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new TopicDurability((short) 2, 3), "more in sync than copies");
        assertThrows(IllegalArgumentException.class, () -> new TopicDurability((short) 3, 0));
    }

    @Test
    void specsAreImmutableAndValidated() {
        assertThrows(UnsupportedOperationException.class, () -> Topics.AUDIO_CHUNKS_SPEC.configs().put("x", "y"));
        assertThrows(IllegalArgumentException.class, () -> Topics.AUDIO_CHUNKS_SPEC.withPartitions(0));
        assertThrows(NullPointerException.class, () -> new TopicSpec(null, AudioChunk.class, 1, Map.of()));
    }

    @Test
    void keysAreUtf8RoomIds() {
        byte[] key = Topics.keySerde().serializer().serialize(Topics.AUDIO_CHUNKS, "chambre-été");
        assertEquals("chambre-été", new String(key, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Duration retention(TopicSpec spec) {
        return Duration.ofMillis(Long.parseLong(spec.configs().get(TopicConfig.RETENTION_MS_CONFIG)));
    }
}
