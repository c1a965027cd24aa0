package io.cryflow.features;

import io.cryflow.dsp.features.FeatureConfig;
import io.cryflow.dsp.gate.GateConfig;
import io.cryflow.dsp.gate.Sensitivity;
import io.cryflow.schemas.Topics;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything the features topology needs, immutable, with documented defaults. Built from
 * {@link Properties} ({@link #fromProperties}); unknown keys are ignored, so the same properties can
 * also carry the Streams settings.
 *
 * <table>
 *   <caption>Keys and defaults</caption>
 *   <tr><td>{@value #INPUT_TOPIC}</td><td>{@link Topics#AUDIO_CHUNKS}</td></tr>
 *   <tr><td>{@value #MEL_TOPIC}</td><td>{@link Topics#MEL_FEATURES}</td></tr>
 *   <tr><td>{@value #CANDIDATES_TOPIC}</td><td>{@link Topics#CRY_CANDIDATES}</td></tr>
 *   <tr><td>{@value #STATUS_TOPIC}</td><td>{@link Topics#MICROPHONE_STATUS}</td></tr>
 *   <tr><td>{@value #REORDER_CHUNKS}</td><td>4: out-of-order chunks held per microphone while waiting for a missing one</td></tr>
 *   <tr><td>{@value #REORDER_MAX_WAIT_MS}</td><td>2000: longest wall-clock wait for a missing chunk before the held ones are released (a microphone that goes quiet after a loss)</td></tr>
 *   <tr><td>{@value #CAPTURE_JUMP_MS}</td><td>1000: an in-order chunk starting more than this after the previous chunk's end (or at all before it) is a capture-time jump: a DISCONTINUITY, counted</td></tr>
 *   <tr><td>{@value #SILENCE_AFTER_MS}</td><td>5000: a flat line this long raises SILENT</td></tr>
 *   <tr><td>{@value #SILENCE_PEAK_TO_PEAK}</td><td>1/32768 (one 16-bit step): a chunk whose peak-to-peak amplitude (full scale 1) is at most this is flat</td></tr>
 *   <tr><td>{@value #CLIPPING_LEVEL}</td><td>32767/32768: a sample at or beyond this magnitude is clipped</td></tr>
 *   <tr><td>{@value #CLIPPING_SHARE}</td><td>0.01: CLIPPING when at least this share of a window's samples is clipped</td></tr>
 *   <tr><td>{@value #CLIPPING_WINDOW_MS}</td><td>1000: the window the clipped share is measured over</td></tr>
 *   <tr><td>{@value #GATE_SENSITIVITY}</td><td>NORMAL: gate sensitivity of every room, a {@link Sensitivity} name or an offset in dB</td></tr>
 *   <tr><td>{@value #GATE_SENSITIVITY_ROOM_PREFIX}&lt;room&gt;</td><td>none: that room's sensitivity, overriding the default</td></tr>
 * </table>
 * The DSP configuration is {@link FeatureConfig#DEFAULT} and the gate's {@link GateConfig#DEFAULT}
 * (with the sensitivity above): the model was trained on those features, so they are not settings.
 */
public final class FeaturesConfig {

    /** The features app's Kafka Streams {@code application.id}. */
    public static final String APPLICATION_ID = "cryflow-features";

    public static final String INPUT_TOPIC = "cryflow.features.input.topic";
    public static final String MEL_TOPIC = "cryflow.features.mel.topic";
    public static final String CANDIDATES_TOPIC = "cryflow.features.candidates.topic";
    public static final String STATUS_TOPIC = "cryflow.features.status.topic";
    public static final String REORDER_CHUNKS = "cryflow.features.reorder.chunks";
    public static final String REORDER_MAX_WAIT_MS = "cryflow.features.reorder.max.wait.ms";
    public static final String CAPTURE_JUMP_MS = "cryflow.features.capture.jump.ms";
    public static final String SILENCE_AFTER_MS = "cryflow.features.silence.after.ms";
    public static final String SILENCE_PEAK_TO_PEAK = "cryflow.features.silence.peak.to.peak";
    public static final String CLIPPING_LEVEL = "cryflow.features.clipping.level";
    public static final String CLIPPING_SHARE = "cryflow.features.clipping.share";
    public static final String CLIPPING_WINDOW_MS = "cryflow.features.clipping.window.ms";
    public static final String GATE_SENSITIVITY = "cryflow.features.gate.sensitivity";
    public static final String GATE_SENSITIVITY_ROOM_PREFIX = "cryflow.features.gate.sensitivity.room.";

    public static final int DEFAULT_REORDER_CHUNKS = 4;
    public static final Duration DEFAULT_REORDER_MAX_WAIT = Duration.ofSeconds(2);
    /** Larger than any pause a live microphone's chunks have between them, smaller than a clock step worth noticing. */
    public static final Duration DEFAULT_CAPTURE_JUMP = Duration.ofSeconds(1);
    public static final Duration DEFAULT_SILENCE_AFTER = Duration.ofSeconds(5);
    public static final double DEFAULT_SILENCE_PEAK_TO_PEAK = 1.0 / 32768;
    public static final double DEFAULT_CLIPPING_LEVEL = 32767.0 / 32768;
    public static final double DEFAULT_CLIPPING_SHARE = 0.01;
    public static final Duration DEFAULT_CLIPPING_WINDOW = Duration.ofSeconds(1);

    /** Largest reorder buffer: every held chunk is state to restore and audio delayed. */
    public static final int MAX_REORDER_CHUNKS = 64;

    private final String inputTopic;
    private final String melTopic;
    private final String candidatesTopic;
    private final String statusTopic;
    private final FeatureConfig featureConfig;
    private final GateConfig gateConfig;
    private final int reorderChunks;
    private final Duration reorderMaxWait;
    private final Duration captureJump;
    private final Duration silenceAfter;
    private final double silencePeakToPeak;
    private final double clippingLevel;
    private final double clippingShare;
    private final Duration clippingWindow;
    private final Map<String, Double> roomSensitivityDb;

    private FeaturesConfig(Builder b) {
        this.inputTopic = requireName(b.inputTopic, INPUT_TOPIC);
        this.melTopic = requireName(b.melTopic, MEL_TOPIC);
        this.candidatesTopic = requireName(b.candidatesTopic, CANDIDATES_TOPIC);
        this.statusTopic = requireName(b.statusTopic, STATUS_TOPIC);
        this.featureConfig = Objects.requireNonNull(b.featureConfig, "featureConfig");
        this.gateConfig = Objects.requireNonNull(b.gateConfig, "gateConfig");
        if (b.reorderChunks < 0 || b.reorderChunks > MAX_REORDER_CHUNKS) {
            throw new IllegalArgumentException(REORDER_CHUNKS + " must lie in [0, " + MAX_REORDER_CHUNKS + "], got " + b.reorderChunks);
        }
        this.reorderChunks = b.reorderChunks;
        this.reorderMaxWait = positive(b.reorderMaxWait, REORDER_MAX_WAIT_MS);
        this.captureJump = positive(b.captureJump, CAPTURE_JUMP_MS);
        this.silenceAfter = positive(b.silenceAfter, SILENCE_AFTER_MS);
        if (!(b.silencePeakToPeak >= 0 && b.silencePeakToPeak < 1)) {
            throw new IllegalArgumentException(SILENCE_PEAK_TO_PEAK + " must lie in [0, 1), got " + b.silencePeakToPeak);
        }
        this.silencePeakToPeak = b.silencePeakToPeak;
        if (!(b.clippingLevel > 0 && b.clippingLevel <= 1)) {
            throw new IllegalArgumentException(CLIPPING_LEVEL + " must lie in (0, 1], got " + b.clippingLevel);
        }
        this.clippingLevel = b.clippingLevel;
        if (!(b.clippingShare > 0 && b.clippingShare <= 1)) {
            throw new IllegalArgumentException(CLIPPING_SHARE + " must lie in (0, 1], got " + b.clippingShare);
        }
        this.clippingShare = b.clippingShare;
        this.clippingWindow = positive(b.clippingWindow, CLIPPING_WINDOW_MS);
        this.roomSensitivityDb = Map.copyOf(b.roomSensitivityDb);
    }

    public static FeaturesConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A configuration from properties; absent keys take their defaults.
     *
     * @throws IllegalArgumentException naming the key whose value is invalid
     */
    public static FeaturesConfig fromProperties(Properties props) {
        Builder b = builder();
        b.inputTopic(props.getProperty(INPUT_TOPIC, b.inputTopic))
                .melTopic(props.getProperty(MEL_TOPIC, b.melTopic))
                .candidatesTopic(props.getProperty(CANDIDATES_TOPIC, b.candidatesTopic))
                .statusTopic(props.getProperty(STATUS_TOPIC, b.statusTopic));
        String reorder = props.getProperty(REORDER_CHUNKS);
        if (reorder != null) {
            b.reorderChunks((int) parseLong(REORDER_CHUNKS, reorder));
        }
        String maxWait = props.getProperty(REORDER_MAX_WAIT_MS);
        if (maxWait != null) {
            b.reorderMaxWait(Duration.ofMillis(parseLong(REORDER_MAX_WAIT_MS, maxWait)));
        }
        String jump = props.getProperty(CAPTURE_JUMP_MS);
        if (jump != null) {
            b.captureJump(Duration.ofMillis(parseLong(CAPTURE_JUMP_MS, jump)));
        }
        String silence = props.getProperty(SILENCE_AFTER_MS);
        if (silence != null) {
            b.silenceAfter(Duration.ofMillis(parseLong(SILENCE_AFTER_MS, silence)));
        }
        String flat = props.getProperty(SILENCE_PEAK_TO_PEAK);
        if (flat != null) {
            b.silencePeakToPeak(parseDouble(SILENCE_PEAK_TO_PEAK, flat));
        }
        String level = props.getProperty(CLIPPING_LEVEL);
        if (level != null) {
            b.clippingLevel(parseDouble(CLIPPING_LEVEL, level));
        }
        String share = props.getProperty(CLIPPING_SHARE);
        if (share != null) {
            b.clippingShare(parseDouble(CLIPPING_SHARE, share));
        }
        String window = props.getProperty(CLIPPING_WINDOW_MS);
        if (window != null) {
            b.clippingWindow(Duration.ofMillis(parseLong(CLIPPING_WINDOW_MS, window)));
        }
        String sensitivity = props.getProperty(GATE_SENSITIVITY);
        if (sensitivity != null) {
            b.gateConfig(b.gateConfig.withSensitivityDb(parseSensitivity(GATE_SENSITIVITY, sensitivity)));
        }
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith(GATE_SENSITIVITY_ROOM_PREFIX) && key.length() > GATE_SENSITIVITY_ROOM_PREFIX.length()) {
                b.roomSensitivityDb(key.substring(GATE_SENSITIVITY_ROOM_PREFIX.length()), parseSensitivity(key, props.getProperty(key)));
            }
        }
        return b.build();
    }

    public String inputTopic() {
        return inputTopic;
    }

    public String melTopic() {
        return melTopic;
    }

    public String candidatesTopic() {
        return candidatesTopic;
    }

    public String statusTopic() {
        return statusTopic;
    }

    public FeatureConfig featureConfig() {
        return featureConfig;
    }

    /** The gate settings of rooms without their own sensitivity. */
    public GateConfig gateConfig() {
        return gateConfig;
    }

    /** The gate settings of one room: the default with the room's sensitivity when it has one. */
    public GateConfig gateConfigFor(String roomId) {
        Double offset = roomSensitivityDb.get(roomId);
        return offset == null ? gateConfig : gateConfig.withSensitivityDb(offset);
    }

    public int reorderChunks() {
        return reorderChunks;
    }

    public Duration reorderMaxWait() {
        return reorderMaxWait;
    }

    /** How far past the previous chunk's end an in-order chunk may start before its capture time counts as a jump. */
    public Duration captureJump() {
        return captureJump;
    }

    public Duration silenceAfter() {
        return silenceAfter;
    }

    public double silencePeakToPeak() {
        return silencePeakToPeak;
    }

    public double clippingLevel() {
        return clippingLevel;
    }

    public double clippingShare() {
        return clippingShare;
    }

    public Duration clippingWindow() {
        return clippingWindow;
    }

    private static double parseSensitivity(String key, String value) {
        String text = value.trim();
        try {
            return Sensitivity.valueOf(text.toUpperCase(Locale.ROOT)).offsetDb();
        } catch (IllegalArgumentException notAPreset) {
            double db = parseDouble(key, text);
            if (!Double.isFinite(db) || Math.abs(db) > 30) {
                throw new IllegalArgumentException(key + " must be LOW, NORMAL, HIGH or an offset in dB within ±30, got '" + value + "'");
            }
            return db;
        }
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, got '" + value + "'", e);
        }
    }

    private static double parseDouble(String key, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
        }
    }

    private static String requireName(String topic, String key) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(key + " must name a topic");
        }
        return topic;
    }

    private static Duration positive(Duration duration, String key) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(key + " must be positive, got " + duration);
        }
        return duration;
    }

    /** Mutable builder; starts at the defaults. */
    public static final class Builder {
        private String inputTopic = Topics.AUDIO_CHUNKS;
        private String melTopic = Topics.MEL_FEATURES;
        private String candidatesTopic = Topics.CRY_CANDIDATES;
        private String statusTopic = Topics.MICROPHONE_STATUS;
        private FeatureConfig featureConfig = FeatureConfig.DEFAULT;
        private GateConfig gateConfig = GateConfig.DEFAULT;
        private int reorderChunks = DEFAULT_REORDER_CHUNKS;
        private Duration reorderMaxWait = DEFAULT_REORDER_MAX_WAIT;
        private Duration captureJump = DEFAULT_CAPTURE_JUMP;
        private Duration silenceAfter = DEFAULT_SILENCE_AFTER;
        private double silencePeakToPeak = DEFAULT_SILENCE_PEAK_TO_PEAK;
        private double clippingLevel = DEFAULT_CLIPPING_LEVEL;
        private double clippingShare = DEFAULT_CLIPPING_SHARE;
        private Duration clippingWindow = DEFAULT_CLIPPING_WINDOW;
        private final Map<String, Double> roomSensitivityDb = new TreeMap<>();

        private Builder() {}

        public Builder inputTopic(String topic) { this.inputTopic = topic; return this; }
        public Builder melTopic(String topic) { this.melTopic = topic; return this; }
        public Builder candidatesTopic(String topic) { this.candidatesTopic = topic; return this; }
        public Builder statusTopic(String topic) { this.statusTopic = topic; return this; }
        public Builder featureConfig(FeatureConfig config) { this.featureConfig = config; return this; }
        public Builder gateConfig(GateConfig config) { this.gateConfig = config; return this; }
        public Builder reorderChunks(int chunks) { this.reorderChunks = chunks; return this; }
        public Builder reorderMaxWait(Duration wait) { this.reorderMaxWait = wait; return this; }
        public Builder captureJump(Duration bound) { this.captureJump = bound; return this; }
        public Builder silenceAfter(Duration after) { this.silenceAfter = after; return this; }
        public Builder silencePeakToPeak(double peakToPeak) { this.silencePeakToPeak = peakToPeak; return this; }
        public Builder clippingLevel(double level) { this.clippingLevel = level; return this; }
        public Builder clippingShare(double share) { this.clippingShare = share; return this; }
        public Builder clippingWindow(Duration window) { this.clippingWindow = window; return this; }
        public Builder roomSensitivityDb(String roomId, double offsetDb) { this.roomSensitivityDb.put(roomId, offsetDb); return this; }

        public FeaturesConfig build() {
            return new FeaturesConfig(this);
        }
    }
}
