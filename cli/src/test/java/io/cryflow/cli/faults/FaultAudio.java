package io.cryflow.cli.faults;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.features.StreamingFeatureExtractor;
import io.cryflow.schemas.Float32le;
import io.cryflow.schemas.MelFrames;
import io.cryflow.schemas.PcmS16le;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** The rooms the fault tests stream, and the frames an uninterrupted extractor makes of them. */
final class FaultAudio {

    static final FeatureConfig DSP = FeatureConfig.DEFAULT;
    static final int ROOMS = 4;
    static final int CHUNKS_PER_ROOM = 120;
    static final int CHUNK_SAMPLES = 8000;
    static final int TOTAL_CHUNKS = ROOMS * CHUNKS_PER_ROOM;
    static final Instant T0 = Instant.parse("2026-12-01T03:00:00Z");

    private FaultAudio() {
    }

    /** Four rooms of noise with cry-like bursts at different times, 60 s each. */
    static Map<String, short[]> rooms() {
        Map<String, short[]> rooms = new TreeMap<>();
        for (int r = 0; r < ROOMS; r++) {
            Random random = new Random(r);
            short[] samples = new short[CHUNKS_PER_ROOM * CHUNK_SAMPLES];
            double phase = 0;
            for (int i = 0; i < samples.length; i++) {
                double t = i / 16000.0;
                double value = 0.003 * random.nextGaussian();
                if ((t + 7 * r) % 20 > 12) {
                    phase += 2 * Math.PI * (500 + 200 * Math.sin(2 * Math.PI * 2 * t)) / 16000;
                    value += 0.2 * Math.sin(phase);
                }
                samples[i] = PcmS16le.quantize((float) value);
            }
            rooms.put("room-" + r, samples);
        }
        return rooms;
    }

    static float[] directFrames(short[] audio) {
        float[] samples = new float[audio.length];
        for (int i = 0; i < audio.length; i++) {
            samples[i] = audio[i] / 32768f;
        }
        StreamingFeatureExtractor extractor = new StreamingFeatureExtractor(DSP);
        List<float[]> out = new ArrayList<>();
        extractor.accept(samples, (index, logMel, energy) -> out.add(logMel.clone()));
        float[] all = new float[out.size() * DSP.melCount()];
        for (int f = 0; f < out.size(); f++) {
            System.arraycopy(out.get(f), 0, all, f * DSP.melCount(), DSP.melCount());
        }
        return all;
    }

    static float[] concatenated(List<MelFrames> records) {
        float[] all = new float[records.stream().mapToInt(r -> r.getFrameCount() * r.getMelBands()).sum()];
        int at = 0;
        for (MelFrames record : records) {
            at += Float32le.toFloats(record.getLogMel(), all, at);
        }
        return all;
    }
}
