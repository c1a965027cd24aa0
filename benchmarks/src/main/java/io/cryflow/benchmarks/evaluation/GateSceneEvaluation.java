package io.cryflow.benchmarks.evaluation;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.gate.DbfsCalibration;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.ingest.scene.CryEpisode;
import io.cryflow.ingest.scene.ManifestClipLibrary;
import io.cryflow.ingest.scene.Scene;
import io.cryflow.ingest.scene.SceneGenerator;
import io.cryflow.ingest.scene.SceneSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The streaming cry gate evaluated on scenes from the project's {@link SceneGenerator}: real cries
 * ({@code label = cry} in {@code shared/data/manifest.csv}) over steady and over eventful real backgrounds
 * ({@link BackgroundSet}), the same seeds at every SNR. Each scene goes through the feature extractor and the
 * gate in 0.5 s chunks, as the features stage streams a room ({@link SceneGateRun}); optionally the offline
 * reference pre-filter runs on the whole scene for comparison ({@link SceneReferenceRun}).
 */
public final class GateSceneEvaluation {

    /** Chunk the features stage streams: 0.5 s at 16 kHz. */
    public static final int CHUNK_SAMPLES = 8000;

    /**
     * @param dataDir             {@code shared/data} with its manifest
     * @param scene               scene shape (duration, cries per scene, background level, gaps); seed and SNR are set per scene
     * @param snrsDb              SNRs, each scene generated once per SNR with the same seed
     * @param scenesPerCell       scenes per background set and SNR
     * @param firstSeed           seeds the generator of the scene seeds
     * @param leadInSeconds       background streamed before each scene ({@link SceneGateRun})
     * @param minActiveCrySeconds active cry a second must hold to count as a cry second
     * @param gate                the gate's settings
     * @param withReference       also run the offline reference on every scene, and measure each cry second's
     *                            in-band SNR ({@link BandSnr}) (several times slower)
     */
    public record Settings(Path dataDir, SceneSpec scene, double[] snrsDb, int scenesPerCell, long firstSeed,
            double leadInSeconds, double minActiveCrySeconds, GateConfig gate, boolean withReference) {

        /** 60 s scenes with 3 cries over a -35 dBFS background (the generator's defaults), SNRs -5..20 dB. */
        public static Settings defaults(Path dataDir) {
            return new Settings(dataDir, SceneSpec.defaults(), new double[] {-5, 0, 5, 10, 20}, 30, 1000L, 15.0, 0.25,
                    GateConfig.DEFAULT, false);
        }

        public Settings withScenesPerCell(int scenes) {
            return new Settings(dataDir, scene, snrsDb, scenes, firstSeed, leadInSeconds, minActiveCrySeconds, gate, withReference);
        }

        public Settings withFirstSeed(long seed) {
            return new Settings(dataDir, scene, snrsDb, scenesPerCell, seed, leadInSeconds, minActiveCrySeconds, gate, withReference);
        }

        public Settings withLeadInSeconds(double seconds) {
            return new Settings(dataDir, scene, snrsDb, scenesPerCell, firstSeed, seconds, minActiveCrySeconds, gate, withReference);
        }

        public Settings withGate(GateConfig config) {
            return new Settings(dataDir, scene, snrsDb, scenesPerCell, firstSeed, leadInSeconds, minActiveCrySeconds, config, withReference);
        }

        public Settings withScene(SceneSpec spec) {
            return new Settings(dataDir, spec, snrsDb, scenesPerCell, firstSeed, leadInSeconds, minActiveCrySeconds, gate, withReference);
        }

        public Settings withSnrsDb(double... snrs) {
            return new Settings(dataDir, scene, snrs.clone(), scenesPerCell, firstSeed, leadInSeconds, minActiveCrySeconds, gate, withReference);
        }

        public Settings withReference(boolean run) {
            return new Settings(dataDir, scene, snrsDb, scenesPerCell, firstSeed, leadInSeconds, minActiveCrySeconds, gate, run);
        }
    }

    private GateSceneEvaluation() {
    }

