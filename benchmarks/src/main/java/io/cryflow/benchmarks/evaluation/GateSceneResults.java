package io.cryflow.benchmarks.evaluation;

import io.cryflow.dsp.gate.GateConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Figures of a {@link GateSceneEvaluation}, by background set and SNR, and the report as markdown. */
public final class GateSceneResults {

    /** Confidence of the lower bounds reported. */
    public static final double CONFIDENCE = 0.95;

    private final GateSceneEvaluation.Settings settings;
    private final Map<BackgroundSet, CellTally[]> cells;
    private final double elapsedSeconds;

    GateSceneResults(GateSceneEvaluation.Settings settings, Map<BackgroundSet, CellTally[]> cells, double elapsedSeconds) {
        this.settings = settings;
        this.cells = cells;
        this.elapsedSeconds = elapsedSeconds;
    }

    public GateSceneEvaluation.Settings settings() {
        return settings;
    }

    /** Cry seconds passed at SNR index {@code k} over every background set. */
    public Proportion crySecondRecall(int k) {
        return all(k).crySecondRecall();
    }

    /** Cry seconds passed at SNR index {@code k} on one background set. */
    public Proportion crySecondRecall(BackgroundSet set, int k) {
        return cells.get(set)[k].crySecondRecall();
    }

    /** Cry seconds passed over every background set and every SNR of at least {@code minSnrDb}. */
    public Proportion crySecondRecallFrom(double minSnrDb) {
        return pooled(null, minSnrDb).crySecondRecall();
    }

    /** Fraction of frames kept closed at SNR index {@code k} on one background set. */
    public Proportion cut(BackgroundSet set, int k) {
        return cells.get(set)[k].cut();
    }

    /** Fraction of frames kept closed on one background set over every SNR. */
    public Proportion cut(BackgroundSet set) {
        return pooled(set, Double.NEGATIVE_INFINITY).cut();
    }

    private CellTally all(int k) {
        CellTally sum = new CellTally();
        for (CellTally[] tallies : cells.values()) {
            sum.addAll(tallies[k]);
        }
        return sum;
    }

    private CellTally pooled(BackgroundSet only, double minSnrDb) {
        CellTally sum = new CellTally();
        for (Map.Entry<BackgroundSet, CellTally[]> e : cells.entrySet()) {
            for (int k = 0; k < settings.snrsDb().length; k++) {
                if ((only == null || e.getKey() == only) && settings.snrsDb()[k] >= minSnrDb) {
                    sum.addAll(e.getValue()[k]);
                }
            }
        }
        return sum;
    }

