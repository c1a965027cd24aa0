package io.cryflow.loadtest;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.ingest.chunk.AudioChunker;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.serde.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the pipeline's outputs as a consumer downstream would (read_committed) and measures, per record,
 * how long after the end of capture of the audio it describes it became readable:
 *
 * <ul>
 *   <li>mel frames: from the capture of the last sample of the record's last frame;</li>
 *   <li>gate candidates: from the end of capture of the chunk that completed the audio the gate needed to decide
 *       (its fixed look-ahead), i.e. the chunk whose processing produced the candidate; and, for comparison, from
 *       that decision point itself, which adds the wait for the rest of its chunk (up to a chunk's duration);</li>
 *   <li>{@code CRY_UPDATED} events: from the end of the latest analysed audio they speak for.</li>
 * </ul>
 *
 * {@code CRY_STARTED} events are collected for matching against the script (onset → start = detection delay).
 */
final class OutputObserver implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Thread thread;
    private final long lastSampleOffsetMicros;
    private final long gateDelayMicros;
    private final Latencies latencies = new Latencies(new LatencyStats("mel frames"), new LatencyStats("gate candidates"),
            new LatencyStats("gate candidates, from the decision point (not in the SLO)"), new LatencyStats("cry updates"));
    private final Map<String, List<CryEvent>> starts = new HashMap<>();
    private final Map<String, Long> melRecords = new HashMap<>();
    private volatile boolean closed;
    /** Records describing audio captured before this are the warm-up: not counted in the latencies. */
    private volatile long measureFromMicros = Long.MIN_VALUE;
    /** Each room's chunks end at {@code its start + k * chunkMicros}. */
    private volatile RoomStarts roomStarts = new RoomStarts(0, Map.of());
    private volatile long chunkMicros = 1;

    /** The latency distributions the observer fills; the first two are judged against the SLO. */
    record Latencies(LatencyStats mel, LatencyStats candidates, LatencyStats candidatesFromDecision, LatencyStats updates) {
        List<LatencyStats> all() {
            return List.of(mel, candidates, candidatesFromDecision, updates);
        }
    }

    OutputObserver(String bootstrapServers, String melTopic, String candidatesTopic, String eventsTopic) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "cryflow-loadtest-observer");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = List.of(melTopic, candidatesTopic, eventsTopic);
        FeatureConfig dsp = FeatureConfig.DEFAULT;
        this.lastSampleOffsetMicros = Math.round(dsp.nFft() * 1e6 / dsp.sampleRate());
        this.gateDelayMicros = Math.round(GateConfig.DEFAULT.lookAheadSeconds() * 1e6) + lastSampleOffsetMicros;
        this.thread = new Thread(this::run, "loadtest-observer");
        thread.setDaemon(true);
    }

    /** Latencies count only records about audio captured from {@code micros} on (after the warm-up). */
    OutputObserver measureFrom(long micros) {
        this.measureFromMicros = micros;
        return this;
    }

    /** Each room streams chunks of {@code chunkMicros} from its start on (the load generator's grid). */
    OutputObserver chunkGrid(RoomStarts starts, long chunkMicros) {
        if (chunkMicros <= 0) {
            throw new IllegalArgumentException("chunk duration must be positive, got " + chunkMicros + " us");
        }
        this.roomStarts = starts;
        this.chunkMicros = chunkMicros;
        return this;
    }

    /**
     * The end of capture of the chunk, on the grid {@code gridStartMicros + k * chunkMicros}, that holds the audio at
     * {@code micros}; a chunk ending exactly there holds it.
     */
    static long chunkEndMicros(long micros, long gridStartMicros, long chunkMicros) {
        return gridStartMicros + Math.max(0, Math.floorDiv(micros - gridStartMicros + chunkMicros - 1, chunkMicros)) * chunkMicros;
    }

    Latencies latencies() {
        return latencies;
    }

    OutputObserver start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread.start();
        return this;
    }

    private void run() {
        var melDeserializer = AvroSerdes.melFrames().deserializer();
        var candidateDeserializer = AvroSerdes.cryCandidate().deserializer();
        var eventDeserializer = AvroSerdes.cryEvent().deserializer();
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    long nowMicros = AudioChunker.microsOf(Instant.now());
                    if (record.topic().equals(topics.get(0))) {
                        MelFrames frames = melDeserializer.deserialize(record.topic(), record.value());
                        long end = AudioChunker.microsOf(frames.getFirstFrameCaptureMicros())
                                + (frames.getFrameCount() - 1L) * frames.getHopMicros() + lastSampleOffsetMicros;
                        if (end >= measureFromMicros) {
                            latencies.mel().record((nowMicros - end) / 1000, (nowMicros - roomStarts.streamStartMicros()) / 1_000_000);
                        }
                        synchronized (this) {
                            melRecords.merge(frames.getRoomId(), 1L, Long::sum);
                        }
                    } else if (record.topic().equals(topics.get(1))) {
                        CryCandidate candidate = candidateDeserializer.deserialize(record.topic(), record.value());
                        long captureMicros = AudioChunker.microsOf(candidate.getCaptureMicros());
                        if (captureMicros >= measureFromMicros) {
                            long decidedMicros = captureMicros + gateDelayMicros;
                            long gridStart = roomStarts.byRoom().getOrDefault(candidate.getRoomId(), roomStarts.streamStartMicros());
                            latencies.candidates().record((nowMicros - chunkEndMicros(decidedMicros, gridStart, chunkMicros)) / 1000);
                            latencies.candidatesFromDecision().record((nowMicros - decidedMicros) / 1000);
                        }
                    } else {
                        CryEvent event = eventDeserializer.deserialize(record.topic(), record.value());
                        long eventMicros = AudioChunker.microsOf(event.getEventTimeMicros());
                        if (event.getEventType() == CryEventType.CRY_UPDATED && eventMicros >= measureFromMicros) {
                            latencies.updates().record((nowMicros - eventMicros) / 1000);
                        } else if (event.getEventType() == CryEventType.CRY_STARTED) {
                            synchronized (this) {
                                starts.computeIfAbsent(event.getRoomId(), r -> new ArrayList<>()).add(event);
                            }
                        }
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    synchronized Map<String, List<CryEvent>> startsByRoom() {
        Map<String, List<CryEvent>> copy = new HashMap<>();
        starts.forEach((room, events) -> copy.put(room, List.copyOf(events)));
        return copy;
    }

    synchronized long melRecords() {
        return melRecords.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(5000);
    }
}
