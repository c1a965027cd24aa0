package io.cryflow.inference.app;

import io.cryflow.inference.episode.EpisodeSensitivity;
import io.cryflow.inference.episode.EpisodeSettings;
import io.cryflow.schemas.Topics;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything the inference topology needs besides its models, immutable, with documented defaults. Built from
 * {@link Properties} ({@link #fromProperties}); unknown keys are ignored, so the same properties also carry the
 * Streams settings and the model keys of {@link io.cryflow.inference.model.BundledModels}.
 *
 * <table>
 *   <caption>Keys and defaults</caption>
 *   <tr><td>{@value #MEL_TOPIC}</td><td>{@link Topics#MEL_FEATURES}</td></tr>
 *   <tr><td>{@value #CANDIDATES_TOPIC}</td><td>{@link Topics#CRY_CANDIDATES}</td></tr>
 *   <tr><td>{@value #EVENTS_TOPIC}</td><td>{@link Topics#CRY_EVENTS}</td></tr>
 *   <tr><td>{@value #STATUS_TOPIC}</td><td>{@link Topics#MICROPHONE_STATUS}</td></tr>
 *   <tr><td>{@value #SCORE_ALWAYS}</td><td>false: score only windows during which the energy gate was open;
 *       true scores every window (evaluation)</td></tr>
 *   <tr><td>{@value #QUIET_STRIDE}</td><td>{@value #DEFAULT_QUIET_STRIDE}: while a room is quiet (no episode, its
 *       latest window below the off threshold) only every n-th gated window is scored up front; the others wait for
 *       the next window and are scored only if it reaches the off threshold, so the events are the same as with 1,
 *       which scores every gated window. See {@link io.cryflow.inference.scoring.QuietStride}</td></tr>
 *   <tr><td>{@value #GATE_SETTLE_MS}</td><td>1000: frames wait this long (in capture time of the microphone's
 *       newer frames) before they form windows, so gate candidates about them have arrived; see the topology</td></tr>
 *   <tr><td>{@value #OFFLINE_AFTER_MS}</td><td>10000: a microphone whose frames stop this long (wall clock) is
 *       MICROPHONE_OFFLINE; one whose frames arrive but whose analysis does not move on this long is
 *       ANALYSIS_STALLED (or ANALYSIS_FAILED when scoring failed meanwhile)</td></tr>
 *   <tr><td>{@value #ANALYSIS_PROGRESS_INTERVAL_MS}</td><td>{@value #DEFAULT_ANALYSIS_PROGRESS_INTERVAL_MS}: every
 *       microphone still heard gets an ANALYSIS_PROGRESS status this often, so a reader can tell a quiet, analysed
 *       room from one nobody analyses (inference down)</td></tr>
 *   <tr><td>{@value #ON_THRESHOLD}</td><td>the detector model's shipped threshold, but at least
 *       {@value #DEFAULT_MIN_ON_THRESHOLD}: the model's threshold is its best single-window F1, while an episode
 *       needs several windows to agree; measured on generated scenes by {@code EpisodeThresholdSweep}</td></tr>
 *   <tr><td>{@value #OFF_THRESHOLD}</td><td>0.6 times the on threshold</td></tr>
 *   <tr><td>{@value #ON_WINDOWS}</td><td>{@link EpisodeSettings#DEFAULT}: 3</td></tr>
 *   <tr><td>{@value #END_AFTER_MS}</td><td>2000</td></tr>
 *   <tr><td>{@value #MERGE_GAP_MS}</td><td>8000: a crying bout's pauses (an infant catching its breath) stay inside
 *       one episode, so staff get one alarm per bout; {@code ./cryflow evaluate}</td></tr>
 *   <tr><td>{@value #MIN_DURATION_MS}</td><td>1000</td></tr>
 *   <tr><td>{@value #UPDATE_INTERVAL_MS}</td><td>5000</td></tr>
 *   <tr><td>{@value #CAUSE_MIN_PROBABILITY}</td><td>the cause model's shipped "uncertain below" threshold</td></tr>
 *   <tr><td>{@value #SENSITIVITY}</td><td>NORMAL: every room's {@link EpisodeSensitivity}</td></tr>
 *   <tr><td>{@value #SENSITIVITY_ROOM_PREFIX}&lt;room&gt;</td><td>none: that room's sensitivity</td></tr>
 * </table>
 * The episode keys are described in {@link EpisodeSettings}.
 */
public final class InferenceConfig {

    /** The inference app's Kafka Streams {@code application.id}. */
    public static final String APPLICATION_ID = "cryflow-inference";

    public static final String MEL_TOPIC = "cryflow.inference.mel.topic";
    public static final String CANDIDATES_TOPIC = "cryflow.inference.candidates.topic";
    public static final String EVENTS_TOPIC = "cryflow.inference.events.topic";
    public static final String STATUS_TOPIC = "cryflow.inference.status.topic";
    public static final String SCORE_ALWAYS = "cryflow.inference.score.always";
    public static final String QUIET_STRIDE = "cryflow.inference.score.quiet.stride";
    public static final String GATE_SETTLE_MS = "cryflow.inference.gate.settle.ms";
    public static final String OFFLINE_AFTER_MS = "cryflow.inference.offline.after.ms";
    public static final String ANALYSIS_PROGRESS_INTERVAL_MS = "cryflow.inference.analysis.progress.interval.ms";
    public static final String ON_THRESHOLD = "cryflow.inference.episode.on.threshold";
    public static final String OFF_THRESHOLD = "cryflow.inference.episode.off.threshold";
    public static final String ON_WINDOWS = "cryflow.inference.episode.on.windows";
    public static final String END_AFTER_MS = "cryflow.inference.episode.end.after.ms";
    public static final String MERGE_GAP_MS = "cryflow.inference.episode.merge.gap.ms";
    public static final String MIN_DURATION_MS = "cryflow.inference.episode.min.duration.ms";
    public static final String UPDATE_INTERVAL_MS = "cryflow.inference.episode.update.interval.ms";
    public static final String CAUSE_MIN_PROBABILITY = "cryflow.inference.episode.cause.min.probability";
    public static final String SENSITIVITY = "cryflow.inference.episode.sensitivity";
    public static final String SENSITIVITY_ROOM_PREFIX = "cryflow.inference.episode.sensitivity.room.";

    /**
     * Default {@value #QUIET_STRIDE}: up to two thirds of the detector runs saved in quiet rooms. 3 is the most the
     * default onset (3 windows, at most 2 held) can use; on the episode sweep's scenes the detector ran on 36 % fewer
     * windows than at 1 (2: 28 %), with the same events. Measured in BENCHMARKS.md.
     */
    public static final int DEFAULT_QUIET_STRIDE = 3;
    public static final Duration DEFAULT_GATE_SETTLE = Duration.ofMillis(1000);
    public static final Duration DEFAULT_OFFLINE_AFTER = Duration.ofSeconds(10);
    /** Half the alarm budget: a reader missing two reports in a row knows within that budget. */
    public static final long DEFAULT_ANALYSIS_PROGRESS_INTERVAL_MS = 5_000;
    /** Lowest default on threshold (see the table above). */
    public static final double DEFAULT_MIN_ON_THRESHOLD = 0.7;
    /** The default off threshold as a share of the on threshold (relative, as operating points differ widely). */
    public static final double DEFAULT_OFF_SHARE_OF_ON = 0.6;

    private final String melTopic;
    private final String candidatesTopic;
    private final String eventsTopic;
    private final String statusTopic;
    private final boolean scoreAlways;
    private final int quietStride;
    private final Duration gateSettle;
    private final Duration offlineAfter;
    private final Duration analysisProgressInterval;
    private final Double onThreshold;
    private final Double offThreshold;
    private final Double causeMinProbability;
    private final EpisodeSettings episodeTimes;
    private final EpisodeSensitivity sensitivity;
    private final Map<String, EpisodeSensitivity> roomSensitivity;

    private InferenceConfig(Properties props) {
        melTopic = topic(props, MEL_TOPIC, Topics.MEL_FEATURES);
        candidatesTopic = topic(props, CANDIDATES_TOPIC, Topics.CRY_CANDIDATES);
        eventsTopic = topic(props, EVENTS_TOPIC, Topics.CRY_EVENTS);
        statusTopic = topic(props, STATUS_TOPIC, Topics.MICROPHONE_STATUS);
        String always = props.getProperty(SCORE_ALWAYS, "false").trim().toLowerCase(Locale.ROOT);
        if (!always.equals("true") && !always.equals("false")) {
            throw new IllegalArgumentException(SCORE_ALWAYS + " must be true or false, got '" + always + "'");
        }
        scoreAlways = always.equals("true");
        quietStride = (int) longValue(props, QUIET_STRIDE, DEFAULT_QUIET_STRIDE, 1);
        gateSettle = Duration.ofMillis(longValue(props, GATE_SETTLE_MS, DEFAULT_GATE_SETTLE.toMillis(), 0));
        offlineAfter = Duration.ofMillis(longValue(props, OFFLINE_AFTER_MS, DEFAULT_OFFLINE_AFTER.toMillis(), 1));
        analysisProgressInterval = Duration.ofMillis(longValue(props, ANALYSIS_PROGRESS_INTERVAL_MS,
                DEFAULT_ANALYSIS_PROGRESS_INTERVAL_MS, 1));
        onThreshold = probability(props, ON_THRESHOLD);
        offThreshold = probability(props, OFF_THRESHOLD);
        causeMinProbability = probability(props, CAUSE_MIN_PROBABILITY);
        EpisodeSettings d = EpisodeSettings.DEFAULT;
        episodeTimes = new EpisodeSettings(d.onThreshold(), d.offThreshold(),
                (int) longValue(props, ON_WINDOWS, d.onWindows(), 1),
                1000 * longValue(props, END_AFTER_MS, d.endAfterMicros() / 1000, 1),
                1000 * longValue(props, MERGE_GAP_MS, d.mergeGapMicros() / 1000, 0),
                1000 * longValue(props, MIN_DURATION_MS, d.minDurationMicros() / 1000, 0),
                1000 * longValue(props, UPDATE_INTERVAL_MS, d.updateIntervalMicros() / 1000, 1),
                d.confidenceStep(), d.causeMinProbability());
        sensitivity = sensitivity(SENSITIVITY, props.getProperty(SENSITIVITY, EpisodeSensitivity.NORMAL.name()));
        Map<String, EpisodeSensitivity> rooms = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(SENSITIVITY_ROOM_PREFIX) && key.length() > SENSITIVITY_ROOM_PREFIX.length()) {
                rooms.put(key.substring(SENSITIVITY_ROOM_PREFIX.length()), sensitivity(key, props.getProperty(key)));
            }
        }
        roomSensitivity = Map.copyOf(rooms);
    }

    /** The defaults (no properties). */
    public static InferenceConfig defaults() {
        return new InferenceConfig(new Properties());
    }

    /**
     * A configuration from properties; absent keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key whose value is invalid
     */
    public static InferenceConfig fromProperties(Properties props) {
        return new InferenceConfig(props);
    }

    public String melTopic() {
        return melTopic;
    }

    public String candidatesTopic() {
        return candidatesTopic;
    }

    public String eventsTopic() {
        return eventsTopic;
    }

    public String statusTopic() {
        return statusTopic;
    }

    public boolean scoreAlways() {
        return scoreAlways;
    }

    /** Every how many windows a quiet room is scored; 1 is every window. */
    public int quietStride() {
        return quietStride;
    }

    public Duration gateSettle() {
        return gateSettle;
    }

    /** Also the budget of an analysis that does not move on while audio arrives (ANALYSIS_STALLED / FAILED). */
    public Duration offlineAfter() {
        return offlineAfter;
    }

    public Duration analysisProgressInterval() {
        return analysisProgressInterval;
    }

    /**
     * How long after its last cry window an episode can still be continued by a new onset (the larger of
     * {@value #END_AFTER_MS} and {@value #MERGE_GAP_MS}); it does not depend on the thresholds.
     */
    public Duration episodeEndDecision() {
        return Duration.of(episodeTimes.endDecisionMicros(), ChronoUnit.MICROS);
    }

    /** {@value #END_AFTER_MS}: also the furthest an episode's start is dated back before its onset windows. */
    public Duration episodeEndAfter() {
        return Duration.of(episodeTimes.endAfterMicros(), ChronoUnit.MICROS);
    }

    /**
     * The episode settings of rooms without their own sensitivity, with the model thresholds as defaults where
     * no key overrides them.
     *
     * @param detectorThreshold  the detector's shipped operating point
     * @param causeUncertainBelow the cause classifier's shipped "uncertain" threshold
     */
    public EpisodeSettings episodeSettings(double detectorThreshold, double causeUncertainBelow) {
        double on = onThreshold != null ? onThreshold : Math.max(detectorThreshold, DEFAULT_MIN_ON_THRESHOLD);
        double off = offThreshold != null ? offThreshold : on * DEFAULT_OFF_SHARE_OF_ON;
        if (off > on) {
            throw new IllegalArgumentException(OFF_THRESHOLD + " (" + off + ") must not exceed the on threshold (" + on + ")");
        }
        double cause = causeMinProbability != null ? causeMinProbability : causeUncertainBelow;
        EpisodeSettings t = episodeTimes;
        return new EpisodeSettings(on, off, t.onWindows(), t.endAfterMicros(), t.mergeGapMicros(), t.minDurationMicros(),
                t.updateIntervalMicros(), t.confidenceStep(), cause);
    }

    /** A room's sensitivity: its own when configured, else the default. */
    public EpisodeSensitivity sensitivityFor(String roomId) {
        return roomSensitivity.getOrDefault(roomId, sensitivity);
    }

    private static EpisodeSensitivity sensitivity(String key, String value) {
        try {
            return EpisodeSensitivity.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be LOW, NORMAL or HIGH, got '" + value + "'", e);
        }
    }

    private static String topic(Properties props, String key, String fallback) {
        String topic = props.getProperty(key, fallback).trim();
        if (topic.isEmpty()) {
            throw new IllegalArgumentException(key + " must name a topic");
        }
        return topic;
    }

    private static long longValue(Properties props, String key, long fallback, long minimum) {
        String value = props.getProperty(key);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
        }
        if (parsed < minimum) {
            throw new IllegalArgumentException(key + " must be at least " + minimum + ", got " + parsed);
        }
        return parsed;
    }

    private static Double probability(Properties props, String key) {
        String value = props.getProperty(key);
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.trim());
            if (!(parsed >= 0 && parsed <= 1)) {
                throw new IllegalArgumentException(key + " must lie in [0, 1], got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
        }
    }
}
