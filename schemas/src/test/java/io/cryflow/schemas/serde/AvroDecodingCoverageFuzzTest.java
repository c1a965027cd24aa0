package io.cryflow.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Coverage-guided fuzzing of every topic's decoder with Jazzer: the same contract as {@link AvroDecodingFuzzTest}
 * (a record or a {@link RecordDecodingException} with a message; any other throwable, an out-of-memory from a length
 * it trusted included, is a finding), with payloads that Jazzer evolves towards new branches of the serde and of
 * Avro's decoder. The first byte picks the topic's decoder (an index into {@link AvroDecodingFuzzTest#targets()},
 * which the committed inputs' first bytes follow), the rest is the payload.
 * {@code mvn verify} fuzzes it for the {@code maxDuration} below in a surefire execution of its own
 * ({@code JAZZER_FUZZ=1}; Jazzer fuzzes one test per JVM), starting from the committed inputs
 * ({@code AvroDecodingCoverageFuzzTestInputs}: a valid payload of each record type);
 * a finding fails the build and is written there as {@code crash-<sha1>}. Run without {@code JAZZER_FUZZ}, e.g.
 * from an IDE, it only replays those inputs.
 */
class AvroDecodingCoverageFuzzTest {

    private static final List<AvroDecodingFuzzTest.Target> TARGETS = AvroDecodingFuzzTest.targets();

    @FuzzTest(maxDuration = "30s")
    void anyPayloadDecodesOrFailsWithTheTypedException(byte[] input) {
        if (input.length == 0) {
            return;
        }
        AvroSerde<? extends SpecificRecord> serde = TARGETS.get(Byte.toUnsignedInt(input[0]) % TARGETS.size()).serde();
        byte[] payload = Arrays.copyOfRange(input, 1, input.length);
        try {
            serde.deserializer().deserialize("fuzz", payload);
        } catch (RecordDecodingException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a decoding failure without a reason");
        }
    }
}
