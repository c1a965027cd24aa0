package io.cryflow.benchmarks.evaluation;

import io.cryflow.dsp.gate.GateConfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The evidence behind the gate's defaults: recall and cut of candidate settings on generated scenes whose seeds
 * ({@value #TUNING_SEED} on) are disjoint from those the report uses, so the reported figures are not tuned on.
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.cryflow.benchmarks.evaluation.GateSceneSweep [data-dir] [scenes-per-cell]
 * </pre>
 */
public final class GateSceneSweep {

    static final long TUNING_SEED = 5000L;

    private GateSceneSweep() {
    }

    /** Candidates: one or two settings changed from {@code base}. */
    static Map<String, GateConfig> candidates(GateConfig base) {
        Map<String, GateConfig> out = new LinkedHashMap<>();
        out.put("open 2 dB, close 0.5 dB, hang-over 2 s (0.1.0 default)", base);
        out.put("open 1.5 dB", open(base, 1.5));
        out.put("open 1 dB", open(base, 1.0));
        out.put("open 0.75 dB", open(base, 0.75));
        out.put("open 0.5 dB (= close margin)", open(base, 0.5));
        out.put("hang-over 3 s", base.withHangoverSeconds(3.0));
        out.put("hang-over 4 s", base.withHangoverSeconds(4.0));
        out.put("open 1.5 dB, hang-over 3 s", open(base, 1.5).withHangoverSeconds(3.0));
        out.put("open 1 dB, hang-over 3 s", open(base, 1.0).withHangoverSeconds(3.0));
        out.put("open 1.5 dB, hang-over 4 s", open(base, 1.5).withHangoverSeconds(4.0));
        out.put("open 1 dB, hang-over 4 s", open(base, 1.0).withHangoverSeconds(4.0));
        return out;
    }

    private static GateConfig open(GateConfig c, double openMarginDb) {
        return new GateConfig(c.lookAheadSeconds(), openMarginDb, Math.min(c.closeMarginDb(), openMarginDb), c.minimumOpenDbfs(),
                c.sensitivityDb(), c.hangoverSeconds(), c.minOpenSeconds(), c.floorBlockSeconds(), c.floorWindowSeconds(),
                c.floorPercentile(), c.spreadPercentile(), c.spreadRateDbPerSecond(), c.spreadLearnDelaySeconds(), c.warmUpSeconds());
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data");
        int scenes = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        GateSceneEvaluation.Settings base = GateSceneEvaluation.Settings.defaults(data).withScenesPerCell(scenes).withFirstSeed(TUNING_SEED);
        double[] snrs = base.snrsDb();
        StringBuilder header = new StringBuilder("| setting |");
        StringBuilder rule = new StringBuilder("|---|");
        for (double snr : snrs) {
            header.append(String.format(Locale.ROOT, " steady %.0f dB |", snr));
            rule.append("---|");
        }
        System.out.println(header + " all >= 0 dB (lower bound) | cut steady | cut quiet room | cut eventful |");
        System.out.println(rule + "---|---|---|---|");
        for (Map.Entry<String, GateConfig> candidate : candidates(GateConfig.DEFAULT).entrySet()) {
            GateSceneResults r = GateSceneEvaluation.run(base.withGate(candidate.getValue()));
            StringBuilder row = new StringBuilder("| " + candidate.getKey() + " |");
            for (int k = 0; k < snrs.length; k++) {
                row.append(String.format(Locale.ROOT, " %.4f |", r.crySecondRecall(BackgroundSet.STEADY, k).rate()));
            }
            Proportion pooled = r.crySecondRecallFrom(0);
            row.append(String.format(Locale.ROOT, " %.4f (%.4f) | %.1f %% | %.1f %% | %.1f %% |", pooled.rate(),
                    pooled.lowerBound(GateSceneResults.CONFIDENCE), 100 * r.cut(BackgroundSet.STEADY).rate(),
                    100 * r.cut(BackgroundSet.QUIET_ROOM).rate(), 100 * r.cut(BackgroundSet.EVENTFUL).rate()));
            System.out.println(row);
        }
    }
}
