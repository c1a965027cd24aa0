package io.cryflow.ingest.scene;

import io.cryflow.ingest.csv.Csv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Ground truth of a scene as CSV: header {@value #HEADER}, one row per cry episode in time order,
 * times in seconds from the scene start with microsecond precision, text fields quoted.
 */
public final class GroundTruthCsv {

    public static final String HEADER = "start_s,end_s,snr_db,source_clip,cause";

    private GroundTruthCsv() {
    }

    public static void write(Path path, List<CryEpisode> episodes) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (CryEpisode e : episodes) {
                out.write(String.format(Locale.ROOT, "%.6f,%.6f,%.3f,%s,%s%n", e.startSeconds(), e.endSeconds(),
                        e.snrDb(), Csv.quote(e.sourceClip()), Csv.quote(e.cause())));
            }
        }
    }

    /** Reads a ground-truth file back, at {@code sampleRate} (rounding times to samples). */
    public static List<CryEpisode> read(Path path, int sampleRate) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException(path + ": not a ground-truth file (expected header " + HEADER + ")");
        }
        List<CryEpisode> episodes = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            List<String> f = Csv.split(lines.get(i));
            if (f.size() != 5) {
                throw new IOException(path + ":" + (i + 1) + ": expected 5 fields, found " + f.size());
            }
            try {
                episodes.add(new CryEpisode(Math.round(Double.parseDouble(f.get(0)) * sampleRate),
                        Math.round(Double.parseDouble(f.get(1)) * sampleRate), sampleRate,
                        Double.parseDouble(f.get(2)), f.get(3), f.get(4)));
            } catch (NumberFormatException e) {
                throw new IOException(path + ":" + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return episodes;
    }
}
