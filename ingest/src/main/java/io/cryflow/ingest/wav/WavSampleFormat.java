package io.cryflow.ingest.wav;

/** Sample encodings the reader decodes; every one is converted to float in [-1, 1]. */
public enum WavSampleFormat {
    /** 8-bit unsigned integer, 128 = silence. */
    PCM_U8(1),
    /** 16-bit signed little-endian integer. */
    PCM_S16(2),
    /** 24-bit signed little-endian integer (packed in 3 bytes). */
    PCM_S24(3),
    /** 32-bit signed little-endian integer. */
    PCM_S32(4),
    /** 32-bit IEEE float. */
    FLOAT_32(4),
    /** 64-bit IEEE float. */
    FLOAT_64(8);

    private final int bytesPerSample;

    WavSampleFormat(int bytesPerSample) {
        this.bytesPerSample = bytesPerSample;
    }

    public int bytesPerSample() {
        return bytesPerSample;
    }

    /** Decodes the sample starting at {@code offset} in little-endian {@code bytes}. */
    double decode(byte[] bytes, int offset) {
        switch (this) {
            case PCM_U8:
                return ((bytes[offset] & 0xFF) - 128) / 128.0;
            case PCM_S16:
                return (short) ((bytes[offset] & 0xFF) | (bytes[offset + 1] << 8)) / 32768.0;
            case PCM_S24:
                return ((bytes[offset] & 0xFF) | ((bytes[offset + 1] & 0xFF) << 8) | (bytes[offset + 2] << 16))
                        / 8388608.0;
            case PCM_S32:
                return int32(bytes, offset) / 2147483648.0;
            case FLOAT_32:
                return Float.intBitsToFloat(int32(bytes, offset));
            case FLOAT_64:
                long bits = (int32(bytes, offset) & 0xFFFFFFFFL) | ((long) int32(bytes, offset + 4) << 32);
                return Double.longBitsToDouble(bits);
            default:
                throw new AssertionError(this);
        }
    }

    private static int int32(byte[] b, int o) {
        return (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8) | ((b[o + 2] & 0xFF) << 16) | (b[o + 3] << 24);
    }
}
