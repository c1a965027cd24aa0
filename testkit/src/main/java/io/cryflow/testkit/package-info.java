/**
 * Test fixtures shared by every module.
 *
 * <ul>
 *   <li>{@link io.cryflow.testkit.KafkaIntegrationTest}: one real Kafka cluster per test JVM
 *       (Testcontainers when Docker is reachable, else the embedded broker; choose with
 *       {@code -Dcryflow.test.kafka=auto|embedded|testcontainers}), injected as a per-test
 *       {@link io.cryflow.testkit.KafkaFixture}.</li>
 *   <li>{@link io.cryflow.testkit.SharedData}: the {@code ../shared} data directory, or a skipped test.</li>
 * </ul>
 *
 * <p>Modules using the fixture add to their {@code logback-test.xml}:
 * {@code <include resource="io/cryflow/broker/logback-kafka-quiet.xml"/>}.
 */
package io.cryflow.testkit;
