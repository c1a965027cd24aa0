package io.cryflow.inference.input;

import io.cryflow.dsp.features.FeatureConfig;
import java.util.Map;

/**
 * The input a model reads: log-mel windows of {@code windowFrames} consecutive frames of
 * {@code melBands} bands (frame-major, as in {@code MelFrames}), one every {@code hopFrames} frames,
 * computed by the DSP configuration {@code dspConfigId}. The model itself reads only bands
 * {@code [firstBand, firstBand + bandCount)} (it slices inside its graph, so callers always pass
 * whole frames); the rest are kept out because their content differs between 8 kHz and 16 kHz
 * recordings.
 *
 * <p>Read from the model file's metadata ({@link #fromMetadata}), never hard-coded in the serving code.
 *
 * @param dspConfigId  {@link FeatureConfig#id()} of the features the model was trained on
 * @param melBands     bands per frame
 * @param windowFrames frames per window
 * @param hopFrames    frames between the starts of consecutive windows
 * @param firstBand    first band the model reads
 * @param bandCount    bands the model reads
 */
public record ModelInputSpec(String dspConfigId, int melBands, int windowFrames, int hopFrames, int firstBand,
        int bandCount) {

    public static final String KEY_DSP_CONFIG_ID = "cryflow.dsp_config_id";
    public static final String KEY_MEL_BANDS = "cryflow.mel_bands";
    public static final String KEY_WINDOW_FRAMES = "cryflow.window_frames";
    public static final String KEY_HOP_FRAMES = "cryflow.hop_frames";
    public static final String KEY_FIRST_BAND = "cryflow.first_band";
    public static final String KEY_BAND_COUNT = "cryflow.band_count";

    public ModelInputSpec {
        if (dspConfigId == null || dspConfigId.isBlank()) {
            throw new IllegalArgumentException("dspConfigId is required");
        }
        if (melBands < 1 || windowFrames < 1 || hopFrames < 1 || hopFrames > windowFrames) {
            throw new IllegalArgumentException("need melBands >= 1, windowFrames >= 1, 1 <= hopFrames <= windowFrames; got "
                    + melBands + ", " + windowFrames + ", " + hopFrames);
        }
        if (firstBand < 0 || bandCount < 1 || firstBand + bandCount > melBands) {
            throw new IllegalArgumentException("bands [" + firstBand + ", " + (firstBand + bandCount)
                    + ") do not fit in " + melBands);
        }
    }

    /** A spec reading every band of {@code melBands}. */
    public static ModelInputSpec allBands(String dspConfigId, int melBands, int windowFrames, int hopFrames) {
        return new ModelInputSpec(dspConfigId, melBands, windowFrames, hopFrames, 0, melBands);
    }

    /** Values in one window: {@code windowFrames * melBands}. */
    public int windowValues() {
        return windowFrames * melBands;
    }

    /**
     * The spec stored in a model's metadata under the {@code cryflow.*} keys above.
     *
     * @throws IllegalArgumentException naming the missing or malformed key
     */
    public static ModelInputSpec fromMetadata(Map<String, String> metadata) {
        return new ModelInputSpec(
                required(metadata, KEY_DSP_CONFIG_ID),
                integer(metadata, KEY_MEL_BANDS),
                integer(metadata, KEY_WINDOW_FRAMES),
                integer(metadata, KEY_HOP_FRAMES),
                integer(metadata, KEY_FIRST_BAND),
                integer(metadata, KEY_BAND_COUNT));
    }

    /**
     * Fails unless frames made by {@code featureConfig} are what this spec expects.
     *
     * @throws IllegalArgumentException if the DSP configuration or band count differs
     */
    public void requireCompatible(FeatureConfig featureConfig) {
        if (!dspConfigId.equals(featureConfig.id()) || melBands != featureConfig.melCount()) {
            throw new IllegalArgumentException("model expects features " + dspConfigId + " (" + melBands
                    + " bands), got " + featureConfig.id());
        }
    }

    static String required(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("model metadata lacks " + key);
        }
        return value.trim();
    }

    static int integer(Map<String, String> metadata, String key) {
        String value = required(metadata, key);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model metadata " + key + " is not an integer: " + value, e);
        }
    }
}
