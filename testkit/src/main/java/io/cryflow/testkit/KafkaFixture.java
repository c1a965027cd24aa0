package io.cryflow.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.cryflow.broker.TopicCreator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One test's view of the shared {@link KafkaCluster}: unique names, topic creation and small,
 * bounded producer/consumer helpers. Tests share the cluster, so every topic and group id a test
 * uses should come from {@link #uniqueTopic} / {@link #uniqueGroupId}.
 */
public final class KafkaFixture implements AutoCloseable {

    /** Default wait of {@link #consume} helpers; generous because CI machines have 2 cores. */
    public static final Duration DEFAULT_CONSUME_TIMEOUT = Duration.ofSeconds(30);
    /** Wait for a produced record's acknowledgement. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    /** Kafka's limit on topic name length. */
    private static final int MAX_TOPIC_NAME = 249;
    /** Room left for the test name in a topic name. */
    private static final int MAX_BASE_NAME = 100;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final KafkaCluster cluster;
    private final String nameStem;
    private Admin admin;

    /**
     * @param cluster  the shared cluster
     * @param nameStem readable prefix of this fixture's names, typically {@code TestClass.testMethod}
     */
    public KafkaFixture(KafkaCluster cluster, String nameStem) {
        this.cluster = cluster;
        this.nameStem = sanitize(nameStem);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    public KafkaBackend backend() {
        return cluster.backend();
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    /** A topic name no other test or call uses: {@code <test>.<base>.<n>-<random>}. Does not create it. */
    public String uniqueTopic(String base) {
        String cleanBase = sanitize(base);
        if (cleanBase.length() > MAX_BASE_NAME) {
            cleanBase = cleanBase.substring(0, MAX_BASE_NAME);
        }
        String suffix = "." + cleanBase + "." + SEQUENCE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String stem = nameStem.length() + suffix.length() > MAX_TOPIC_NAME
                ? nameStem.substring(0, MAX_TOPIC_NAME - suffix.length())
                : nameStem;
        return stem + suffix;
    }

    /** A consumer group / application id no other test uses. */
    public String uniqueGroupId(String base) {
        return uniqueTopic(base);
    }

    /** Creates a new unique topic with replication factor 1 and returns its name. */
    public String createTopic(String base, int partitions) {
        String name = uniqueTopic(base);
        createTopics(new NewTopic(name, partitions, (short) 1));
        return name;
    }

    /** Creates the given topics as they are (names included); existing ones are left alone. */
    public void createTopics(NewTopic... topics) {
        TopicCreator.createTopics(admin(), List.of(topics), TopicCreator.DEFAULT_TIMEOUT);
    }

    /** An Admin client on the cluster, closed with this fixture. */
    public synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, uniqueGroupId("admin")));
        }
        return admin;
    }

    /** Producer settings: idempotent, {@code acks=all}; add serializers or pass them to the constructor. */
    public Map<String, Object> producerProperties() {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return p;
    }

    /** Consumer settings: the given group, from the earliest offset, read_committed, no auto commit. */
    public Map<String, Object> consumerProperties(String groupId) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }

    public <K, V> KafkaProducer<K, V> newProducer(Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        return new KafkaProducer<>(producerProperties(), keySerializer, valueSerializer);
    }

    /** Sends the records with an idempotent producer and waits until each is acknowledged. */
    public <K, V> List<RecordMetadata> produce(List<ProducerRecord<K, V>> records,
                                               Serializer<K> keySerializer, Serializer<V> valueSerializer) {
        List<RecordMetadata> acknowledged = new ArrayList<>(records.size());
        try (KafkaProducer<K, V> producer = newProducer(keySerializer, valueSerializer)) {
            List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
            for (ProducerRecord<K, V> record : records) {
                pending.add(producer.send(record));
            }
            for (Future<RecordMetadata> future : pending) {
                acknowledged.add(future.get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Producing to Kafka failed: " + e, e);
        }
        return acknowledged;
    }

    /** Sends string key/value pairs to {@code topic}, in order, and waits for their acknowledgement. */
    public List<RecordMetadata> produceStrings(String topic, Map<String, String> keyValues) {
        List<ProducerRecord<String, String>> records = keyValues.entrySet().stream()
                .map(e -> new ProducerRecord<>(topic, e.getKey(), e.getValue()))
                .collect(Collectors.toList());
        return produce(records, new StringSerializer(), new StringSerializer());
    }

    /**
     * Reads {@code count} committed records of {@code topic}, from the beginning of every partition,
     * waiting at most {@code timeout}; fails the test when fewer arrive. Records of one partition
     * keep their order. Uses partition assignment, not a group, so it needs no rebalance.
     */
    public <K, V> List<ConsumerRecord<K, V>> consume(String topic, int count, Duration timeout,
                                                     Deserializer<K> keyDeserializer, Deserializer<V> valueDeserializer) {
        Map<String, Object> properties = consumerProperties(uniqueGroupId("reader"));
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // Reading must never create the topic it reads (the embedded broker auto-creates topics).
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        List<ConsumerRecord<K, V>> records = new ArrayList<>(count);
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(properties, keyDeserializer, valueDeserializer)) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, timeout);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        if (records.size() < count) {
            fail("Expected " + count + " records on " + topic + " within " + timeout + " but got " + records.size());
        }
        return records.subList(0, count);
    }

    /** {@link #consume} with string keys and values and {@link #DEFAULT_CONSUME_TIMEOUT}. */
    public List<ConsumerRecord<String, String>> consumeStrings(String topic, int count) {
        return consume(topic, count, DEFAULT_CONSUME_TIMEOUT, new StringDeserializer(), new StringDeserializer());
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }

    private static List<TopicPartition> partitionsOf(KafkaConsumer<?, ?> consumer, String topic, Duration timeout) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
        if (infos == null || infos.isEmpty()) {
            fail("Topic " + topic + " does not exist");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toList());
    }

    /** Keeps only the characters Kafka allows in topic names. */
    static String sanitize(String text) {
        String cleaned = text.replaceAll("[^a-zA-Z0-9._-]", "_");
        return cleaned.isEmpty() ? "_" : cleaned;
    }
}
