package io.cryflow.ingest.wav;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a PCM WAV file frame by frame, mixing all channels to mono, with bounded memory.
 *
 * <p>Accepts RIFF/WAVE with format tag 1 (integer PCM: 8-bit unsigned, 16/24/32-bit signed), 3
 * (IEEE float: 32/64-bit) or 0xFFFE (WAVE_FORMAT_EXTENSIBLE with a PCM or float sub-format), any
 * channel count and any sample rate. Chunks other than {@code fmt } and {@code data} are skipped.
 * Everything else (compressed formats, RF64, damaged headers, a data chunk shorter than declared)
 * is a {@link WavFormatException} naming the file and the problem.
 *
 * <p>Mono mixing is the plain average of the channels, so a full-scale signal on every channel
 * stays full scale.
 */
public final class WavReader implements Closeable {

    private static final int FORMAT_PCM = 0x0001;
    private static final int FORMAT_FLOAT = 0x0003;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Length a streaming writer leaves in the header while the file is still growing. */
    private static final long OPEN_ENDED = 0xFFFFFFFFL;
    /** Bytes read from the file per call, at most; bounds memory for any file length. */
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    /** First allocation of {@link #readAllMono()}: 64 s at 16 kHz; it grows from there. */
    private static final int INITIAL_READ_ALL_FRAMES = 1 << 20;
    /** The largest float array the JVM reliably allocates. */
    private static final int MAX_ARRAY_FRAMES = Integer.MAX_VALUE - 8;

    private final String name;
    private final InputStream in;
    private final WavFormat format;
    private final long dataBytes; // -1: until end of stream
    private long dataBytesRead;
    private byte[] buffer = new byte[0];

    private WavReader(String name, InputStream in, WavFormat format, long dataBytes) {
        this.name = name;
        this.in = in;
        this.format = format;
        this.dataBytes = dataBytes;
    }

