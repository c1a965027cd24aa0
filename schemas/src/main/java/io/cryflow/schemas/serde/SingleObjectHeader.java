package io.cryflow.schemas.serde;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Layout of the Avro single-object encoding header: the marker bytes {@code C3 01}, then the
 * writer schema's 8-byte little-endian CRC-64-AVRO fingerprint, then the binary-encoded record.
 */
final class SingleObjectHeader {

    static final byte MARKER_0 = (byte) 0xC3;
    static final byte MARKER_1 = (byte) 0x01;
    static final int FINGERPRINT_OFFSET = 2;
    static final int LENGTH = FINGERPRINT_OFFSET + Long.BYTES;

    private SingleObjectHeader() {}

    static boolean hasMarker(byte[] payload) {
        return payload.length >= 2 && payload[0] == MARKER_0 && payload[1] == MARKER_1;
    }

    /** Reads the fingerprint; the caller has checked that the payload holds a whole header. */
    static long fingerprint(byte[] payload) {
        return ByteBuffer.wrap(payload, FINGERPRINT_OFFSET, Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static String toHex(long fingerprint) {
        return String.format("0x%016x", fingerprint);
    }
}
