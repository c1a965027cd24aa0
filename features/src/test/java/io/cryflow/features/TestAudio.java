package io.cryflow.features;

import io.cryflow.testkit.SharedData;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Test audio: deterministic synthetic signals, and real clips from the shared data folder. */
final class TestAudio {

    static final int RATE = 16_000;

    private TestAudio() {}

    /** Quiet room noise with a loud 400-900 Hz warble (a cry-like burst) between {@code burstStart} and {@code burstEnd} seconds. */
    static short[] roomWithBurst(double seconds, double burstStart, double burstEnd, long seed) {
        Random random = new Random(seed);
        short[] out = new short[(int) Math.round(seconds * RATE)];
        double phase = 0;
        for (int i = 0; i < out.length; i++) {
            double t = (double) i / RATE;
            double value = 0.002 * random.nextGaussian();
            if (t >= burstStart && t < burstEnd) {
                double frequency = 650 + 250 * Math.sin(2 * Math.PI * 3 * t);
                phase += 2 * Math.PI * frequency / RATE;
                value += 0.3 * Math.sin(phase) + 0.1 * Math.sin(2 * phase);
            }
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(value * 32768)));
        }
        return out;
    }

    /** The shared data folder, or a skipped test saying how to provide it. */
    static Path sharedData() {
        return SharedData.resolve("data");
    }

    /** A mono 16-bit PCM WAV file's samples. */
    static short[] readWav(Path file, int expectedRate) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt() != 0x46464952 || b.getInt() < 0 || b.getInt() != 0x45564157) {
            throw new IOException(file + " is not RIFF/WAVE");
        }
        int rate = -1;
        while (b.remaining() >= 8) {
            int id = b.getInt();
            int size = b.getInt();
            if (id == 0x20746d66) { // "fmt "
                int channels = b.getShort(b.position() + 2) & 0xffff;
                rate = b.getInt(b.position() + 4);
                int bits = b.getShort(b.position() + 14) & 0xffff;
                if (channels != 1 || bits != 16 || rate != expectedRate) {
                    throw new IOException(file + ": need mono 16-bit " + expectedRate + " Hz, got " + channels + " ch " + bits + " bit " + rate + " Hz");
                }
            } else if (id == 0x61746164) { // "data"
                if (rate < 0) {
                    throw new IOException(file + ": data before fmt");
                }
                short[] samples = new short[Math.min(size, b.remaining()) / 2];
                b.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
                return samples;
            }
            b.position(b.position() + size + (size & 1));
        }
        throw new IOException(file + ": no data chunk");
    }
}
