package io.cryflow.inference.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to render one training example's audio, as a plan row gives it.
 *
 * @param id                 unique example id
 * @param files              foreground files (relative to the data directory), concatenated in order
 * @param background         background file, or empty for none
 * @param snrDb              foreground-to-background ratio in dB (as the scene generator defines it:
 *                           foreground mean square over its active 20 ms frames against the
 *                           background's mean square under the foreground); ignored without background
 * @param gainDb             gain applied to the finished mix (peaks are then limited to full scale)
 * @param roundTrip8k        resample 16 kHz -> 8 kHz -> 16 kHz, as a narrow-band microphone or codec would
 * @param minSeconds         the example is at least this long: background (or silence) pads the foreground
 * @param offsetSeconds      where the foreground starts in the example
 * @param backgroundOffsetSeconds where in the background file the example's background starts (it loops)
 * @param passThrough        every other plan column, copied to each of the example's index rows
 */
public record ExampleRecipe(String id, List<String> files, String background, double snrDb, double gainDb,
        boolean roundTrip8k, double minSeconds, double offsetSeconds, double backgroundOffsetSeconds,
        Map<String, String> passThrough) {

    /** Plan columns this class reads; any other column is passed through to the index. */
    public static final List<String> COLUMNS = List.of("id", "files", "background", "snr_db", "gain_db",
            "roundtrip_8k", "min_seconds", "offset_s", "bg_offset_s");

    /** Separates several foreground files in the {@code files} column. */
    public static final String FILE_SEPARATOR = "|";

    public ExampleRecipe {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("example id is required");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("example " + id + " has no files");
        }
        files = List.copyOf(files);
        passThrough = new LinkedHashMap<>(passThrough);
    }

    public boolean hasBackground() {
        return !background.isEmpty();
    }

    /**
     * The recipe in one plan row.
     *
     * @param header the plan's column names; {@code id} and {@code files} are required, the rest
     *               optional (defaults: no background, SNR 10 dB, gain 0 dB, no round trip, no minimum
     *               length, offsets 0)
     */
    static ExampleRecipe fromRow(List<String> header, List<String> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " fields, header " + header.size());
        }
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> passThrough = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            values.put(header.get(i), row.get(i).trim());
            if (!COLUMNS.contains(header.get(i))) {
                passThrough.put(header.get(i), row.get(i).trim());
            }
        }
        String id = values.getOrDefault("id", "");
        List<String> files = new ArrayList<>();
        for (String file : values.getOrDefault("files", "").split("\\" + FILE_SEPARATOR)) {
            if (!file.isBlank()) {
                files.add(file.trim());
            }
        }
        return new ExampleRecipe(id, files, values.getOrDefault("background", ""),
                number(values, "snr_db", 10.0), number(values, "gain_db", 0.0),
                flag(values, "roundtrip_8k"), number(values, "min_seconds", 0.0),
                number(values, "offset_s", 0.0), number(values, "bg_offset_s", 0.0), passThrough);
    }

    private static double number(Map<String, String> values, String key, double fallback) {
        String value = values.getOrDefault(key, "");
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number: " + value, e);
        }
    }

    private static boolean flag(Map<String, String> values, String key) {
        String value = values.getOrDefault(key, "").toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "", "0", "false", "no" -> false;
            case "1", "true", "yes" -> true;
            default -> throw new IllegalArgumentException(key + " is not a boolean: " + value);
        };
    }
}
