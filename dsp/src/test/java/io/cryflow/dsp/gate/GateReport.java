package io.cryflow.dsp.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the evaluation's measured numbers to standard output and appends them to
 * {@code target/gate-report.txt}, from which {@code dsp/GATE.md} is written.
 */
final class GateReport {

    private static final Path FILE = Path.of("target", "gate-report.txt");

    private GateReport() {
    }

    static void print(String title, List<String> lines) {
        List<String> out = new ArrayList<>();
        out.add("## " + title);
        out.addAll(lines);
        out.add("");
        out.forEach(System.out::println);
        try {
            Files.createDirectories(FILE.getParent());
            Files.write(FILE, out, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Runs [start, end) of true values. */
    static List<int[]> runs(boolean[] mask) {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] && (i == 0 || !mask[i - 1])) {
                int j = i;
                while (j < mask.length && mask[j]) {
                    j++;
                }
                runs.add(new int[] {i, j});
            }
        }
        return runs;
    }
}
