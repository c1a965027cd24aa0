package io.cryflow.inference.export;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.inference.input.MelWindow;
import io.cryflow.inference.input.ModelInputSpec;
import io.cryflow.inference.input.OfflineWindows;
import io.cryflow.ingest.csv.Csv;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Turns a plan of examples into the model input tensors the inference stage would build for them:
 * each example is rendered ({@link ExampleRenderer}) and run through {@link OfflineWindows} (the
 * streaming extractor and the serving {@code WindowAssembler}). Writes {@code windows.npy}
 * (float32 {@code [N, windowFrames, melBands]}) and {@code index.csv} (one row per window: its row in
 * the tensor, example id, start frame and second, then the plan's pass-through columns).
 * and {@code export.properties} (the DSP configuration id and window spec the tensors were built with).
 * Examples shorter than one window give no rows.
 */
public final class TensorExport {

    public static final String TENSOR_FILE = "windows.npy";
    public static final String INDEX_FILE = "index.csv";
    /** What made the tensors: DSP configuration id and window spec, as {@code key=value} lines. */
    public static final String SPEC_FILE = "export.properties";

    /** What an export wrote. */
    public record Summary(int examples, int examplesWithoutWindows, long windows) {
    }

    private final ExampleRenderer renderer;
    private final FeatureConfig featureConfig;
    private final ModelInputSpec spec;
    private final int threads;

    public TensorExport(Path dataDir, FeatureConfig featureConfig, ModelInputSpec spec, int threads) {
        spec.requireCompatible(featureConfig);
        this.renderer = new ExampleRenderer(dataDir, featureConfig.sampleRate());
        this.featureConfig = featureConfig;
        this.spec = spec;
        this.threads = Math.max(1, threads);
    }

    /** Reads a plan CSV (header row first). */
    public static List<ExampleRecipe> readPlan(Path plan) throws IOException {
        List<String> lines = Files.readAllLines(plan, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException("plan " + plan + " is empty");
        }
        List<String> header = Csv.split(lines.get(0)).stream().map(String::trim).toList();
        if (!header.contains("id") || !header.contains("files")) {
            throw new IOException("plan " + plan + " needs columns id and files, has " + header);
        }
        List<ExampleRecipe> recipes = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                recipes.add(ExampleRecipe.fromRow(header, Csv.split(lines.get(i))));
            } catch (IllegalArgumentException e) {
                throw new IOException("plan " + plan + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return recipes;
    }

    /** The windows of one example, as serving would build them. */
    public List<MelWindow> windows(ExampleRecipe recipe) throws IOException {
        return OfflineWindows.of(renderer.render(recipe), featureConfig, spec, 0L);
    }

    /** Exports every recipe into {@code outDir} (created if needed), in plan order. */
    public Summary export(List<ExampleRecipe> recipes, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<String> passThrough = recipes.isEmpty() ? List.of() : List.copyOf(recipes.get(0).passThrough().keySet());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        int withoutWindows = 0;
        try (NpyFloatWriter tensors = new NpyFloatWriter(outDir.resolve(TENSOR_FILE), spec.windowFrames(), spec.melBands());
                BufferedWriter index = Files.newBufferedWriter(outDir.resolve(INDEX_FILE), StandardCharsets.UTF_8)) {
            index.write(String.join(",", header(passThrough)));
            index.newLine();
            // Bounded look-ahead keeps memory flat while both cores render.
            int batch = 8 * threads;
            for (int from = 0; from < recipes.size(); from += batch) {
                List<Future<List<MelWindow>>> pending = new ArrayList<>();
                for (ExampleRecipe recipe : recipes.subList(from, Math.min(recipes.size(), from + batch))) {
                    pending.add(pool.submit(() -> windows(recipe)));
                }
                for (int i = 0; i < pending.size(); i++) {
                    ExampleRecipe recipe = recipes.get(from + i);
                    List<MelWindow> windows = await(pending.get(i), recipe);
                    if (windows.isEmpty()) {
                        withoutWindows++;
                    }
                    for (MelWindow window : windows) {
                        writeRow(index, tensors.rows(), recipe, window, passThrough);
                        tensors.write(window.values());
                    }
                }
            }
            index.flush();
            writeSpec(outDir.resolve(SPEC_FILE));
            return new Summary(recipes.size(), withoutWindows, tensors.rows());
        } finally {
            pool.shutdownNow();
        }
    }

    private void writeSpec(Path file) throws IOException {
        Files.writeString(file, String.join("\n",
                ModelInputSpec.KEY_DSP_CONFIG_ID + "=" + spec.dspConfigId(),
                ModelInputSpec.KEY_MEL_BANDS + "=" + spec.melBands(),
                ModelInputSpec.KEY_WINDOW_FRAMES + "=" + spec.windowFrames(),
                ModelInputSpec.KEY_HOP_FRAMES + "=" + spec.hopFrames(),
                "cryflow.frame_rate=" + featureConfig.frameRate()) + "\n", StandardCharsets.UTF_8);
    }

    private static List<String> header(List<String> passThrough) {
        List<String> header = new ArrayList<>(List.of("row", "example_id", "start_frame", "start_s"));
        header.addAll(passThrough);
        return header;
    }

    private void writeRow(BufferedWriter index, long row, ExampleRecipe recipe, MelWindow window,
            List<String> passThrough) throws IOException {
        StringBuilder line = new StringBuilder();
        line.append(row).append(',').append(Csv.quote(recipe.id())).append(',')
                .append(window.startFrameIndex()).append(',')
                .append(String.format(Locale.ROOT, "%.3f", window.startFrameIndex() / featureConfig.frameRate()));
        for (String column : passThrough) {
            line.append(',').append(Csv.quote(recipe.passThrough().getOrDefault(column, "")));
        }
        index.write(line.toString());
        index.newLine();
    }

    private static List<MelWindow> await(Future<List<MelWindow>> future, ExampleRecipe recipe) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = "example " + recipe.id() + ": " + cause.getMessage();
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                throw new IOException(message, cause);
            }
            throw new IllegalStateException(message, cause);
        }
    }
}
