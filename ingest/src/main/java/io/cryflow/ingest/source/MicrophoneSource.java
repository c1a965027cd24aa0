package io.cryflow.ingest.source;

import io.cryflow.dsp.resample.Resampler;
import io.cryflow.schemas.PcmS16le;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live microphone through {@code javax.sound.sampled}: 16-bit capture, mixed to mono and
 * resampled to the pipeline rate when the device cannot capture at that rate directly.
 *
 * <p>Capture timestamps start at the wall-clock time the line starts and then advance by sample
 * count, so chunks stay contiguous even though the device clock drifts slightly from wall time.
 */
public final class MicrophoneSource implements AudioSource {

    private static final Logger LOG = LoggerFactory.getLogger(MicrophoneSource.class);
    /** Capture rates tried after the pipeline rate, most common first. */
    private static final int[] FALLBACK_RATES = {48000, 44100, 32000, 22050, 16000, 8000};

    private final String roomId;
    private final String microphoneId;
    private final int sampleRate;
    private final TargetDataLine line;
    private final AudioFormat captureFormat;
    private final Resampler resampler;
    private final byte[] readBuffer;
    private final float[] monoBuffer;
    private SampleClock clock;
    private volatile boolean closed;

    private MicrophoneSource(String roomId, String microphoneId, int sampleRate, TargetDataLine line,
            AudioFormat captureFormat, int blockMillis) {
        this.roomId = roomId;
        this.microphoneId = microphoneId;
        this.sampleRate = sampleRate;
        this.line = line;
        this.captureFormat = captureFormat;
        this.resampler = Resampler.create((int) captureFormat.getSampleRate(), sampleRate);
        int frames = Math.max(1, (int) (captureFormat.getSampleRate() * blockMillis / 1000));
        this.readBuffer = new byte[frames * captureFormat.getFrameSize()];
        this.monoBuffer = new float[frames];
    }

    /**
     * Opens and starts the default capture device.
     *
     * @param blockMillis audio per read, in milliseconds (also the device buffer granularity)
     * @throws CaptureDeviceUnavailableException when no capture line exists or it cannot be opened
     */
    public static MicrophoneSource open(String roomId, String microphoneId, int sampleRate, int blockMillis)
            throws CaptureDeviceUnavailableException {
        List<String> tried = new ArrayList<>();
        for (AudioFormat format : candidateFormats(sampleRate)) {
            DataLine.Info info = new DataLine.Info(TargetDataLine.class, format);
            tried.add((int) format.getSampleRate() + " Hz/" + format.getChannels() + " ch");
            if (!AudioSystem.isLineSupported(info)) {
                continue;
            }
            try {
                TargetDataLine line = (TargetDataLine) AudioSystem.getLine(info);
                line.open(format);
                MicrophoneSource source = new MicrophoneSource(roomId, microphoneId, sampleRate, line, format,
                        blockMillis);
                line.start();
                source.clock = new SampleClock(System.currentTimeMillis() * 1000L, sampleRate);
                LOG.info("Room {} microphone {}: capturing from {} at {}", roomId, microphoneId,
                        line.getLineInfo(), format);
                return source;
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                throw new CaptureDeviceUnavailableException("Cannot open the audio capture device for room "
                        + roomId + " (" + format + "): " + e.getMessage()
                        + ". It may be in use by another program.", e);
            }
        }
        throw new CaptureDeviceUnavailableException(noDeviceMessage(tried));
    }

    static String noDeviceMessage(List<String> tried) {
        List<String> mixers = new ArrayList<>();
        for (Mixer.Info m : AudioSystem.getMixerInfo()) {
            mixers.add(m.getName());
        }
        return "No audio capture device available: javax.sound.sampled offers no 16-bit PCM capture line (tried "
                + String.join(", ", tried) + "; mixers found: "
                + (mixers.isEmpty() ? "none" : String.join(", ", mixers))
                + "). Connect a microphone and check the operating system's audio permissions, "
                + "or ingest from a WAV file, a folder of WAVs or a generated scene instead.";
    }

    private static List<AudioFormat> candidateFormats(int sampleRate) {
        List<AudioFormat> formats = new ArrayList<>();
        formats.add(new AudioFormat(sampleRate, 16, 1, true, false));
        for (int rate : FALLBACK_RATES) {
            for (int channels = 1; channels <= 2; channels++) {
                if (rate != sampleRate || channels != 1) {
                    formats.add(new AudioFormat(rate, 16, channels, true, false));
                }
            }
        }
        return formats;
    }

    @Override
    public String roomId() {
        return roomId;
    }

    @Override
    public String microphoneId() {
        return microphoneId;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public boolean isLive() {
        return true;
    }

    /** Blocks until a block of audio has been captured; {@code null} once closed. */
    @Override
    public AudioBlock read() throws IOException {
        int channels = captureFormat.getChannels();
        while (!closed) {
            int got = line.read(readBuffer, 0, readBuffer.length);
            int frames = got / captureFormat.getFrameSize();
            if (frames == 0) {
                continue; // line stopped or empty read; closed is checked again
            }
            float[] pcm = PcmS16le.toFloats(java.nio.ByteBuffer.wrap(readBuffer, 0, frames * captureFormat.getFrameSize()));
            for (int f = 0; f < frames; f++) {
                float sum = 0f;
                for (int c = 0; c < channels; c++) {
                    sum += pcm[f * channels + c];
                }
                monoBuffer[f] = sum / channels;
            }
            float[] out = resampler.process(monoBuffer, 0, frames);
            if (out.length > 0) {
                return clock.stamp(out);
            }
        }
        return null;
    }

    @Override
    public void close() {
        closed = true;
        line.stop();
        line.close();
    }
}