    public static GateSceneResults run(Settings settings) throws IOException {
        long started = System.nanoTime();
        FeatureConfig features = FeatureConfig.DEFAULT;
        DbfsCalibration calibration = DbfsCalibration.of(features);
        SceneSpec base = settings.scene().withSampleRate(features.sampleRate());
        SceneReferenceRun reference = settings.withReference() ? new SceneReferenceRun() : null;
        Map<String, float[]> clips = new HashMap<>();
        Map<BackgroundSet, CellTally[]> cells = new EnumMap<>(BackgroundSet.class);
        double[] snrs = settings.snrsDb();
        for (BackgroundSet set : BackgroundSet.values()) {
            SceneGenerator generator = new SceneGenerator(new CachingClipLibrary(
                    ManifestClipLibrary.open(settings.dataDir(), set.manifestPrefixes()), clips));
            CellTally[] tallies = new CellTally[snrs.length];
            for (int k = 0; k < snrs.length; k++) {
                tallies[k] = new CellTally();
            }
            // Scene seeds drawn from one generator: consecutive java.util.Random seeds make correlated first
            // draws, so seeds n, n+1, ... would all start with the same background clip.
            SplittableRandom seeds = new SplittableRandom(settings.firstSeed());
            for (int i = 0; i < settings.scenesPerCell(); i++) {
                long seed = seeds.nextLong();
                for (int k = 0; k < snrs.length; k++) {
                    Scene scene = generator.generate(base.withSeed(seed).withSnrDb(snrs[k], snrs[k]));
                    SceneGateRun gate = SceneGateRun.stream(scene, settings.gate(), features, calibration,
                            settings.leadInSeconds(), CHUNK_SAMPLES);
                    SceneTruth truth = SceneTruth.of(scene, settings.minActiveCrySeconds());
                    boolean[] referenceSeconds = reference == null ? null : reference.perSecond(scene);
                    double[] bandSnr = reference == null ? null : BandSnr.perSecond(scene, features);
                    tally(tallies[k], seed, scene, truth, gate, referenceSeconds, bandSnr);
                }
            }
            cells.put(set, tallies);
        }
        return new GateSceneResults(settings, cells, (System.nanoTime() - started) / 1e9);
    }

    private static void tally(CellTally tally, long seed, Scene scene, SceneTruth truth, SceneGateRun gate, boolean[] reference,
            double[] bandSnr) {
        int seconds = truth.crySecond.length;
        boolean[] open = gate.perSecond(seconds);
        tally.scenes++;
        for (int s = 0; s < seconds; s++) {
            if (truth.crySecond[s]) {
                tally.crySeconds++;
                if (open[s]) {
                    tally.crySecondsPassed++;
                } else {
                    tally.misses.add("seed " + seed + " s=" + s + " " + clipAt(scene, s)
                            + (bandSnr == null ? "" : String.format(Locale.ROOT, ", in-band SNR %.1f dB", bandSnr[s])));
                }
                if (reference != null && s < reference.length && reference[s]) {
                    tally.referenceCrySecondsPassed++;
                }
                if (bandSnr != null && !Double.isNaN(bandSnr[s])) {
                    int bucket = BandSnr.bucket(bandSnr[s]);
                    tally.bandSnrSeconds[bucket]++;
                    tally.bandSnrPassed[bucket] += open[s] ? 1 : 0;
                }
            }
            if (truth.backgroundSecond[s]) {
                tally.backgroundSeconds++;
                tally.backgroundSecondsOpen += open[s] ? 1 : 0;
            }
        }
        for (int i = 0; i < truth.activeFrameCount; i++) {
            tally.activeCryFrames++;
            tally.activeCryFramesPassed += gate.passes(truth.activeFrames[2 * i], truth.activeFrames[2 * i + 1]) ? 1 : 0;
        }
        tally.frames += gate.open.length;
        tally.closedFrames += gate.closedFrames();
        if (reference != null) {
            tally.agreement.add(open, reference);
        }
    }

    private static String clipAt(Scene scene, int second) {
        for (CryEpisode e : scene.episodes()) {
            if (e.startSeconds() < second + 1 && second < e.endSeconds()) {
                return e.sourceClip() + String.format(" [%.2f, %.2f) s", e.startSeconds(), e.endSeconds());
            }
        }
        return "?";
    }
}
