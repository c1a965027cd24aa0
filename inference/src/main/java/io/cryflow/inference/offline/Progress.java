package io.cryflow.inference.offline;

/** Where long offline runs report how far they are: the commands print it on stderr. */
@FunctionalInterface
public interface Progress {

    /** Files shorter than this get no progress lines. */
    double LONG_FILE_SECONDS = 600;

    /** {@code secondsDone} of {@code secondsTotal} of {@code file} analysed. */
    void report(String file, double secondsDone, double secondsTotal);

    Progress NONE = (file, done, total) -> { };
}
