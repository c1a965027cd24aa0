package io.cryflow.ingest.scene;

import java.io.IOException;
import java.util.List;

/** Where scenes get their cry and background clips from. */
public interface ClipLibrary {

    /** Short description for logs and ground-truth headers. */
    String name();

    /** Clips of infants crying. */
    List<ClipEntry> cries();

    /** Clips with no cry in them, to mix the cries over. */
    List<ClipEntry> backgrounds();

    /** Loads a clip as mono samples at {@code sampleRate}. */
    float[] load(ClipEntry clip, int sampleRate) throws IOException;
}
