package io.cryflow.inference.evaluation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cryflow.inference.episode.EpisodeSensitivity;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.ingest.scene.DistractorEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What {@code ./cryflow evaluate} reports: per sensitivity, episode recall, alarms per detected bout, false alarms
 * per hour overall and by distractor class, onset and report delays, with group-bootstrap 95 % intervals; printed as
 * a table ({@link #text()}) and as JSON ({@link #json()}), the same content.
 *
 * @param header        what was evaluated
 * @param sensitivities one result per sensitivity, LOW, NORMAL, HIGH
 */
public record EvaluationReport(@JsonProperty("header") Header header,
        @JsonProperty("sensitivities") List<SensitivityResult> sensitivities) {

    /** Targets: false alarms per hour at most this, at a recall of at least {@link #TARGET_RECALL}. */
    public static final double TARGET_FALSE_ALARMS_PER_HOUR = 1.0;
    public static final double TARGET_RECALL = 0.95;
    /** No class may raise more false alarms than this per hour of its own audio. */
    public static final double TARGET_CLASS_PER_HOUR = 2.0;
    public static final double TARGET_ALARMS_PER_EPISODE = 1.1;
    public static final double CONFIDENCE = 0.95;

    /**
     * @param models           the models' versions
     * @param split            the split file
     * @param splitSeed        its seed
     * @param data             the data folders
     * @param seed             the scenes' seed (and the bootstrap's)
     * @param scenes           scenes played
     * @param sceneSeconds     length of each
     * @param hours            audio played in all
     * @param clipsUsed        validation files and groups used, by class
     * @param clipsSkipped     files and groups left out, by reason
     * @param bouts            cry bouts placed
     * @param boutGroups       distinct cry groups among them
     * @param distractors      distractor events placed and their minutes, by class
     * @param resamples        bootstrap resamples
     * @param bootstrapUnits   what each interval resamples
     */
    public record Header(@JsonProperty("models") String models, @JsonProperty("split") String split,
            @JsonProperty("split_seed") long splitSeed, @JsonProperty("data") List<String> data,
            @JsonProperty("seed") long seed, @JsonProperty("scenes") int scenes,
            @JsonProperty("scene_seconds") double sceneSeconds, @JsonProperty("hours") double hours,
            @JsonProperty("clips_used") Map<String, EvaluationClips.Count> clipsUsed,
            @JsonProperty("clips_skipped") Map<String, EvaluationClips.Count> clipsSkipped,
            @JsonProperty("bouts") int bouts, @JsonProperty("bout_groups") int boutGroups,
            @JsonProperty("distractor_events") Map<String, Events> distractors,
            @JsonProperty("bootstrap_resamples") int resamples,
            @JsonProperty("bootstrap_units") Map<String, String> bootstrapUnits) {
    }

    /** Distractor events of one class: how many, and their minutes of audio. */
    public record Events(@JsonProperty("events") int events, @JsonProperty("minutes") double minutes) {
    }

    /** False alarms attributed to one class. */
    public record ClassResult(@JsonProperty("class") String soundClass, @JsonProperty("false_alarms") int falseAlarms,
            @JsonProperty("minutes") double minutes, @JsonProperty("per_hour_of_class") double perHourOfClass,
            @JsonProperty("per_hour_of_all") double perHourOfAll) {
    }

    /** A quantile pair, seconds. */
    public record Delays(@JsonProperty("p50") double p50, @JsonProperty("p95") double p95) {
    }

    /** One sensitivity's results; {@code misses} lists the targets not met (empty: all met). */
    public record SensitivityResult(@JsonProperty("sensitivity") String sensitivity,
            @JsonProperty("on_threshold") double onThreshold, @JsonProperty("off_threshold") double offThreshold,
            @JsonProperty("on_windows") int onWindows,
            @JsonProperty("bouts") int bouts, @JsonProperty("bouts_detected") int detected,
            @JsonProperty("recall") double recall, @JsonProperty("recall_ci95") double[] recallCi,
            @JsonProperty("alarms_on_detected_bouts") int alarmsOnBouts,
            @JsonProperty("alarms_per_episode") double alarmsPerEpisode,
            @JsonProperty("false_alarms") int falseAlarms,
            @JsonProperty("false_alarms_per_hour") double falseAlarmsPerHour,
            @JsonProperty("false_alarms_per_hour_ci95") double[] falseAlarmsPerHourCi,
            @JsonProperty("onset_delay_s") Delays onsetDelay, @JsonProperty("report_delay_s") Delays reportDelay,
            @JsonProperty("false_alarms_by_class") List<ClassResult> byClass,
            @JsonProperty("targets_missed") List<String> misses) {

        @JsonProperty("targets_met")
        public boolean targetsMet() {
            return misses.isEmpty();
        }
    }

    /**
     * Aggregates the scenes' outcomes.
     *
     * @param outcomes  per sensitivity, one outcome per scene (same scenes, in order)
     * @param settings  per sensitivity, the episode rules used
     * @param resamples bootstrap resamples
     * @param seed      bootstrap seed
     */
    public static List<SensitivityResult> results(Map<EpisodeSensitivity, List<SceneOutcome>> outcomes,
            Map<EpisodeSensitivity, EpisodeSettings> settings, int resamples, long seed) {
        List<SensitivityResult> results = new ArrayList<>();
        outcomes.forEach((sensitivity, scenes) -> results.add(result(sensitivity.name(), settings.get(sensitivity),
                scenes, resamples, seed)));
        return results;
    }

    static SensitivityResult result(String name, EpisodeSettings settings, List<SceneOutcome> scenes, int resamples,
            long seed) {
        double hours = scenes.stream().mapToDouble(SceneOutcome::durationSeconds).sum() / 3600;
        Map<String, double[]> byGroup = new TreeMap<>(); // group -> {detected, bouts}
        List<Double> onsets = new ArrayList<>();
        List<Double> reports = new ArrayList<>();
        int bouts = 0;
        int detected = 0;
        int alarmsOnBouts = 0;
        for (SceneOutcome scene : scenes) {
            for (SceneOutcome.BoutOutcome bout : scene.bouts()) {
                bouts++;
                double[] g = byGroup.computeIfAbsent(bout.group(), k -> new double[2]);
                g[1]++;
                if (bout.detected()) {
                    detected++;
                    g[0]++;
                    alarmsOnBouts += bout.alarms();
                    onsets.add(bout.onsetDelay());
                    reports.add(bout.reportDelay());
                }
            }
        }
        double[] recallCi = Bootstrap.ratioInterval(column(byGroup, 0), column(byGroup, 1), resamples, CONFIDENCE, seed);
        double[] sceneAlarms = scenes.stream().mapToDouble(s -> s.falseAlarms().size()).toArray();
        double[] sceneHours = scenes.stream().mapToDouble(s -> s.durationSeconds() / 3600).toArray();
        double[] faCi = Bootstrap.ratioInterval(sceneAlarms, sceneHours, resamples, CONFIDENCE, seed + 1);
        int falseAlarms = (int) Arrays.stream(sceneAlarms).sum();

        Map<String, Double> minutes = classMinutes(scenes);
        minutes.put(SoundClass.BED, hours * 60);
        Map<String, Integer> counts = new TreeMap<>();
        scenes.forEach(s -> s.falseAlarms().forEach(c -> counts.merge(c, 1, Integer::sum)));
        List<ClassResult> byClass = new ArrayList<>();
        for (String soundClass : new TreeSet<>(minutes.keySet())) {
            int n = counts.getOrDefault(soundClass, 0);
            double m = minutes.get(soundClass);
            byClass.add(new ClassResult(soundClass, n, m, m > 0 ? n / (m / 60) : Double.NaN, ratio(n, hours)));
        }
        double recall = ratio(detected, bouts);
        double faPerHour = ratio(falseAlarms, hours);
        double alarmsPerEpisode = ratio(alarmsOnBouts, detected);
        List<String> misses = new ArrayList<>();
        if (!(recall >= TARGET_RECALL)) {
            misses.add(String.format(Locale.ROOT, "recall %.2f < %.2f", recall, TARGET_RECALL));
        }
        if (!(faPerHour <= TARGET_FALSE_ALARMS_PER_HOUR)) {
            misses.add(String.format(Locale.ROOT, "FA/h %.1f > %.0f", faPerHour, TARGET_FALSE_ALARMS_PER_HOUR));
        }
        for (ClassResult c : byClass) {
            if (c.perHourOfClass() > TARGET_CLASS_PER_HOUR) {
                misses.add(String.format(Locale.ROOT, "%s %.1f/h > %.0f", c.soundClass(), c.perHourOfClass(),
                        TARGET_CLASS_PER_HOUR));
            }
        }
        if (alarmsPerEpisode > TARGET_ALARMS_PER_EPISODE) {
            misses.add(String.format(Locale.ROOT, "alarms/episode %.2f > %.1f", alarmsPerEpisode, TARGET_ALARMS_PER_EPISODE));
        }
        return new SensitivityResult(name, settings.onThreshold(), settings.offThreshold(), settings.onWindows(), bouts,
                detected, recall, recallCi, alarmsOnBouts, alarmsPerEpisode, falseAlarms, faPerHour, faCi,
                delays(onsets), delays(reports), byClass, misses);
    }

    /** Minutes of distractor audio by class over the scenes. */
    static Map<String, Double> classMinutes(List<SceneOutcome> scenes) {
        Map<String, Double> minutes = new TreeMap<>();
        for (SceneOutcome scene : scenes) {
            for (DistractorEvent event : scene.distractors()) {
                minutes.merge(event.soundClass(), event.durationSeconds() / 60, Double::sum);
            }
        }
        return minutes;
    }

    private static double[] column(Map<String, double[]> rows, int i) {
        return rows.values().stream().mapToDouble(r -> r[i]).toArray();
    }

    private static double ratio(double numerator, double denominator) {
        return denominator > 0 ? numerator / denominator : Double.NaN;
    }

    private static Delays delays(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new Delays(Bootstrap.percentile(sorted, 0.5), Bootstrap.percentile(sorted, 0.95));
    }

    /** The report as pretty-printed JSON (NaN, where nothing was measured, as null). */
    public String json() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(this).replace("\"NaN\"", "null");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
    }

    /** The report as a readable table. */
    public String text() {
        StringBuilder out = new StringBuilder();
        Header h = header;
        out.append(String.format(Locale.ROOT, "models %s%nsplit %s (seed %d); data %s%n", h.models(), h.split(),
                h.splitSeed(), String.join(", ", h.data())));
        out.append("validation clips used: ").append(counts(h.clipsUsed())).append('\n');
        out.append("left out: ").append(counts(h.clipsSkipped())).append('\n');
        out.append(String.format(Locale.ROOT, "%d scenes x %.0f s = %.2f h, seed %d; %d bouts from %d cry groups%n",
                h.scenes(), h.sceneSeconds(), h.hours(), h.seed(), h.bouts(), h.boutGroups()));
        StringBuilder events = new StringBuilder();
        h.distractors().forEach((c, e) -> events.append(String.format(Locale.ROOT, "%s%s %d (%.1f min)",
                events.length() == 0 ? "" : ", ", c, e.events(), e.minutes())));
        out.append("distractor events: ").append(events.length() == 0 ? "none" : events).append("\n\n");

        out.append(String.format(Locale.ROOT, "%-11s %-16s %-21s %-15s %-13s %-20s %-16s %s%n", "sensitivity",
                "on thr x windows", "recall [95% CI]", "alarms/episode", "false alarms", "FA/h [95% CI]",
                "onset p50/p95 s", "report p50/p95 s"));
        for (SensitivityResult r : sensitivities) {
            out.append(String.format(Locale.ROOT, "%-11s %-16s %-21s %-15s %-13d %-20s %-16s %s%n", r.sensitivity(),
                    String.format(Locale.ROOT, "%.3f x %d", r.onThreshold(), r.onWindows()),
                    String.format(Locale.ROOT, "%d/%d %s [%s, %s]", r.detected(), r.bouts(), f2(r.recall()),
                            f2(r.recallCi()[0]), f2(r.recallCi()[1])),
                    String.format(Locale.ROOT, "%s (%d)", f2(r.alarmsPerEpisode()), r.alarmsOnBouts()),
                    r.falseAlarms(),
                    String.format(Locale.ROOT, "%s [%s, %s]", f1(r.falseAlarmsPerHour()), f1(r.falseAlarmsPerHourCi()[0]),
                            f1(r.falseAlarmsPerHourCi()[1])),
                    f1(r.onsetDelay().p50()) + " / " + f1(r.onsetDelay().p95()),
                    f1(r.reportDelay().p50()) + " / " + f1(r.reportDelay().p95())));
        }
        out.append("\nfalse alarms by class: count, per hour of that class's audio, per hour of all audio\n");
        out.append(String.format(Locale.ROOT, "%-16s %8s", "class", "minutes"));
        sensitivities.forEach(r -> out.append(String.format(Locale.ROOT, "  %-22s", r.sensitivity())));
        out.append('\n');
        List<String> classes = sensitivities.isEmpty() ? List.of()
                : sensitivities.get(0).byClass().stream().map(ClassResult::soundClass).toList();
        for (int i = 0; i < classes.size(); i++) {
            out.append(String.format(Locale.ROOT, "%-16s %8.1f", classes.get(i), sensitivities.get(0).byClass().get(i).minutes()));
            for (SensitivityResult r : sensitivities) {
                ClassResult c = r.byClass().get(i);
                out.append(String.format(Locale.ROOT, "  %-22s", String.format(Locale.ROOT, "%d  %s/h  %s/h",
                        c.falseAlarms(), f1(c.perHourOfClass()), f1(c.perHourOfAll()))));
            }
            out.append('\n');
        }
        out.append(String.format(Locale.ROOT, "%ntargets (FA/h <= %.0f at recall >= %.2f; no class > %.0f per hour of its audio;"
                + " alarms per episode <= %.1f):%n", TARGET_FALSE_ALARMS_PER_HOUR, TARGET_RECALL, TARGET_CLASS_PER_HOUR,
                TARGET_ALARMS_PER_EPISODE));
        for (SensitivityResult r : sensitivities) {
            out.append(String.format(Locale.ROOT, "  %-7s %s%n", r.sensitivity(),
                    r.targetsMet() ? "met" : "not met: " + String.join("; ", r.misses())));
        }
        out.append(String.format(Locale.ROOT, "95%% intervals: percentile bootstrap, %d resamples, seed %d; ",
                h.resamples(), h.seed()));
        List<String> units = new ArrayList<>();
        h.bootstrapUnits().forEach((k, v) -> units.add(k + " resamples " + v));
        out.append(String.join(", ", units)).append(".\n");
        out.append(String.format(Locale.ROOT, "A bout is detected when an alarm overlaps [start - %.0f s, end + %.0f s];"
                + " delays are from the bout's start (report: the window end at which CRY_STARTED was decided).%n",
                SceneOutcome.BEFORE_SECONDS, SceneOutcome.AFTER_SECONDS));
        return out.toString();
    }

    /** The bootstrap units as the report names them. */
    static Map<String, String> bootstrapUnits() {
        Map<String, String> units = new LinkedHashMap<>();
        units.put("recall", "cry groups (all bouts of a baby together)");
        units.put("false_alarms_per_hour", "scenes");
        return units;
    }

    private static String counts(Map<String, EvaluationClips.Count> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, c) -> parts.add(String.format(Locale.ROOT, "%s %d files/%d groups", k, c.files(), c.groups())));
        return String.join(", ", parts);
    }

    private static String f1(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.2f", v);
    }
}