    /** Opens a WAV file and reads its header. */
    public static WavReader open(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new WavFormatException(path.toString(), "no such file");
        }
        long size = Files.size(path);
        InputStream in = new BufferedInputStream(Files.newInputStream(path), READ_BUFFER_BYTES);
        try {
            return open(in, path.toString(), size);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /**
     * Reads a WAV header from a stream; the reader then owns and closes the stream.
     *
     * @param name       names the stream in error messages
     * @param streamSize total bytes in the stream, or -1 if unknown (then a truncated data chunk is
     *                   detected only when the stream ends early)
     */
    public static WavReader open(InputStream in, String name, long streamSize) throws IOException {
        HeaderParser parser = new HeaderParser(in, name, streamSize);
        return parser.parse();
    }

    /** The header's description of the audio. */
    public WavFormat format() {
        return format;
    }

    /** The file or stream name used in messages. */
    public String name() {
        return name;
    }

    /**
     * Reads up to {@code maxFrames} frames, mixed to mono, into {@code dest} from {@code offset}.
     *
     * @return frames read, or -1 at the end of the data
     * @throws WavFormatException if the data ends in the middle of a frame or before its declared
     *                            length
     */
    public int readMono(float[] dest, int offset, int maxFrames) throws IOException {
        if (maxFrames == 0) {
            return 0;
        }
        int frameBytes = format.bytesPerFrame();
        long wanted = (long) Math.min(maxFrames, READ_BUFFER_BYTES / frameBytes + 1) * frameBytes;
        if (dataBytes >= 0) {
            wanted = Math.min(wanted, dataBytes - dataBytesRead);
        }
        if (wanted <= 0) {
            return -1;
        }
        if (buffer.length < wanted) {
            buffer = new byte[(int) wanted];
        }
        int got = in.readNBytes(buffer, 0, (int) wanted);
        if (got < wanted) {
            if (dataBytes >= 0) {
                throw new WavFormatException(name, "truncated data chunk: header declares " + dataBytes
                        + " bytes of audio but the file ends after " + (dataBytesRead + got));
            }
            if (got % frameBytes != 0) {
                throw new WavFormatException(name, "truncated data chunk: the file ends inside a frame ("
                        + (dataBytesRead + got) + " bytes of audio is not a multiple of the "
                        + frameBytes + "-byte frame)");
            }
            if (got == 0) {
                return -1;
            }
        }
        dataBytesRead += got;
        int frames = got / frameBytes;
        int channels = format.channels();
        int sampleBytes = format.sampleFormat().bytesPerSample();
        WavSampleFormat sampleFormat = format.sampleFormat();
        for (int f = 0, pos = 0; f < frames; f++) {
            double sum = 0.0;
            for (int c = 0; c < channels; c++, pos += sampleBytes) {
                sum += sampleFormat.decode(buffer, pos);
            }
            dest[offset + f] = (float) (sum / channels);
        }
        return frames;
    }

    /**
     * Reads the whole remaining data as mono; for clips, not for unbounded recordings.
     *
     * @throws WavFormatException if the audio holds more frames than one Java array can (about 37 hours at
     *                            16 kHz); such a recording must be read in blocks with {@link #readMono}
     */
    public float[] readAllMono() throws IOException {
        return readAllMono(MAX_ARRAY_FRAMES);
    }

    /** {@link #readAllMono()} with a smaller ceiling, so that the limit can be tested. */
    float[] readAllMono(int maxFrames) throws IOException {
        // The header's frame count is only a hint: a damaged header may claim gigabytes, so allocate
        // at most a bounded first guess and grow with what the data actually holds.
        long declared = format.frameCount();
        long first = Math.min(declared >= 0 ? Math.min(declared, INITIAL_READ_ALL_FRAMES) : INITIAL_READ_ALL_FRAMES, maxFrames);
        float[] out = new float[(int) first];
        int n = 0;
        while (true) {
            if (n == out.length) {
                if (out.length >= maxFrames) {
                    // Without this check a full array could not grow, each read would ask for 0 frames, get 0, and loop.
                    if (readMono(new float[1], 0, 1) < 0) {
                        break;
                    }
                    throw new WavFormatException(name, "more than " + maxFrames
                            + " frames of audio: too long to read whole; read it in blocks");
                }
                out = java.util.Arrays.copyOf(out, (int) Math.min(maxFrames, Math.max(16L, out.length * 2L)));
            }
            int got = readMono(out, n, out.length - n);
            if (got < 0) {
                break;
            }
            n += got;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads the RIFF header and the chunks up to the start of the audio data. */
    private static final class HeaderParser {
        private final InputStream in;
        private final String name;
        private final long streamSize;
        private long position;

        HeaderParser(InputStream in, String name, long streamSize) {
            this.in = in;
            this.name = name;
            this.streamSize = streamSize;
        }

        WavReader parse() throws IOException {
            String riff = fourCc("RIFF header");
            if (riff.equals("RF64")) {
                throw fail("RF64 (WAV larger than 4 GiB) is not supported");
            }
            if (!riff.equals("RIFF")) {
                throw fail("not a RIFF/WAVE file (starts with " + printable(riff) + ")");
            }
            u32("RIFF size");
            String wave = fourCc("WAVE tag");
            if (!wave.equals("WAVE")) {
                throw fail("not a RIFF/WAVE file (RIFF form type is " + printable(wave) + ")");
            }
            FmtChunk fmt = null;
            while (true) {
                String id;
                try {
                    id = fourCc("chunk header");
                } catch (WavFormatException e) {
                    throw fail(fmt == null ? "missing fmt chunk" : "missing data chunk");
                }
                long size = u32("size of chunk " + printable(id));
                if (id.equals("fmt ")) {
                    fmt = readFmt(size);
                } else if (id.equals("data")) {
                    if (fmt == null) {
                        throw fail("missing fmt chunk before the data chunk");
                    }
                    return dataReader(fmt, size);
                } else {
                    skip(size + (size & 1), "chunk " + printable(id));
                }
            }
        }

        private WavReader dataReader(FmtChunk fmt, long size) throws IOException {
            int frameBytes = fmt.sampleFormat.bytesPerSample() * fmt.channels;
            long dataBytes;
            if (size == OPEN_ENDED || (size == 0 && streamSize < 0)) {
                dataBytes = -1;
            } else {
                dataBytes = size;
                if (streamSize >= 0 && position + size > streamSize) {
                    throw fail("truncated data chunk: header declares " + size + " bytes of audio but the file has "
                            + (streamSize - position));
                }
                if (size % frameBytes != 0) {
                    throw fail("truncated data chunk: " + size + " bytes is not a whole number of "
                            + frameBytes + "-byte frames");
                }
            }
            long frames = dataBytes < 0 ? -1 : dataBytes / frameBytes;
            WavFormat format = new WavFormat(fmt.sampleFormat, fmt.channels, fmt.sampleRate, frames);
            return new WavReader(name, in, format, dataBytes);
        }

        private FmtChunk readFmt(long size) throws IOException {
            if (size < 16) {
                throw fail("fmt chunk too short (" + size + " bytes, need 16)");
            }
            int tag = u16("format tag");
            int channels = u16("channel count");
            long sampleRate = u32("sample rate");
            u32("byte rate");
            int blockAlign = u16("block align");
            int bits = u16("bits per sample");
            long rest = size - 16;
            int subTag = tag;
            int validBits = bits;
            if (tag == FORMAT_EXTENSIBLE) {
                if (rest < 24) {
                    throw fail("WAVE_FORMAT_EXTENSIBLE fmt chunk too short (" + size + " bytes, need 40)");
                }
                u16("extension size");
                validBits = u16("valid bits per sample");
                u32("channel mask");
                subTag = u16("sub-format GUID");
                byte[] guidRest = bytes(14, "sub-format GUID");
                if (!isStandardGuidSuffix(guidRest)) {
                    throw fail("unsupported encoding: WAVE_FORMAT_EXTENSIBLE with a non-standard sub-format GUID");
                }
                rest -= 24;
            }
            skip(rest + (size & 1), "rest of the fmt chunk");

            if (channels == 0) {
                throw fail("zero channels in the fmt chunk");
            }
            if (sampleRate == 0 || sampleRate > 1_536_000) {
                throw fail("invalid sample rate " + sampleRate + " Hz");
            }
            WavSampleFormat sampleFormat = sampleFormat(subTag, bits, tag == FORMAT_EXTENSIBLE);
            if (validBits > bits || validBits == 0) {
                throw fail("invalid valid-bits-per-sample " + validBits + " for " + bits + "-bit samples");
            }
            if (blockAlign != channels * sampleFormat.bytesPerSample()) {
                throw fail("block align " + blockAlign + " does not match " + channels + " channels of "
                        + bits + "-bit samples");
            }
            return new FmtChunk(sampleFormat, channels, (int) sampleRate);
        }

        private WavSampleFormat sampleFormat(int tag, int bits, boolean extensible) throws WavFormatException {
            String where = extensible ? "WAVE_FORMAT_EXTENSIBLE sub-format " : "format tag ";
            if (tag == FORMAT_PCM) {
                switch (bits) {
                    case 8: return WavSampleFormat.PCM_U8;
                    case 16: return WavSampleFormat.PCM_S16;
                    case 24: return WavSampleFormat.PCM_S24;
                    case 32: return WavSampleFormat.PCM_S32;
                    default: throw fail("unsupported encoding: " + bits + "-bit integer PCM");
                }
            }
            if (tag == FORMAT_FLOAT) {
                switch (bits) {
                    case 32: return WavSampleFormat.FLOAT_32;
                    case 64: return WavSampleFormat.FLOAT_64;
                    default: throw fail("unsupported encoding: " + bits + "-bit IEEE float");
                }
            }
            throw fail("unsupported encoding: " + where + String.format("0x%04X", tag) + " (" + formatName(tag)
                    + "); only uncompressed PCM and IEEE float are read");
        }

        private static String formatName(int tag) {
            switch (tag) {
                case 0x0002: return "Microsoft ADPCM";
                case 0x0006: return "A-law";
                case 0x0007: return "mu-law";
                case 0x0011: return "IMA ADPCM";
                case 0x0031: return "GSM 6.10";
                case 0x0050: return "MPEG";
                case 0x0055: return "MPEG Layer 3";
                default: return "compressed or unknown";
            }
        }

        /** The GUID tail shared by KSDATAFORMAT_SUBTYPE_PCM and _IEEE_FLOAT (after the 2-byte tag). */
        private static boolean isStandardGuidSuffix(byte[] b) {
            byte[] expected = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
                0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};
            return java.util.Arrays.equals(b, expected);
        }

        private String fourCc(String what) throws IOException {
            byte[] b = bytes(4, what);
            return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        }

        private int u16(String what) throws IOException {
            byte[] b = bytes(2, what);
            return (b[0] & 0xFF) | ((b[1] & 0xFF) << 8);
        }

        private long u32(String what) throws IOException {
            byte[] b = bytes(4, what);
            return (b[0] & 0xFFL) | ((b[1] & 0xFFL) << 8) | ((b[2] & 0xFFL) << 16) | ((b[3] & 0xFFL) << 24);
        }

        private byte[] bytes(int n, String what) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length < n) {
                throw fail(position == 0 && b.length == 0
                        ? "not a RIFF/WAVE file (empty)"
                        : "file ends inside the " + what + " at byte " + (position + b.length));
            }
            position += n;
            return b;
        }

        private void skip(long n, String what) throws IOException {
            try {
                in.skipNBytes(n);
            } catch (EOFException e) {
                throw fail("file ends inside the " + what);
            }
            position += n;
        }

        private WavFormatException fail(String problem) {
            return new WavFormatException(name, problem);
        }

        private static String printable(String fourCc) {
            StringBuilder sb = new StringBuilder("'");
            for (char c : fourCc.toCharArray()) {
                sb.append(c >= 0x20 && c < 0x7F ? c : '?');
            }
            return sb.append('\'').toString();
        }
    }

    private record FmtChunk(WavSampleFormat sampleFormat, int channels, int sampleRate) {
    }
}
