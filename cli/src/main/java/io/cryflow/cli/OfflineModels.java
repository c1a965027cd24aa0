package io.cryflow.cli;

import io.cryflow.inference.app.InferenceConfig;
import io.cryflow.inference.model.BundledModels;
import io.cryflow.inference.model.OnnxCauseClassifier;
import io.cryflow.inference.model.OnnxCryDetector;
import io.cryflow.inference.offline.OfflineAnalyzer;
import io.cryflow.inference.offline.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The models and episode rules the offline commands use: the bundled models unless
 * {@code cryflow.inference.model.*} names files, the episode keys of {@link InferenceConfig}.
 */
final class OfflineModels implements AutoCloseable {

    final OnnxCryDetector detector;
    final OnnxCauseClassifier classifier;
    final OfflineAnalyzer analyzer;

    OfflineModels(Properties settings) {
        detector = BundledModels.cryDetector(settings);
        try {
            classifier = BundledModels.causeClassifier(settings);
        } catch (RuntimeException e) {
            detector.close();
            throw e;
        }
        InferenceConfig config = InferenceConfig.fromProperties(settings);
        analyzer = new OfflineAnalyzer(detector, classifier,
                config.episodeSettings(detector.threshold(), classifier.uncertainBelow()), classifier.uncertainBelow());
    }

    /** One file's analysis, printing its JSON lines. */
    @FunctionalInterface
    interface FileAnalysis {
        void analyse(Path file) throws Exception;
    }

    /**
     * Runs {@code analysis} on each file in turn; a file that fails is reported on {@code err} in one line
     * naming it, and the others still run.
     *
     * @return the exit code: 0 when every file succeeded, else 1
     */
    static int forEachFile(String command, List<Path> files, PrintWriter err, FileAnalysis analysis) {
        int failed = 0;
        for (Path file : files) {
            try {
                analysis.analyse(file);
            } catch (Exception e) {
                failed++;
                String reason = Cryflow.describe(e);
                err.println("cryflow " + command + ": " + (reason.contains(file.toString()) ? reason : file + ": " + reason));
                err.flush();
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /** Progress lines on stderr: "file: 1:02:00 of 8:00:00 (13 %)". */
    static Progress progressTo(PrintWriter err) {
        return (file, done, total) -> {
            err.printf(Locale.ROOT, "%s: %s of %s (%.0f %%)%n", file, clock(done), clock(total), 100 * done / Math.max(total, 1e-9));
            err.flush();
        };
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    @Override
    public void close() {
        classifier.close();
        detector.close();
    }
}
