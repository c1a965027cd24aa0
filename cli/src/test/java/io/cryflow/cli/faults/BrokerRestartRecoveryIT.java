package io.cryflow.cli.faults;

import static io.cryflow.cli.faults.FaultAudio.TOTAL_CHUNKS;

import io.cryflow.broker.BrokerOptions;
import io.cryflow.broker.EmbeddedKafkaBroker;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker itself goes away for a few seconds mid-stream and comes back on the same port and data:
 * the features stage (its own JVM) and the audio producer resume by themselves, and every chunk's
 * frames are published once and bit-exact. Needs a broker the test can stop, so it always uses the
 * embedded one, whatever the shared fixture runs on.
 */
class BrokerRestartRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(150);
    private static final Duration OUTAGE = Duration.ofSeconds(5);

    @Test
    void appsResumeByThemselvesAndNothingIsLost(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        BrokerOptions options = BrokerOptions.builder().dataDir(dir.resolve("broker")).brokerPort(port).build();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(options).start();
        try {
            FeaturesTopics topics = FeaturesTopics.create((name, partitions) -> {
                broker.createTopics(new NewTopic(name, partitions, (short) 1));
                return name;
            }, 4);
            Map<String, short[]> audio = FaultAudio.rooms();
            Map<String, Object> producer = new HashMap<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true));
            Map<String, Object> consumer = new HashMap<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
            try (MelArrivals arrivals = new MelArrivals(consumer, topics.mel());
                 AudioFeeder feeder = new AudioFeeder(producer, topics.audio(), audio);
                 StageProcess features = StageProcess.start("features", "features", broker.bootstrapServers(),
                         dir.resolve("state"), topics.settings("features-broker-restart"))) {
                features.awaitRunning(WAIT);
                feeder.start();
                arrivals.awaitCount(TOTAL_CHUNKS / 4, WAIT);
                broker.stop();
                long stoppedAt = System.nanoTime();
                Thread.sleep(OUTAGE.toMillis());
                broker.start();
                arrivals.awaitCount(TOTAL_CHUNKS, WAIT);
                arrivals.assertExactlyTheDirectFrames(audio);
                if (!features.isAlive()) {
                    throw new AssertionError("the features stage exited:\n" + features.tail());
                }
                System.out.printf("broker restart (%d s outage): longest gap between committed frames of a room %.1f s, "
                        + "from broker stop to the last frame %.1f s%n", OUTAGE.toSeconds(), arrivals.longestGapSeconds(),
                        (System.nanoTime() - stoppedAt) / 1e9);
            }
        } finally {
            broker.stop();
        }
    }
}
