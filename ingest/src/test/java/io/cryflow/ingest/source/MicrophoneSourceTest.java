package io.cryflow.ingest.source;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.TargetDataLine;
import org.junit.jupiter.api.Test;

class MicrophoneSourceTest {

    private static boolean anyCaptureLine() {
        for (int rate : new int[] {16000, 48000, 44100, 32000, 22050, 8000}) {
            for (int channels = 1; channels <= 2; channels++) {
                AudioFormat f = new AudioFormat(rate, 16, channels, true, false);
                if (AudioSystem.isLineSupported(new DataLine.Info(TargetDataLine.class, f))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void withoutACaptureDeviceTheErrorSaysSoAndWhatToDoInstead() {
        assumeFalse(anyCaptureLine(), "this machine has a capture device");
        CaptureDeviceUnavailableException e = assertThrows(CaptureDeviceUnavailableException.class,
                () -> MicrophoneSource.open("nursery", "mic-1", 16000, 100));
        String message = e.getMessage();
        assertTrue(message.startsWith("No audio capture device available"), message);
        assertTrue(message.contains("16000 Hz/1 ch"), message);
        assertTrue(message.contains("mixers found:"), message);
        assertTrue(message.contains("WAV file"), message);
    }
}
