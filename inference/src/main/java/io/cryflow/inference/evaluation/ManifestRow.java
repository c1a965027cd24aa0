package io.cryflow.inference.evaluation;

import io.cryflow.ingest.csv.Csv;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One row of a data folder's {@code manifest.csv} (header {@value #HEADER}, in any column order, more columns
 * allowed).
 *
 * @param file            the audio file (the manifest's folder resolved with {@code path})
 * @param path            as written in the manifest, relative to its folder
 * @param label           {@code cry}, {@code non_cry} or {@code cry?}
 * @param group           the recording group a split assigns
 * @param durationSeconds as the manifest states it
 */
public record ManifestRow(Path file, String path, String label, String group, double durationSeconds) {

    public static final String HEADER = "path,label,cause,group,source,license,sample_rate,duration_s";
    public static final String CRY = "cry";
    public static final String NON_CRY = "non_cry";
    public static final String UNSCREENED = "cry?";
    private static final Set<String> LABELS = Set.of(CRY, NON_CRY, UNSCREENED);

    /**
     * Reads {@code folder/manifest.csv}.
     *
     * @throws MalformedInputException naming the file and line: a missing column, a row with another field count
     *                                 than the header, an empty path or group, a duration that is not a non-negative
     *                                 number, a label other than cry, non_cry or cry?
     */
    public static List<ManifestRow> read(Path folder) throws IOException {
        Path manifest = folder.resolve("manifest.csv");
        if (!Files.isRegularFile(manifest)) {
            throw new MalformedInputException(manifest + ": manifest not found");
        }
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new MalformedInputException(manifest + ":1: empty manifest, expected the header " + HEADER);
        }
        List<String> header = Csv.split(lines.get(0));
        for (String column : HEADER.split(",")) {
            if (!header.contains(column)) {
                throw new MalformedInputException(manifest + ":1: no '" + column + "' column (expected " + HEADER + ")");
            }
        }
        int path = header.indexOf("path");
        int label = header.indexOf("label");
        int group = header.indexOf("group");
        int duration = header.indexOf("duration_s");
        List<ManifestRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String where = manifest + ":" + (i + 1) + ": ";
            List<String> row = Csv.split(lines.get(i));
            if (row.size() != header.size()) {
                throw new MalformedInputException(where + row.size() + " fields, the header has " + header.size());
            }
            if (!LABELS.contains(row.get(label))) {
                throw new MalformedInputException(where + "unknown label '" + row.get(label) + "' (cry, non_cry or cry?)");
            }
            if (row.get(path).isBlank() || row.get(group).isBlank()) {
                throw new MalformedInputException(where + "empty path or group");
            }
            double seconds;
            try {
                seconds = Double.parseDouble(row.get(duration));
            } catch (NumberFormatException e) {
                throw new MalformedInputException(where + "duration_s '" + row.get(duration) + "' is not a number", e);
            }
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new MalformedInputException(where + "duration_s " + row.get(duration) + " is not a length");
            }
            rows.add(new ManifestRow(folder.resolve(row.get(path)), row.get(path), row.get(label), row.get(group), seconds));
        }
        return rows;
    }
}
