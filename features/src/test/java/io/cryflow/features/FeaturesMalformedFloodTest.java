package io.cryflow.features;

import static io.cryflow.features.FeaturesDriver.chunk;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.schemas.AudioChunk;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MelFramesFlag;
import io.cryflow.schemas.SampleEncoding;
import io.cryflow.schemas.serde.AvroSerdes;
import io.cryflow.streams.DeadLetterConfig;
import io.cryflow.testkit.KafkaFixture;
import io.cryflow.testkit.KafkaIntegrationTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 10 000 malformed records of eight kinds (random bytes, truncated Avro, an unknown schema, wrong sample
 * rate, NaN samples, a torn sample, a key naming another room, stereo) plus a few near-1 MB payloads,
 * interleaved with four rooms' good audio, on a real broker: every bad record lands in the dead-letter
 * topic exactly once with its kind's reason, every good chunk becomes exactly the frames the extractor
 * makes of it directly, and the app keeps running.
 */
@KafkaIntegrationTest
class FeaturesMalformedFloodTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int MALFORMED = 10_000;
    private static final int GIANT = 4;
    private static final int GIANT_BYTES = 900 * 1024;
    private static final List<String> ROOMS = List.of("room-a", "room-b", "room-c", "room-d");

    private enum Kind {
        RANDOM_BYTES(Set.of("NOT_SINGLE_OBJECT_ENCODED")),
        TRUNCATED_AVRO(Set.of("TRUNCATED", "CORRUPT")),
        UNKNOWN_SCHEMA(Set.of("UNKNOWN_SCHEMA_FINGERPRINT")),
        WRONG_SAMPLE_RATE(Set.of(Rejections.WRONG_SAMPLE_RATE)),
        NAN_SAMPLES(Set.of(Rejections.NON_FINITE_SAMPLES)),
        TORN_SAMPLE(Set.of(Rejections.TRUNCATED_AUDIO)),
        KEY_MISMATCH(Set.of(Rejections.KEY_MISMATCH)),
        STEREO(Set.of(Rejections.UNSUPPORTED_CHANNELS));

        final Set<String> reasons;

        Kind(Set<String> reasons) {
            this.reasons = reasons;
        }
    }

    @Test
    void everyMalformedRecordIsDeadLetteredAndEveryGoodChunkProcessed(KafkaFixture kafka, @TempDir Path stateDir)
            throws Exception {
        Map<String, short[]> audio = new TreeMap<>();
        List<ProducerRecord<String, byte[]>> good = new ArrayList<>();
        var serializer = AvroSerdes.audioChunk().serializer();
        String input = kafka.createTopic("audio", 2);
        for (int r = 0; r < ROOMS.size(); r++) {
            String room = ROOMS.get(r);
            short[] samples = TestAudio.roomWithBurst(30, 8 + r, 14 + r, r);
            audio.put(room, samples);
            for (AudioChunk chunk : chunk(room, "mic-1", samples, 8000)) {
                good.add(new ProducerRecord<>(input, room, serializer.serialize(input, chunk)));
            }
        }

        Random random = new Random(20261201L);
        byte[] template = good.get(0).value();
        Map<ByteBuffer, List<Kind>> kindsOfValue = new HashMap<>(); // identical values may come from short cuts
        List<ProducerRecord<String, byte[]>> bad = new ArrayList<>();
        for (int i = 0; i < MALFORMED + GIANT; i++) {
            String room = ROOMS.get(random.nextInt(ROOMS.size()));
            Kind kind = i < MALFORMED ? Kind.values()[i % Kind.values().length]
                    : (i % 2 == 0 ? Kind.RANDOM_BYTES : Kind.TRUNCATED_AVRO);
            int size = i < MALFORMED ? 0 : GIANT_BYTES;
            ProducerRecord<String, byte[]> record = malformed(kind, i, room, input, template, size, random);
            kindsOfValue.computeIfAbsent(ByteBuffer.wrap(record.value()), v -> new ArrayList<>()).add(kind);
            bad.add(record);
        }

        // Interleave: the good chunks keep their order, the bad ones fall between them at random.
        List<ProducerRecord<String, byte[]>> all = new ArrayList<>(bad);
        Collections.shuffle(all, random);
        int stride = all.size() / good.size();
        for (int g = good.size() - 1; g >= 0; g--) {
            all.add(Math.min(all.size(), g * stride), good.get(g));
        }

        String mel = kafka.createTopic("mel", 2);
        String deadLetters = kafka.createTopic("deadletter", 1);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, kafka.uniqueGroupId("features-flood"));
        props.put(FeaturesConfig.INPUT_TOPIC, input);
        props.put(FeaturesConfig.MEL_TOPIC, mel);
        props.put(FeaturesConfig.CANDIDATES_TOPIC, kafka.createTopic("candidates", 2));
        props.put(FeaturesConfig.STATUS_TOPIC, kafka.createTopic("status", 2));
        props.put(DeadLetterConfig.TOPIC, deadLetters);
        // A dead letter carries the whole failed value, so the near-1 MB payloads need room to be forwarded.
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), 2 * 1024 * 1024);

        FeaturesApp app = new FeaturesApp();
        try {
            app.start(kafka.bootstrapServers(), stateDir.toString(), props);
            assertTrue(app.awaitRunning(WAIT), "features app running");
            produceAll(kafka, all);

            List<ConsumerRecord<byte[], DeadLetter>> letters = kafka.consume(deadLetters, bad.size(), WAIT,
                    new ByteArrayDeserializer(), AvroSerdes.deadLetter().deserializer());
            Map<Kind, Integer> lettersByKind = new TreeMap<>();
            for (ConsumerRecord<byte[], DeadLetter> letter : letters) {
                List<Kind> kinds = kindsOfValue.get(letter.value().getValue());
                assertTrue(kinds != null && !kinds.isEmpty(), "a dead letter for a value that was not sent, or sent once and lettered twice");
                Kind kind = kinds.remove(kinds.size() - 1);
                if (kinds.isEmpty()) {
                    kindsOfValue.remove(letter.value().getValue());
                }
                assertTrue(kind.reasons.contains(letter.value().getReasonCode()),
                        kind + " dead-lettered as " + letter.value().getReasonCode() + ": " + letter.value().getMessage());
                lettersByKind.merge(kind, 1, Integer::sum);
            }
            assertTrue(kindsOfValue.isEmpty(), kindsOfValue.size() + " malformed values never reached the dead-letter topic");

            List<ConsumerRecord<String, MelFrames>> frames = kafka.consume(mel, good.size(), WAIT,
                    new StringDeserializer(), AvroSerdes.melFrames().deserializer());
            for (String room : ROOMS) {
                List<MelFrames> roomFrames = frames.stream().filter(f -> f.key().equals(room)).map(ConsumerRecord::value).toList();
                assertEquals(60, roomFrames.size(), room + ": one MelFrames per good chunk");
                assertTrue(roomFrames.stream().skip(1).allMatch(f -> f.getFlags().isEmpty()),
                        room + ": no discontinuity: malformed records never broke a good stream");
                assertEquals(List.of(MelFramesFlag.STREAM_START), roomFrames.get(0).getFlags());
                assertArrayEquals(FeaturesTopologyTest.directFrames(audio.get(room)),
                        FeaturesTopologyTest.concatenated(roomFrames), room + ": frames equal to the direct extractor's");
            }
            assertEquals(KafkaStreams.State.RUNNING, app.state());
            System.out.printf("malformed flood: %d dead letters by kind %s; %d good chunks -> %d MelFrames%n",
                    letters.size(), lettersByKind, good.size(), frames.size());
        } finally {
            app.stop();
        }
    }

    private static ProducerRecord<String, byte[]> malformed(Kind kind, int i, String room, String topic, byte[] template,
            int giantSize, Random random) {
        var serializer = AvroSerdes.audioChunk().serializer();
        String badMic = "bad-" + i; // a microphone of its own: a rejected chunk must not disturb good streams
        return switch (kind) {
            case RANDOM_BYTES -> {
                byte[] bytes = new byte[giantSize > 0 ? giantSize : 16 + random.nextInt(2000)];
                random.nextBytes(bytes);
                bytes[0] = (byte) (bytes[0] == (byte) 0xC3 ? 0x00 : bytes[0]);
                yield new ProducerRecord<>(topic, room, bytes);
            }
            case TRUNCATED_AVRO -> {
                byte[] whole = giantSize > 0
                        ? serializer.serialize(topic, pcm16(room, badMic, i, new byte[giantSize]))
                        : serializer.serialize(topic, pcm16(room, badMic, i, new byte[2 * (100 + random.nextInt(4000))]));
                yield new ProducerRecord<>(topic, room, Arrays.copyOf(whole, 10 + random.nextInt(whole.length - 11)));
            }
            case UNKNOWN_SCHEMA -> {
                byte[] bytes = template.clone();
                ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(random.nextLong());
                ByteBuffer.wrap(bytes, bytes.length - 8, 8).putLong(i); // distinct bodies
                yield new ProducerRecord<>(topic, room, bytes);
            }
            case WRONG_SAMPLE_RATE -> {
                AudioChunk chunk = pcm16(room, badMic, i, new byte[1600]);
                chunk.setSampleRate(44_100);
                yield new ProducerRecord<>(topic, room, serializer.serialize(topic, chunk));
            }
            case NAN_SAMPLES -> {
                ByteBuffer samples = ByteBuffer.allocate(4 * 400).order(ByteOrder.LITTLE_ENDIAN);
                for (int s = 0; s < 400; s++) {
                    samples.putFloat(s == i % 400 ? Float.NaN : 0.01f);
                }
                AudioChunk chunk = pcm16(room, badMic, i, samples.array());
                chunk.setEncoding(SampleEncoding.PCM_F32LE);
                yield new ProducerRecord<>(topic, room, serializer.serialize(topic, chunk));
            }
            case TORN_SAMPLE -> new ProducerRecord<>(topic, room, serializer.serialize(topic, pcm16(room, badMic, i, new byte[1601])));
            case KEY_MISMATCH -> new ProducerRecord<>(topic, room + "-elsewhere",
                    serializer.serialize(topic, pcm16(room, badMic, i, new byte[1600])));
            case STEREO -> {
                AudioChunk chunk = pcm16(room, badMic, i, new byte[3200]);
                chunk.setChannels(2);
                yield new ProducerRecord<>(topic, room, serializer.serialize(topic, chunk));
            }
        };
    }

    private static AudioChunk pcm16(String room, String microphone, long sequence, byte[] samples) {
        AudioChunk chunk = chunk(room, microphone, sequence, 0, new short[0]);
        chunk.setSamples(ByteBuffer.wrap(samples));
        return chunk;
    }

    private static void produceAll(KafkaFixture kafka, List<ProducerRecord<String, byte[]>> records) throws Exception {
        Map<String, Object> config = new HashMap<>(kafka.producerProperties());
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, byte[]> record : records) {
                sent.add(producer.send(record));
            }
            for (java.util.concurrent.Future<?> future : sent) {
                future.get();
            }
        }
    }
}
