package io.cryflow.schemas;

import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro load the generated Cryflow contract classes.
 *
 * <p>Since 1.12.2, Avro loads a record's or enum's class by name only if it is trusted, and by
 * default it trusts a few JDK classes and nothing else (AVRO-4189): without this, building an
 * {@link AudioChunk} whose encoding is left at its default, or reading any Cryflow record, fails
 * with a {@code SecurityException}. {@link #install()} adds trust for exactly the Avro-generated
 * classes under {@code io.cryflow}, keeping whatever was trusted before (e.g. through
 * {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}).
 *
 * <p>The serdes, {@link Topics} and the schema history install it when first loaded; code that
 * builds records before touching any of them must call {@link #install()} itself.
 */
public final class AvroClassTrust {

    private static boolean installed;

    private AvroClassTrust() {}

    /** Idempotent and thread-safe. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous, AvroClassTrust::isCryflowContract));
        installed = true;
    }

    /** True for classes Avro generated from a Cryflow schema, and for nothing else. */
    static boolean isCryflowContract(Class<?> type) {
        return type.getName().startsWith("io.cryflow.") && type.isAnnotationPresent(AvroGenerated.class);
    }
}
