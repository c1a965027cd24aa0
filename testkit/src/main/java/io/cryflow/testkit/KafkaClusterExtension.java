package io.cryflow.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a real Kafka cluster: one per test JVM, started on first use and
 * stopped when the test run ends (it lives in the root {@link ExtensionContext.Store}, which closes
 * {@link AutoCloseable} values).
 *
 * <p>Injects a {@link KafkaFixture} (per test, with unique names and client helpers; closed after
 * the test or class it was injected into) or the shared {@link KafkaCluster} itself. Use it through
 * {@link KafkaIntegrationTest}.
 */
public final class KafkaClusterExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaClusterExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaFixture.class || type == KafkaCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        KafkaCluster cluster = sharedCluster(context);
        if (parameter.getParameter().getType() == KafkaCluster.class) {
            return cluster;
        }
        KafkaFixture fixture = new KafkaFixture(cluster, nameStem(context));
        // Closed with the context it was injected in: its Admin client goes when the test or class ends.
        context.getStore(NAMESPACE).put(fixture, fixture);
        return fixture;
    }

    /** The cluster of this test run, started on first call. */
    public static KafkaCluster sharedCluster(ExtensionContext context) {
        try {
            return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KafkaCluster.class,
                    key -> KafkaClusters.start(KafkaBackend.configured()), KafkaCluster.class);
        } catch (RuntimeException e) {
            throw new ParameterResolutionException("Could not start the test Kafka cluster: " + e.getMessage(), e);
        }
    }

    /** Test class and method, so a topic name tells which test made it. */
    private static String nameStem(ExtensionContext context) {
        String className = context.getTestClass().map(Class::getSimpleName).orElse("test");
        return context.getTestMethod().map(method -> className + "." + method.getName()).orElse(className);
    }
}
