package io.cryflow.ingest.scene;

import io.cryflow.ingest.source.MonoWavStream;
import io.cryflow.ingest.wav.WavReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The small attributed sample set shipped inside the ingest jar ({@code samples/ATTRIBUTION.md}):
 * five Donate-a-cry cries, one per cause, over three household backgrounds and a few spoken
 * digits. It lets the demo and quick tests make realistic scenes on a fresh clone, without
 * {@code ../shared/data}.
 */
public final class BundledClipLibrary implements ClipLibrary {

    static final String RESOURCE_FOLDER = "/io/cryflow/ingest/samples/";

    private static final List<ClipEntry> CRIES = List.of(
            new ClipEntry("cry_hungry.wav", "hungry"),
            new ClipEntry("cry_tired.wav", "tired"),
            new ClipEntry("cry_burping.wav", "burping"),
            new ClipEntry("cry_belly_pain.wav", "belly_pain"),
            new ClipEntry("cry_discomfort.wav", "discomfort"));

    private static final List<ClipEntry> BACKGROUNDS = List.of(
            new ClipEntry("bg_running_tap.wav", ""),
            new ClipEntry("bg_pink_noise.wav", ""),
            new ClipEntry("bg_dude_miaowing.wav", ""),
            new ClipEntry("speech_jackson_3.wav", ""),
            new ClipEntry("speech_lucas_7.wav", ""),
            new ClipEntry("speech_george_1.wav", ""));

    @Override
    public String name() {
        return "bundled sample clips";
    }

    @Override
    public List<ClipEntry> cries() {
        return CRIES;
    }

    @Override
    public List<ClipEntry> backgrounds() {
        return BACKGROUNDS;
    }

    @Override
    public float[] load(ClipEntry clip, int sampleRate) throws IOException {
        String resource = RESOURCE_FOLDER + clip.id();
        InputStream in = BundledClipLibrary.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IOException("sample clip " + resource + " is missing from the classpath");
        }
        return MonoWavStream.readAll(WavReader.open(in, resource, -1), sampleRate);
    }
}
