package io.cryflow.benchmarks.evaluation;

import io.cryflow.ingest.scene.ClipEntry;
import io.cryflow.ingest.scene.ClipLibrary;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A clip library that decodes and resamples each clip once: hundreds of scenes draw from the same few hundred
 * clips. The returned arrays are shared; the scene generator only reads them.
 */
final class CachingClipLibrary implements ClipLibrary {

    private final ClipLibrary library;
    private final Map<String, float[]> loaded;

    /** @param cache decoded clips by rate and id, shared by libraries whose ids name the same files */
    CachingClipLibrary(ClipLibrary library, Map<String, float[]> cache) {
        this.library = library;
        this.loaded = cache;
    }

    @Override
    public String name() {
        return library.name();
    }

    @Override
    public List<ClipEntry> cries() {
        return library.cries();
    }

    @Override
    public List<ClipEntry> backgrounds() {
        return library.backgrounds();
    }

    @Override
    public float[] load(ClipEntry clip, int sampleRate) throws IOException {
        String key = sampleRate + ":" + clip.id();
        float[] samples = loaded.get(key);
        if (samples == null) {
            samples = library.load(clip, sampleRate);
            loaded.put(key, samples);
        }
        return samples;
    }
}
