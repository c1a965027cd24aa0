package io.cryflow.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record type in single-object encoding, for Kafka Streams and
 * plain producers and consumers alike. Thread-safe; needs no configuration.
 *
 * @see AvroSerdes for the serde of each Cryflow topic's value
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final Class<T> type;
    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;

    /** A serde whose deserializer knows the published schema history. */
    public AvroSerde(Class<T> type) {
        this(type, SchemaHistory.published());
    }

    public AvroSerde(Class<T> type, SchemaHistory history) {
        this.type = type;
        this.serializer = new AvroSerializer<>(type);
        this.deserializer = new AvroDeserializer<>(type, history);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
