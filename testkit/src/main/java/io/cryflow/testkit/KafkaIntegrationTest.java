package io.cryflow.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs a real Kafka cluster: test methods, constructors and lifecycle
 * methods may then take a {@link KafkaFixture} or {@link KafkaCluster} parameter.
 *
 * <pre>{@code
 * @KafkaIntegrationTest
 * class FeaturesTopologyIT {
 *     @Test
 *     void emitsCandidates(KafkaFixture kafka) {
 *         String input = kafka.createTopic("audio", 1);
 *         ...
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Tag("kafka")
@ExtendWith(KafkaClusterExtension.class)
public @interface KafkaIntegrationTest {
}
