/**
 * An embedded single-node Kafka (KRaft, broker and controller in one process) for development,
 * demos and integration tests: {@link io.cryflow.broker.EmbeddedKafkaBroker} configured by
 * {@link io.cryflow.broker.BrokerOptions}, plus idempotent topic creation
 * ({@link io.cryflow.broker.TopicCreator}) usable against any cluster.
 *
 * <p>Kafka logs thousands of INFO lines per start; logback users include
 * {@code io/cryflow/broker/logback-kafka-quiet.xml} to keep only its warnings and errors.
 */
package io.cryflow.broker;
