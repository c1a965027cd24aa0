package io.cryflow.ingest.wav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cryflow.ingest.SharedData;
import io.cryflow.ingest.source.MonoWavStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the real recordings of the shared data set. */
class SharedDataWavTest {

    @Test
    void everyManifestFileOfTheMainFoldersReadsWithItsListedRateAndDuration() throws IOException {
        Path data = SharedData.dataDir();
        List<String> lines = Files.readAllLines(data.resolve("manifest.csv"));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            // Every cry and every background-like file; the 2000 spoken digits are sampled.
            if (line.startsWith("free-spoken-digit-dataset/") && line.hashCode() % 20 != 0) {
                continue;
            }
            String[] f = line.split(",");
            String path = f[0];
            int rate = Integer.parseInt(f[f.length - 2]);
            double duration = Double.parseDouble(f[f.length - 1]);
            try (WavReader reader = WavReader.open(data.resolve(path))) {
                assertEquals(rate, reader.format().sampleRate(), path);
                float[] mono = reader.readAllMono();
                assertEquals(duration, (double) mono.length / rate, 0.001, path);
                for (float v : mono) {
                    assertTrue(v >= -1f && v < 1f, path);
                }
            }
            checked++;
        }
        assertTrue(checked > 500, "checked only " + checked);
    }

    @Test
    void eightKilohertzCryIsResampledTo16kHz() throws IOException {
        Path data = SharedData.dataDir();
        String eightK = Files.readAllLines(data.resolve("manifest.csv")).stream()
                .filter(l -> l.contains(",cry,") && l.contains(",8000,")).findFirst().orElseThrow();
        Path file = data.resolve(eightK.split(",")[0]);
        float[] native8k;
        try (WavReader reader = WavReader.open(file)) {
            native8k = reader.readAllMono();
        }
        float[] at16k = MonoWavStream.readAll(file, 16000);
        assertEquals(2 * native8k.length, at16k.length);
        // Upsampling interpolates: every other output sample lands on an input sample time.
        double err = 0;
        double energy = 0;
        for (int i = 100; i < native8k.length - 100; i++) {
            err += Math.pow(at16k[2 * i] - native8k[i], 2);
            energy += Math.pow(native8k[i], 2);
        }
        assertTrue(10 * Math.log10(err / energy) < -30, "resampled cry departs from its samples");
    }
}
