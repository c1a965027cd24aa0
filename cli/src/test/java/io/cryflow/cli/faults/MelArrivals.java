package io.cryflow.cli.faults;

import static io.cryflow.cli.faults.FaultAudio.CHUNKS_PER_ROOM;
import static io.cryflow.cli.faults.FaultAudio.TOTAL_CHUNKS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads every committed MelFrames record of a topic (read_committed, from the beginning, all
 * partitions assigned) on its own thread, per room, with its wall-clock arrival time.
 */
final class MelArrivals implements AutoCloseable {

    private final Map<String, List<MelFrames>> frames = new TreeMap<>();
    private final Map<String, List<Long>> arrivals = new TreeMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private int count;

    MelArrivals(Map<String, Object> consumerProperties, String topic) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, MelFrames> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                AvroSerdes.melFrames().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(() -> {
            try (consumer) {
                while (!closed) {
                    try {
                        for (var record : consumer.poll(Duration.ofMillis(50))) {
                            add(record.key(), record.value());
                        }
                    } catch (org.apache.kafka.common.errors.RetriableException e) {
                        // the broker is away (a fault under test); keep polling
                    }
                }
            }
        }, "mel-reader");
        thread.start();
    }

    private synchronized void add(String room, MelFrames value) {
        frames.computeIfAbsent(room, k -> new ArrayList<>()).add(value);
        arrivals.computeIfAbsent(room, k -> new ArrayList<>()).add(System.nanoTime());
        count++;
        notifyAll();
    }

    synchronized void awaitCount(int wanted, Duration timeout) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (count < wanted && System.currentTimeMillis() < deadline) {
            wait(200);
        }
        if (count < wanted) {
            throw new AssertionError("only " + count + " of " + wanted + " MelFrames records within " + timeout);
        }
    }

    /** One record per chunk, none lost or twice, and the frames one uninterrupted extractor makes. */
    synchronized void assertExactlyTheDirectFrames(Map<String, short[]> audio) {
        assertEquals(TOTAL_CHUNKS, count, "one MelFrames record per chunk: none lost, none twice");
        for (var room : audio.entrySet()) {
            List<MelFrames> roomFrames = frames.get(room.getKey());
            assertEquals(CHUNKS_PER_ROOM, roomFrames.size(), room.getKey());
            for (int i = 1; i < roomFrames.size(); i++) {
                assertEquals(List.of(), roomFrames.get(i).getFlags(), room.getKey() + " record " + i + " flags");
            }
            assertArrayEquals(FaultAudio.directFrames(room.getValue()), FaultAudio.concatenated(roomFrames),
                    room.getKey() + ": frames as one uninterrupted extractor makes them");
        }
    }

    /** Seconds from {@code nanos} to the first record that arrived after it. */
    synchronized double firstAfterSeconds(long nanos) {
        long first = arrivals.values().stream().flatMap(List::stream).filter(t -> t > nanos).min(Long::compare).orElseThrow();
        return (first - nanos) / 1e9;
    }

    /** The longest wait between consecutive records of one room. */
    synchronized double longestGapSeconds() {
        long longest = 0;
        for (List<Long> times : arrivals.values()) {
            for (int i = 1; i < times.size(); i++) {
                longest = Math.max(longest, times.get(i) - times.get(i - 1));
            }
        }
        return longest / 1e9;
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        thread.join();
    }
}