    /** The full report, markdown. */
    public String markdown() {
        List<String> out = new ArrayList<>();
        double[] snrs = settings.snrsDb();
        CellTally everything = pooled(null, Double.NEGATIVE_INFINITY);
        double sceneSeconds = settings.scene().durationSeconds();
        out.add(f("Scenes: %d (%d seeds drawn from SplittableRandom(%d) x %d background sets x %d SNRs), %.0f s each, %d cries each, background %.0f dBFS RMS, "
                        + "max cry %.0f s, gaps >= %.0f s; %.1f h of scene audio; %d cry seconds (>= %.2f s of active cry), "
                        + "%d of them at SNR >= 0 dB. Lead-in %.0f s of reversed background per scene. Gate: `GateConfig` %s. "
                        + "Chunks of %d samples. Wall time %.0f s.",
                everything.scenes, settings.scenesPerCell(), settings.firstSeed(), BackgroundSet.values().length, snrs.length,
                sceneSeconds, settings.scene().cryCount(), settings.scene().backgroundDbfs(), settings.scene().maxCrySeconds(),
                settings.scene().minGapSeconds(), everything.scenes * sceneSeconds / 3600, everything.crySeconds,
                settings.minActiveCrySeconds(), pooled(null, 0).crySeconds, settings.leadInSeconds(),
                settings.gate().equals(GateConfig.DEFAULT) ? "DEFAULT" : settings.gate().toString(),
                GateSceneEvaluation.CHUNK_SAMPLES, elapsedSeconds));
        out.add("");
        out.add("Recall and cut, all backgrounds (lower bound: exact one-sided 95 %, Clopper-Pearson):");
        out.add("");
        out.add("| SNR dB | cry seconds passed | recall | 95 % lower bound | active cry time passed | cut, all | cut, steady | cut, quiet room | cut, eventful |");
        out.add("|---|---|---|---|---|---|---|---|---|");
        for (int k = 0; k < snrs.length; k++) {
            CellTally all = all(k);
            out.add(f("| %.0f | %d/%d | %s | %s | %s | %s | %s | %s | %s |", snrs[k], all.crySecondsPassed, all.crySeconds,
                    rate(all.crySecondRecall()), bound(all.crySecondRecall()), percent(all.activeCryRecall()),
                    percent(all.cut()), percent(cells.get(BackgroundSet.STEADY)[k].cut()),
                    percent(cells.get(BackgroundSet.QUIET_ROOM)[k].cut()), percent(cells.get(BackgroundSet.EVENTFUL)[k].cut())));
        }
        CellTally nonNegative = pooled(null, 0);
        out.add(f("| >= 0 pooled | %d/%d | %s | %s | %s | %s | %s | %s | %s |", nonNegative.crySecondsPassed, nonNegative.crySeconds,
                rate(nonNegative.crySecondRecall()), bound(nonNegative.crySecondRecall()), percent(nonNegative.activeCryRecall()),
                percent(nonNegative.cut()), percent(pooled(BackgroundSet.STEADY, 0).cut()), percent(pooled(BackgroundSet.QUIET_ROOM, 0).cut()),
                percent(pooled(BackgroundSet.EVENTFUL, 0).cut())));
        out.add("");
        out.add("By background set:");
        out.add("");
        out.add("| background | SNR dB | scenes | cry seconds passed | recall | 95 % lower bound | cut | cry-free seconds open |");
        out.add("|---|---|---|---|---|---|---|---|");
        for (BackgroundSet set : BackgroundSet.values()) {
            for (int k = 0; k < snrs.length; k++) {
                CellTally c = cells.get(set)[k];
                out.add(f("| %s | %.0f | %d | %d/%d | %s | %s | %s | %s |", set.label(), snrs[k], c.scenes, c.crySecondsPassed,
                        c.crySeconds, rate(c.crySecondRecall()), bound(c.crySecondRecall()), percent(c.cut()),
                        percent(c.backgroundSecondsOpen())));
            }
        }
        if (settings.withReference()) {
            out.add("");
            out.add("Agreement with the offline reference (`ReferenceCryPreFilter`, the scene resampled to 22 050 Hz), per second and per event "
                    + "(runs of detected seconds; errors = gate minus reference, s):");
            out.add("");
            out.add("| background | SNR dB | per-second agreement | reference events matched | onset error median / p90 abs | offset error median / p90 abs | gate events without reference event | reference cry-second recall |");
            out.add("|---|---|---|---|---|---|---|---|");
            for (BackgroundSet set : BackgroundSet.values()) {
                for (int k = 0; k < snrs.length; k++) {
                    out.add(agreementRow(set.label(), f("%.0f", snrs[k]), cells.get(set)[k]));
                }
            }
            out.add(agreementRow("all", "all", everything));
        }
        if (settings.withReference()) {
            out.add("");
            out.add("Cry seconds passed by in-band SNR (loudest 0.25 s of the cry alone in the second against the background alone over "
                    + "the second, both as the gate measures energy: after the 350 Hz high-pass, sum of mel power), all SNRs:");
            out.add("");
            StringBuilder header = new StringBuilder("| background |");
            StringBuilder rule = new StringBuilder("|---|");
            for (int b = 0; b <= BandSnr.EDGES.length; b++) {
                header.append(" ").append(BandSnr.bucketLabel(b)).append(" dB |");
                rule.append("---|");
            }
            out.add(header.toString());
            out.add(rule.toString());
            for (BackgroundSet set : BackgroundSet.values()) {
                CellTally c = pooled(set, Double.NEGATIVE_INFINITY);
                StringBuilder row = new StringBuilder("| " + set.label() + " |");
                for (int b = 0; b <= BandSnr.EDGES.length; b++) {
                    row.append(f(" %d/%d |", c.bandSnrPassed[b], c.bandSnrSeconds[b]));
                }
                out.add(row.toString());
            }
        }
        out.add("");
        CellTally negative = pooled(null, Double.NEGATIVE_INFINITY);
        CellTally fromZero = pooled(null, 0);
        out.add(f("Missed cry seconds: %d in all; the %d at SNR >= 0 dB (the %d at lower SNRs are not listed):",
                negative.misses.size(), fromZero.misses.size(), negative.misses.size() - fromZero.misses.size()));
        out.add("");
        for (BackgroundSet set : BackgroundSet.values()) {
            for (int k = 0; k < snrs.length; k++) {
                if (snrs[k] < 0) {
                    continue;
                }
                for (String miss : cells.get(set)[k].misses) {
                    out.add(f("- %s, %.0f dB: %s", set.label(), snrs[k], miss));
                }
            }
        }
        return String.join("\n", out) + "\n";
    }

    private static String agreementRow(String set, String snr, CellTally c) {
        EventAgreement a = c.agreement;
        return f("| %s | %s | %d/%d = %s | %d/%d | %+.0f / %.0f | %+.0f / %.0f | %d of %d | %s |", set, snr, a.secondsAgreeing,
                a.secondsCompared, rate(a.perSecond()), a.matchedReferenceEvents, a.referenceEvents,
                EventAgreement.quantile(a.onsetErrors, 0.5, false), EventAgreement.quantile(a.onsetErrors, 0.9, true),
                EventAgreement.quantile(a.offsetErrors, 0.5, false), EventAgreement.quantile(a.offsetErrors, 0.9, true),
                a.unmatchedEvents, a.events, rate(c.referenceCrySecondRecall()));
    }

    private static String rate(Proportion p) {
        return f("%.4f", p.rate());
    }

    private static String bound(Proportion p) {
        return f("%.4f", p.lowerBound(CONFIDENCE));
    }

    private static String percent(Proportion p) {
        return f("%.1f %%", 100 * p.rate());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
