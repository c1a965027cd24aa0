package io.cryflow.dashboard;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.DeadLetter;
import io.cryflow.schemas.Float32le;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.MicrophoneStatus;
import io.cryflow.schemas.serde.AvroSerdes;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds a {@link RoomBoard} from the pipeline's topics on a thread of its own: cry events, microphone
 * status and candidates from {@code lookback} ago (so a fresh dashboard shows the recent history),
 * mel frames from now on (for the level meters). No consumer group: every dashboard sees everything.
 * Records it cannot decode are skipped and counted; the dashboard is a reader, not a judge.
 */
public final class DashboardFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DashboardFeed.class);

    /** Topic names the feed reads. */
    public record Topics(String cryEvents, String microphoneStatus, String candidates, String melFrames, String deadLetters) {
        public static Topics defaults() {
            return new Topics(io.cryflow.schemas.Topics.CRY_EVENTS, io.cryflow.schemas.Topics.MICROPHONE_STATUS,
                    io.cryflow.schemas.Topics.CRY_CANDIDATES, io.cryflow.schemas.Topics.MEL_FEATURES,
                    io.cryflow.schemas.Topics.DEAD_LETTERS);
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Topics topics;
    private final RoomBoard board;
    private final Consumer<String> roomChanged;
    private final Duration lookback;
    private final DbfsCalibration calibration = DbfsCalibration.of(FeatureConfig.DEFAULT);
    private final Deserializer<CryEvent> events = AvroSerdes.cryEvent().deserializer();
    private final Deserializer<MicrophoneStatus> statuses = AvroSerdes.microphoneStatus().deserializer();
    private final Deserializer<CryCandidate> candidates = AvroSerdes.cryCandidate().deserializer();
    private final Deserializer<MelFrames> mel = AvroSerdes.melFrames().deserializer();
    private final Deserializer<DeadLetter> deadLetters = AvroSerdes.deadLetter().deserializer();
    private final PipelineMetrics metrics;
    private final Thread thread;
    private volatile boolean closed;
    private volatile long undecodable;
    /** Records older than this were history at start: shown, but not counted in the metrics. */
    private volatile long liveSince;

    /**
     * @param consumerProperties Kafka consumer settings (at least bootstrap servers)
     * @param roomChanged        told the id of every room whose view changed
     * @param metrics            meters to update from what flows by
     */
    public DashboardFeed(Map<String, Object> consumerProperties, Topics topics, RoomBoard board,
            Consumer<String> roomChanged, Duration lookback, PipelineMetrics metrics) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "cryflow-dashboard");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.topics = Objects.requireNonNull(topics);
        this.board = board;
        this.roomChanged = roomChanged;
        this.lookback = lookback;
        this.metrics = Objects.requireNonNull(metrics);
        this.thread = new Thread(this::run, "dashboard-feed");
        thread.setDaemon(true);
    }

    public DashboardFeed start() {
        thread.start();
        return this;
    }

    /** Records skipped because they did not decode. */
    public long undecodable() {
        return undecodable;
    }

    private void run() {
        try {
            assign();
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    try {
                        String room = fold(record);
                        if (room != null) {
                            roomChanged.accept(room);
                        }
                    } catch (RuntimeException e) {
                        undecodable++;
                        log.debug("Skipping a record of {} that does not decode: {}", record.topic(), e.toString());
                    }
                }
            }
        } catch (WakeupException e) {
            if (!closed) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    private void assign() {
        List<TopicPartition> history = new ArrayList<>();
        List<TopicPartition> live = new ArrayList<>();
        for (String topic : List.of(topics.cryEvents(), topics.microphoneStatus(), topics.candidates())) {
            consumer.partitionsFor(topic).forEach(p -> history.add(new TopicPartition(topic, p.partition())));
        }
        for (String topic : List.of(topics.melFrames(), topics.deadLetters())) {
            consumer.partitionsFor(topic).forEach(p -> live.add(new TopicPartition(topic, p.partition())));
        }
        List<TopicPartition> all = new ArrayList<>(history);
        all.addAll(live);
        consumer.assign(all);
        liveSince = System.currentTimeMillis();
        long since = liveSince - lookback.toMillis();
        Map<TopicPartition, Long> query = new HashMap<>();
        history.forEach(tp -> query.put(tp, since));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
        for (TopicPartition tp : history) {
            OffsetAndTimestamp offset = offsets.get(tp);
            if (offset == null) {
                consumer.seekToEnd(List.of(tp));
            } else {
                consumer.seek(tp, offset.offset());
            }
        }
        consumer.seekToEnd(live);
    }

    /** Applies one record to the board; the room id if its view changed, else null. */
    private String fold(ConsumerRecord<String, byte[]> record) {
        String topic = record.topic();
        if (topic.equals(topics.cryEvents())) {
            CryEvent event = events.deserialize(topic, record.value());
            if (record.timestamp() >= liveSince) {
                metrics.cryEvent(event);
            }
            return board.apply(event) ? event.getRoomId() : null;
        }
        if (topic.equals(topics.microphoneStatus())) {
            MicrophoneStatus status = statuses.deserialize(topic, record.value());
            if (record.timestamp() >= liveSince) {
                metrics.microphoneStatus(status);
            }
            return board.apply(status) ? status.getRoomId() : null;
        }
        if (topic.equals(topics.candidates())) {
            CryCandidate candidate = candidates.deserialize(topic, record.value());
            return board.apply(candidate) ? candidate.getRoomId() : null;
        }
        if (topic.equals(topics.deadLetters())) {
            metrics.deadLetter(deadLetters.deserialize(topic, record.value()));
            return null;
        }
        MelFrames frames = mel.deserialize(topic, record.value());
        metrics.melFrames(frames, System.currentTimeMillis());
        return board.level(frames.getRoomId(), frames.getMicrophoneId(), levelDbfs(frames)) ? frames.getRoomId() : null;
    }

    /** Mean frame energy of the record (sum of linear mel power per frame) in dBFS. */
    double levelDbfs(MelFrames frames) {
        ByteBuffer logMel = frames.getLogMel();
        float[] values = Float32le.toFloats(logMel);
        int bands = frames.getMelBands();
        int count = frames.getFrameCount();
        if (count == 0 || bands == 0) {
            return DbfsCalibration.SILENCE_DBFS;
        }
        double energy = 0;
        for (float value : values) {
            energy += Math.pow(10.0, value / 10.0);
        }
        return calibration.toDbfs(energy / count);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        consumer.wakeup();
        thread.join(5000);
    }
}
