package io.cryflow.cli;

import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import io.cryflow.schemas.Topics;
import io.cryflow.schemas.serde.AvroSerdes;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Prints a line per cry event and microphone status change as they are published (from now on). */
final class EventConsole implements AutoCloseable {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneId.systemDefault());

    private final KafkaConsumer<String, byte[]> consumer;
    private final PrintWriter out;
    private final Thread thread;
    private volatile boolean closed;

    EventConsole(String bootstrapServers, PrintWriter out) {
        Map<String, Object> properties = new HashMap<>();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "cryflow-console");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.out = out;
        this.thread = new Thread(this::run, "cryflow-console");
        thread.setDaemon(true);
    }

    EventConsole start() {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.CRY_EVENTS, Topics.MICROPHONE_STATUS)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // pin "now" before anything is published
        thread.start();
        return this;
    }

    private void run() {
        var events = AvroSerdes.cryEvent().deserializer();
        var statuses = AvroSerdes.microphoneStatus().deserializer();
        try {
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String line = record.topic().equals(Topics.CRY_EVENTS)
                            ? describe(events.deserialize(record.topic(), record.value()))
                            : describe(statuses.deserialize(record.topic(), record.value()));
                    if (line != null) {
                        out.println(line);
                        out.flush();
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close();
        }
    }

    static String describe(CryEvent e) {
        String what = switch (e.getEventType()) {
            case CRY_STARTED -> "cry started";
            case CRY_UPDATED -> "cry continues";
            case CRY_ENDED -> String.format(Locale.ROOT, "cry ended after %.0f s", e.getDurationMillis() / 1000.0);
        };
        String causes = e.getCauseProbabilities().entrySet().stream()
                .sorted(Map.Entry.<String, Float>comparingByValue().reversed()).limit(3)
                .map(c -> String.format(Locale.ROOT, "%s %.0f%%", c.getKey(), c.getValue() * 100))
                .collect(Collectors.joining(", "));
        return String.format(Locale.ROOT, "%s  %-10s %-22s cause %-10s confidence %3.0f%% (peak %3.0f%%)  %s  [delay %.1f s]",
                TIME.format(e.getEventTimeMicros()), e.getRoomId(), what, e.getCause().name().toLowerCase(Locale.ROOT),
                e.getConfidence() * 100, e.getPeakConfidence() * 100, causes.isEmpty() ? "" : "(" + causes + ")",
                e.getDetectionDelayMillis() / 1000.0);
    }

    /** The status change as a line, or null for a periodic ANALYSIS_PROGRESS report (no change to tell). */
    static String describe(MicrophoneStatus s) {
        if (s.getStatus() == MicrophoneState.ANALYSIS_PROGRESS) {
            return null;
        }
        return String.format(Locale.ROOT, "%s  %-10s microphone %s %s%s", TIME.format(s.getSinceMicros()), s.getRoomId(),
                s.getMicrophoneId(), s.getStatus().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                s.getDetail().isEmpty() ? "" : " (" + s.getDetail() + ")");
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(5000);
    }
}
