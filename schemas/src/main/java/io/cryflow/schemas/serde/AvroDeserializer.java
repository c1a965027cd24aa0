package io.cryflow.schemas.serde;

import io.cryflow.schemas.AvroClassTrust;
import io.cryflow.schemas.serde.RecordDecodingException.Reason;
import java.io.EOFException;
import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads single-object-encoded Avro records into a generated class, resolving any writer schema
 * in the {@link SchemaHistory} to the class's current schema.
 *
 * <p>Null bytes (a tombstone) give null. Every other failure is a {@link RecordDecodingException}
 * with its {@link Reason}, so a stream application can dead-letter the record. Thread-safe.
 */
public final class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static {
        AvroClassTrust.install();
    }

    private final Class<T> type;
    private final SpecificData model;
    private final Schema readerSchema;
    private final SchemaHistory history;
    private final ConcurrentMap<Long, WriterResolution<T>> resolutions = new ConcurrentHashMap<>();

    /** A deserializer that knows the published schema history. */
    public AvroDeserializer(Class<T> type) {
        this(type, SchemaHistory.published());
    }

    public AvroDeserializer(Class<T> type, SchemaHistory history) {
        this.type = Objects.requireNonNull(type, "type");
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
        // A reader always understands records written with its own schema.
        this.history = Objects.requireNonNull(history, "history").with(readerSchema);
    }

    @Override
    public T deserialize(String topic, byte[] payload) {
        if (payload == null) {
            return null;
        }
        if (payload.length == 0) {
            throw new RecordDecodingException(Reason.EMPTY, topic, null, "the value has no bytes", null);
        }
        if (!SingleObjectHeader.hasMarker(payload)) {
            throw new RecordDecodingException(Reason.NOT_SINGLE_OBJECT_ENCODED, topic, null,
                    String.format("expected the single-object marker C3 01 but the value starts with %s", leadingBytes(payload)), null);
        }
        if (payload.length < SingleObjectHeader.LENGTH) {
            throw new RecordDecodingException(Reason.TRUNCATED, topic, null,
                    "the value ends inside the " + SingleObjectHeader.LENGTH + "-byte header after " + payload.length + " bytes", null);
        }
        long fingerprint = SingleObjectHeader.fingerprint(payload);
        WriterResolution<T> resolution = resolve(topic, fingerprint);
        return decodeBody(topic, fingerprint, resolution, payload);
    }

    private WriterResolution<T> resolve(String topic, long fingerprint) {
        WriterResolution<T> cached = resolutions.get(fingerprint);
        if (cached != null) {
            return cached;
        }
        Schema writer = history.findByFingerprint(fingerprint);
        if (writer == null) {
            // Not cached: the map holds only fingerprints of the bounded history, never attacker-chosen ones.
            throw new RecordDecodingException(Reason.UNKNOWN_SCHEMA_FINGERPRINT, topic, fingerprint,
                    "no " + type.getSimpleName() + " reader here knows that writer schema (it is not in the schema history; "
                            + "a producer newer than this consumer, or not a Cryflow record)", null);
        }
        return resolutions.computeIfAbsent(fingerprint, fp -> WriterResolution.of(model, writer, readerSchema));
    }

    private T decodeBody(String topic, long fingerprint, WriterResolution<T> resolution, byte[] payload) {
        if (resolution.incompatibility() != null) {
            throw new RecordDecodingException(Reason.INCOMPATIBLE_SCHEMA, topic, fingerprint, resolution.incompatibility(), null);
        }
        int bodyLength = payload.length - SingleObjectHeader.LENGTH;
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload, SingleObjectHeader.LENGTH, bodyLength, null);
        T record;
        try {
            record = resolution.reader().read(null, decoder);
        } catch (EOFException e) {
            throw new RecordDecodingException(Reason.TRUNCATED, topic, fingerprint,
                    "the " + bodyLength + "-byte body ends before the " + resolution.writerName() + " record does", e);
        } catch (IOException | RuntimeException e) {
            // Avro signals malformed data with unchecked exceptions (negative lengths, bad enum or union indexes).
            throw new RecordDecodingException(Reason.CORRUPT, topic, fingerprint,
                    "the body is not a valid " + resolution.writerName() + " encoding: " + e, e);
        }
        try {
            if (!decoder.isEnd()) {
                throw new RecordDecodingException(Reason.CORRUPT, topic, fingerprint,
                        "bytes are left over after the " + resolution.writerName() + " record", null);
            }
        } catch (IOException e) {
            throw new RecordDecodingException(Reason.CORRUPT, topic, fingerprint, "cannot check for trailing bytes: " + e, e);
        }
        return record;
    }

    private static String leadingBytes(byte[] payload) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(2, payload.length); i++) {
            hex.append(i == 0 ? "" : " ").append(String.format("%02X", payload[i] & 0xFF));
        }
        return hex.toString();
    }

    /** How records of one writer schema are read as T: a resolving reader, or why they cannot be. */
    private record WriterResolution<T>(String writerName, DatumReader<T> reader, String incompatibility) {

        @SuppressWarnings("unchecked")
        static <T> WriterResolution<T> of(SpecificData model, Schema writer, Schema reader) {
            SchemaPairCompatibility check = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
            if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                String problem = writer.getFullName().equals(reader.getFullName())
                        ? "this version of " + writer.getFullName() + " cannot be resolved to the reader's: "
                        : "it was written as " + writer.getFullName() + ", which cannot be read as " + reader.getFullName() + ": ";
                return new WriterResolution<>(writer.getFullName(), null, problem + check.getResult().getIncompatibilities());
            }
            return new WriterResolution<>(writer.getFullName(), (DatumReader<T>) model.createDatumReader(writer, reader), null);
        }
    }
}
