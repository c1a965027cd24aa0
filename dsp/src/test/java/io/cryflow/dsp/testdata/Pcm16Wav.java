package io.cryflow.dsp.testdata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a mono 16-bit PCM RIFF/WAVE file as samples scaled by 1/32768 (what soundfile and librosa return). */
public final class Pcm16Wav {

    public final int sampleRate;
    public final double[] samples;

    private Pcm16Wav(int sampleRate, double[] samples) {
        this.sampleRate = sampleRate;
        this.samples = samples;
    }

    public static Pcm16Wav read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int riff = b.getInt();
        b.getInt(); // RIFF size: not needed, chunks are walked instead
        if (riff != 0x46464952 || b.getInt() != 0x45564157) {
            throw new IOException(file + " is not RIFF/WAVE");
        }
        int rate = -1;
        while (b.remaining() >= 8) {
            int id = b.getInt();
            int size = b.getInt();
            if (id == 0x20746d66) { // "fmt "
                int format = b.getShort(b.position()) & 0xffff;
                int channels = b.getShort(b.position() + 2) & 0xffff;
                rate = b.getInt(b.position() + 4);
                int bits = b.getShort(b.position() + 14) & 0xffff;
                if (format != 1 || channels != 1 || bits != 16) {
                    throw new IOException(file + ": need mono 16-bit PCM, got format " + format + ", " + channels + " ch, " + bits + " bit");
                }
            } else if (id == 0x61746164) { // "data"
                if (rate < 0) {
                    throw new IOException(file + ": data before fmt");
                }
                double[] samples = new double[size / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = b.getShort(b.position() + 2 * i) / 32768.0;
                }
                return new Pcm16Wav(rate, samples);
            }
            b.position(b.position() + size + (size & 1));
        }
        throw new IOException(file + ": no data chunk");
    }
}
