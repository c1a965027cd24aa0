package io.cryflow.inference.evaluation;

import io.cryflow.ingest.scene.SceneClip;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The clips evaluation scenes may use: the rows of the data folders' manifests whose group the split puts in
 * validation (or, to choose rules without touching validation, in training), as cries, beds and distractors (by
 * {@link SoundClass}); {@code cry?} rows are left out.
 *
 * @param beds        room-noise clips
 * @param cries       cry clips
 * @param distractors non-cry clips with their class
 * @param used        files and groups used by class ({@code cry}, {@value SoundClass#BED} and each distractor class)
 * @param skipped     rows left out, by reason: {@code train} or {@code val} (group in the other part of the split),
 *                    {@code unknown} (group not in the split), {@code cry?} (unscreened)
 */
public record EvaluationClips(List<SceneClip> beds, List<SceneClip> cries, List<SceneClip> distractors,
        Map<String, Count> used, Map<String, Count> skipped) {

    public static final String CRY = "cry";

    /** Files and distinct groups. */
    public record Count(int files, int groups) {
    }

    /**
     * Reads every folder's {@code manifest.csv}. Clip ids are manifest paths; for the second and later folders they
     * start with the folder's name.
     *
     * @throws MalformedInputException for a malformed manifest, or a non-cry path with no sound class
     */
    public static EvaluationClips of(List<Path> folders, DataSplit split) throws IOException {
        return of(folders, split, DataSplit.VAL);
    }

    /**
     * As {@link #of(List, DataSplit)}, from the groups the split puts in {@code part} ({@value DataSplit#VAL} or
     * {@value DataSplit#TRAIN}).
     */
    public static EvaluationClips of(List<Path> folders, DataSplit split, String part) throws IOException {
        if (!DataSplit.VAL.equals(part) && !DataSplit.TRAIN.equals(part)) {
            throw new IllegalArgumentException("groups must be " + DataSplit.VAL + " or " + DataSplit.TRAIN + ", not " + part);
        }
        List<SceneClip> beds = new ArrayList<>();
        List<SceneClip> cries = new ArrayList<>();
        List<SceneClip> distractors = new ArrayList<>();
        Map<String, Tally> used = new TreeMap<>();
        Map<String, Tally> skipped = new TreeMap<>();
        for (int f = 0; f < folders.size(); f++) {
            Path folder = folders.get(f);
            String prefix = f == 0 ? "" : folder.toAbsolutePath().normalize().getFileName() + "/";
            for (ManifestRow row : ManifestRow.read(folder)) {
                String reason = row.label().equals(ManifestRow.UNSCREENED) ? ManifestRow.UNSCREENED
                        : part.equals(split.partOf(row.group())) ? null
                        : split.partOf(row.group()) != null ? split.partOf(row.group()) : "unknown";
                if (reason != null) {
                    skipped.computeIfAbsent(reason, r -> new Tally()).add(row.group());
                    continue;
                }
                String soundClass;
                try {
                    soundClass = row.label().equals(ManifestRow.CRY) ? CRY : SoundClass.of(row.path());
                } catch (IllegalArgumentException e) {
                    throw new MalformedInputException(folder.resolve("manifest.csv") + ": " + e.getMessage(), e);
                }
                SceneClip clip = new SceneClip(row.file(), prefix + row.path(), row.group(), soundClass);
                (soundClass.equals(CRY) ? cries : soundClass.equals(SoundClass.BED) ? beds : distractors).add(clip);
                used.computeIfAbsent(soundClass, c -> new Tally()).add(row.group());
            }
        }
        return new EvaluationClips(beds, cries, distractors, counts(used), counts(skipped));
    }

    public EvaluationClips {
        beds = List.copyOf(beds);
        cries = List.copyOf(cries);
        distractors = List.copyOf(distractors);
        used = new TreeMap<>(used);
        skipped = new TreeMap<>(skipped);
    }

    private static Map<String, Count> counts(Map<String, Tally> tallies) {
        Map<String, Count> out = new TreeMap<>();
        tallies.forEach((k, t) -> out.put(k, new Count(t.files, t.groups.size())));
        return out;
    }

    private static final class Tally {
        int files;
        final Set<String> groups = new HashSet<>();

        void add(String group) {
            files++;
            groups.add(group);
        }
    }
}
