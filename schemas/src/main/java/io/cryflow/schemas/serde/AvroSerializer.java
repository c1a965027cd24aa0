package io.cryflow.schemas.serde;

import io.cryflow.schemas.AvroClassTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a generated Avro record in single-object encoding: {@code C3 01}, the schema's 8-byte
 * little-endian CRC-64-AVRO fingerprint, then the Avro binary body. Null (a tombstone) stays null.
 * Thread-safe.
 */
public final class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    static {
        AvroClassTrust.install();
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;

    public AvroSerializer(Class<T> type) {
        this.type = Objects.requireNonNull(type, "type");
        SpecificData model = SpecificData.getForClass(type);
        // The class's own model carries its logical-type conversions (e.g. timestamp-micros <-> Instant).
        this.encoder = new BinaryMessageEncoder<>(model, model.getSchema(type));
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, out);
        } catch (IOException | RuntimeException e) {
            // Typically a required field left null or a value out of its type's range.
            throw new SerializationException(
                    "Cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e, e);
        }
        return out.toByteArray();
    }
}
