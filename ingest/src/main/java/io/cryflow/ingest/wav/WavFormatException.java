package io.cryflow.ingest.wav;

import java.io.IOException;

/** A WAV file that cannot be read: names the file and what is wrong with it. */
public final class WavFormatException extends IOException {

    private final String source;
    private final String problem;

    public WavFormatException(String source, String problem) {
        super(source + ": " + problem);
        this.source = source;
        this.problem = problem;
    }

    /** The file (or stream name) that was being read. */
    public String source() {
        return source;
    }

    /** What is wrong, without the file name. */
    public String problem() {
        return problem;
    }
}
