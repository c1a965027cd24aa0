package io.cryflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.cryflow.schemas.SampleRecords;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.fuzz.ByteMutator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of every topic's decoder: valid payloads are bit-flipped, overwritten,
 * cut, extended, spliced and given extreme varints. A decoder may return a record or throw
 * {@link RecordDecodingException}; anything else (another exception, an out-of-memory from a
 * length it trusted, a hang) is a bug that would crash a stream thread instead of dead-lettering.
 *
 * <p>Runs {@value #DEFAULT_ITERATIONS} mutations per record type by default (a second or two);
 * {@code -Dcryflow.fuzz.iterations=N} runs longer, {@code -Dcryflow.fuzz.seed=S} replays a failure.
 */
class AvroDecodingFuzzTest {

    private static final int DEFAULT_ITERATIONS = 20_000;

    /** A topic's decoder and a valid payload of its record type. */
    record Target(String name, AvroSerde<? extends SpecificRecord> serde, byte[] valid) {
    }

    @Test
    void mutatedPayloadsDecodeOrFailWithTheTypedException() {
        long seed = Long.getLong("cryflow.fuzz.seed", 0x5EEDL);
        int iterations = Integer.getInteger("cryflow.fuzz.iterations", DEFAULT_ITERATIONS);
        List<Target> targets = targets();
        Random random = new Random(seed);
        Map<RecordDecodingException.Reason, Integer> reasons = new EnumMap<>(RecordDecodingException.Reason.class);
        int decoded = 0;
        for (Target target : targets) {
            for (int i = 0; i < iterations; i++) {
                byte[] payload = ByteMutator.mutate(target.valid(), random, targets.get(random.nextInt(targets.size())).valid());
                try {
                    target.serde().deserializer().deserialize("fuzz", payload);
                    decoded++;
                } catch (RecordDecodingException e) {
                    reasons.merge(e.reason(), 1, Integer::sum);
                    assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                } catch (Throwable t) {
                    fail(target.name() + " decoder threw " + t + " (seed " + seed + ", iteration " + i
                            + ") on " + ByteMutator.hex(payload), t);
                }
            }
        }
        // The mutator must reach deep into the body, not stop at the header every time.
        assertTrue(reasons.getOrDefault(RecordDecodingException.Reason.CORRUPT, 0)
                + reasons.getOrDefault(RecordDecodingException.Reason.TRUNCATED, 0) > iterations / 10,
                "too few body-level failures: " + reasons);
        assertTrue(decoded > 0, "no mutation decoded at all: " + reasons);
    }

    /** Every topic's decoder, in a fixed order ({@link AvroDecodingCoverageFuzzTest}'s inputs index it). */
    static List<Target> targets() {
        List<Target> targets = new ArrayList<>();
        add(targets, "AudioChunk", AvroSerdes.audioChunk(), SampleRecords.audioChunk());
        add(targets, "MelFrames", AvroSerdes.melFrames(), SampleRecords.melFrames());
        add(targets, "CryCandidate", AvroSerdes.cryCandidate(), SampleRecords.cryCandidate());
        add(targets, "CryEvent", AvroSerdes.cryEvent(), SampleRecords.cryEvent());
        add(targets, "MicrophoneStatus", AvroSerdes.microphoneStatus(), SampleRecords.microphoneStatus());
        add(targets, "DeadLetter", AvroSerdes.deadLetter(), SampleRecords.deadLetter());
        return targets;
    }

    private static <T extends SpecificRecord> void add(List<Target> targets, String name, AvroSerde<T> serde, T sample) {
        targets.add(new Target(name, serde, serde.serializer().serialize(Topics.AUDIO_CHUNKS, sample)));
    }
}
