package io.cryflow.schemas.serde;

import io.cryflow.schemas.AvroClassTrust;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every writer schema a Cryflow reader may meet, by fingerprint.
 *
 * <p>Without a schema registry, a consumer can only decode what was written with a schema it
 * ships. So every schema version ever published is kept as a frozen {@code .avsc} file under
 * {@value #PUBLISHED_INDEX}'s folder, listed in that index, and a reader resolves an older
 * writer's record to its own current schema by Avro schema resolution. Publishing a changed
 * contract therefore means adding its new version to the history (a test enforces it).
 *
 * <p>Immutable and thread-safe. Also an Avro {@link SchemaStore}, so it can back Avro's own
 * {@code BinaryMessageDecoder}.
 */
public final class SchemaHistory implements SchemaStore {

    static {
        AvroClassTrust.install();
    }

    /** Classpath index of the published schema history: one {@code .avsc} file name per line, relative to the index. */
    public static final String PUBLISHED_INDEX = "io/cryflow/schemas/history/index.txt";

    private static final Logger log = LoggerFactory.getLogger(SchemaHistory.class);

    private final Map<Long, Schema> byFingerprint;

    private SchemaHistory(Map<Long, Schema> byFingerprint) {
        this.byFingerprint = Collections.unmodifiableMap(new LinkedHashMap<>(byFingerprint));
    }

    /** The history shipped with this module: every published version of every Cryflow contract. */
    public static SchemaHistory published() {
        return Published.INSTANCE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The CRC-64-AVRO fingerprint of a schema's parsing canonical form, as carried in single-object headers. */
    public static long fingerprintOf(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** Every known version of the named type (full name, e.g. {@code io.cryflow.schemas.AudioChunk}), oldest first. */
    public List<Schema> versionsOf(String fullName) {
        List<Schema> versions = new ArrayList<>();
        for (Schema schema : byFingerprint.values()) {
            if (schema.getFullName().equals(fullName)) {
                versions.add(schema);
            }
        }
        return versions;
    }

    public int size() {
        return byFingerprint.size();
    }

    /** A copy of this history that also knows the given schemas. */
    public SchemaHistory with(Schema... schemas) {
        Builder builder = new Builder();
        builder.byFingerprint.putAll(byFingerprint);
        for (Schema schema : schemas) {
            builder.add(schema);
        }
        return builder.build();
    }

    /** Collects schemas; the first schema seen for a fingerprint wins (equal fingerprints mean equal canonical forms). */
    public static final class Builder {
        private final Map<Long, Schema> byFingerprint = new LinkedHashMap<>();

        private Builder() {}

        public Builder add(Schema schema) {
            byFingerprint.putIfAbsent(fingerprintOf(Objects.requireNonNull(schema, "schema")), schema);
            return this;
        }

        /**
         * Adds every schema file listed in a classpath index (one file name per line, relative to
         * the index's folder; blank lines and lines starting with # are ignored).
         *
         * @throws IllegalStateException if the index or a listed file is missing or not a valid schema
         */
        public Builder addIndexed(ClassLoader loader, String indexPath) {
            String folder = indexPath.contains("/") ? indexPath.substring(0, indexPath.lastIndexOf('/') + 1) : "";
            for (String fileName : readLines(loader, indexPath)) {
                String path = folder + fileName;
                // A parser per file: versions of one contract define the same names.
                try (InputStream in = open(loader, path)) {
                    add(new Schema.Parser().parse(in));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalStateException("Cannot load schema history file " + path + ": " + e.getMessage(), e);
                }
            }
            return this;
        }

        public SchemaHistory build() {
            return new SchemaHistory(byFingerprint);
        }

        private static List<String> readLines(ClassLoader loader, String path) {
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(loader, path), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String trimmed = line.strip();
                    if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                        lines.add(trimmed);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read schema history index " + path, e);
            }
            return lines;
        }

        private static InputStream open(ClassLoader loader, String path) {
            InputStream in = loader.getResourceAsStream(path);
            if (in == null) {
                throw new IllegalStateException("Schema history resource not on the classpath: " + path);
            }
            return in;
        }
    }

    /** Lazy holder: loaded once, on first use. */
    private static final class Published {
        static final SchemaHistory INSTANCE = load();

        private static SchemaHistory load() {
            SchemaHistory history = builder().addIndexed(SchemaHistory.class.getClassLoader(), PUBLISHED_INDEX).build();
            log.debug("Loaded {} published schema versions from {}", history.size(), PUBLISHED_INDEX);
            return history;
        }
    }
}
