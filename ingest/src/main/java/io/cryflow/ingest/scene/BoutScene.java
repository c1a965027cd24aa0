package io.cryflow.ingest.scene;

import io.cryflow.ingest.csv.Csv;
import io.cryflow.ingest.wav.WavWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A room scene for episode-level evaluation, made by {@link BoutSceneBuilder}: a quiet bed, crying bouts and
 * distractor sounds, with the ground truth of every placement.
 *
 * @param samples     the mix, mono, peak below full scale
 * @param sampleRate  samples per second
 * @param bedClips    ids of the bed clips used, in order
 * @param bedDbfs     the bed's RMS level as mixed, in dBFS
 * @param bouts       crying bouts in time order
 * @param distractors distractor events in time order
 */
public record BoutScene(float[] samples, int sampleRate, List<String> bedClips, double bedDbfs, List<CryBout> bouts,
        List<DistractorEvent> distractors) {

    /** Header of {@link #writeTo}'s events file. */
    public static final String EVENTS_HEADER = "kind,start_s,end_s,class,level_db,group,clips";

    public BoutScene {
        bedClips = List.copyOf(bedClips);
        bouts = List.copyOf(bouts);
        distractors = List.copyOf(distractors);
    }

    public double durationSeconds() {
        return (double) samples.length / sampleRate;
    }

    /**
     * Writes the mix as a 16-bit WAV, the bouts beside it as {@link GroundTruthCsv} ({@code <stem>.cries.csv}) and
     * every placement as {@code <stem>.events.csv} ({@value #EVENTS_HEADER}; one {@code bed} row with its level in
     * dBFS, {@code bout} rows with their SNR in dB, {@code distractor} rows with their level in dBFS).
     */
    public void writeTo(Path wav) throws IOException {
        SceneFiles.createParent(wav);
        WavWriter.writePcm16Mono(wav, samples, sampleRate);
        GroundTruthCsv.write(SceneFiles.groundTruthPath(wav), bouts.stream().map(CryBout::asEpisode).toList());
        try (BufferedWriter out = Files.newBufferedWriter(SceneFiles.siblingPath(wav, ".events.csv"), StandardCharsets.UTF_8)) {
            out.write(EVENTS_HEADER + "\n");
            out.write(row("bed", 0, durationSeconds(), "bed", bedDbfs, "", bedClips));
            for (CryBout b : bouts) {
                out.write(row("bout", b.startSeconds(), b.endSeconds(), "cry", b.snrDb(), b.group(), b.clips()));
            }
            for (DistractorEvent d : distractors) {
                out.write(row("distractor", d.startSeconds(), d.endSeconds(), d.soundClass(), d.levelDbfs(), "", d.clips()));
            }
        }
    }

    private static String row(String kind, double start, double end, String soundClass, double level, String group,
            List<String> clips) {
        return String.format(Locale.ROOT, "%s,%.6f,%.6f,%s,%.2f,%s,%s%n", kind, start, end, Csv.quote(soundClass), level,
                Csv.quote(group), Csv.quote(String.join("|", clips)));
    }
}
