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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
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
 *
 * <p>The thread outlives any failure but {@link #close()}: an unexpected exception is logged, the consumer closed,
 * and after a back-off (1 s, doubling to 30 s) a new one reads again from {@code lookback} ago. {@link #health()}
 * says whether it is consuming, so a dashboard whose page still says "live" cannot hide a dead feed. Every second it
 * also lets the board re-judge which rooms are analysed ({@link RoomBoard#checkAnalysis()}).
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

    /** A feed whose last successful poll is older than this is not consuming (polls return every 200 ms). */
    static final Duration STALE_AFTER = Duration.ofSeconds(10);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long ANALYSIS_CHECK_MILLIS = 1_000;

    private final Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> consumers;
    private volatile org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
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
    private volatile long lastPollMillis = -1;
    private volatile long restarts;
    private volatile String lastFailure;
    private volatile long lastFailureMillis = -1;

    /**
     * @param consumerProperties Kafka consumer settings (at least bootstrap servers)
     * @param roomChanged        told the id of every room whose view changed
     * @param metrics            meters to update from what flows by
     */
    public DashboardFeed(Map<String, Object> consumerProperties, Topics topics, RoomBoard board,
            Consumer<String> roomChanged, Duration lookback, PipelineMetrics metrics) {
        this(kafkaConsumers(consumerProperties), topics, board, roomChanged, lookback, metrics);
    }

    /** @param consumers makes a fresh consumer for every (re)start of the feed */
    DashboardFeed(Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> consumers, Topics topics,
            RoomBoard board, Consumer<String> roomChanged, Duration lookback, PipelineMetrics metrics) {
        this.consumers = consumers;
        this.topics = Objects.requireNonNull(topics);
        this.board = board;
        this.roomChanged = roomChanged;
        this.lookback = lookback;
        this.metrics = Objects.requireNonNull(metrics);
        this.thread = new Thread(this::run, "dashboard-feed");
        thread.setDaemon(true);
    }

    private static Supplier<org.apache.kafka.clients.consumer.Consumer<String, byte[]>> kafkaConsumers(
            Map<String, Object> consumerProperties) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "cryflow-dashboard");
        return () -> new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public DashboardFeed start() {
        thread.start();
        return this;
    }

    /** Records skipped because they did not decode. */
    public long undecodable() {
        return undecodable;
    }

    /**
     * {@code status} UP while the feed thread runs and has polled within {@link #STALE_AFTER} with no failure
     * since, else DOWN; with the details an operator needs.
     */
    public Map<String, Object> health() {
        long now = System.currentTimeMillis();
        long polled = lastPollMillis;
        boolean alive = thread.isAlive();
        boolean consuming = alive && polled >= 0 && now - polled < STALE_AFTER.toMillis() && lastFailureMillis < polled;
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("status", consuming ? "UP" : "DOWN");
        report.put("feed", !alive ? "stopped" : consuming ? "consuming" : lastFailureMillis >= 0 ? "restarting" : "not consuming yet");
        report.put("lastPollAgoMillis", polled < 0 ? null : now - polled);
        report.put("restarts", restarts);
        if (lastFailure != null) {
            report.put("lastFailure", lastFailure);
        }
        return report;
    }

    private void run() {
        Duration backoff = FIRST_BACKOFF;
        while (!closed) {
            try {
                consumeUntilClosed();
                return;
            } catch (RuntimeException e) {
                if (closed) {
                    return; // the wakeup or interrupt of close()
                }
                // Whatever it is, a dashboard that stops reading must not go on looking live: log, back off, read anew.
                failed(e);
            }
            if (!sleep(backoff)) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            restarts++;
        }
    }

    private void failed(Throwable e) {
        lastFailureMillis = System.currentTimeMillis();
        lastFailure = e.toString();
        log.error("Dashboard feed failed; restarting it with a new consumer", e);
    }

    private boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void consumeUntilClosed() {
        consumer = consumers.get();
        try {
            if (closed) {
                return;
            }
            assign();
            long nextAnalysisCheck = 0;
            while (!closed) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
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
                long now = System.currentTimeMillis();
                lastPollMillis = now;
                if (now >= nextAnalysisCheck) {
                    board.checkAnalysis().forEach(roomChanged);
                    nextAnalysisCheck = now + ANALYSIS_CHECK_MILLIS;
                }
            }
        } finally {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                log.warn("Closing the dashboard feed's consumer failed: {}", e.toString());
            }
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
        org.apache.kafka.clients.consumer.Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.interrupt();
        thread.join(5000);
    }
}
