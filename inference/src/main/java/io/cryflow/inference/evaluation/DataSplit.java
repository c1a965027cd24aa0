package io.cryflow.inference.evaluation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * A grouped train/validation split as {@code training/make_plans.py} writes it ({@code split.json}):
 * {@code {"seed": N, "groups": {"<group>": "train"|"val", ...}, ...}}; other fields are ignored.
 *
 * @param source where it was read from, for the report
 * @param seed   the seed it was drawn with
 * @param groups split by group
 */
public record DataSplit(String source, long seed, Map<String, String> groups) {

    public static final String TRAIN = "train";
    public static final String VAL = "val";
    /** The split the bundled cry detector was trained on. */
    public static final String BUNDLED_RESOURCE = "/io/cryflow/inference/models/cry-detector.split.json";

    public DataSplit {
        groups = Map.copyOf(groups);
    }

    /** Whether the group is in the validation split. */
    public boolean isValidation(String group) {
        return VAL.equals(groups.get(group));
    }

    /** {@value #TRAIN}, {@value #VAL}, or null for a group the split does not know. */
    public String partOf(String group) {
        return groups.get(group);
    }

    /** The bundled detector's training split. */
    public static DataSplit bundled() throws IOException {
        try (InputStream in = DataSplit.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) {
                throw new IOException("resource " + BUNDLED_RESOURCE + " is missing from the jar");
            }
            return read(in, "bundled " + BUNDLED_RESOURCE.substring(BUNDLED_RESOURCE.lastIndexOf('/') + 1));
        }
    }

    public static DataSplit read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MalformedInputException(file + ": split file not found");
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * @throws MalformedInputException naming {@code name} and the line: not JSON, no {@code seed} number or no
     *                                 {@code groups} object, a group assigned anything but "train" or "val"
     */
    static DataSplit read(InputStream in, String name) throws IOException {
        Long seed = null;
        Map<String, String> groups = null;
        try (JsonParser json = new JsonFactory().createParser(in)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw error(name, json, "not a JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("seed")) {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw error(name, json, "\"seed\" must be an integer");
                    }
                    seed = json.getLongValue();
                } else if (field.equals("groups")) {
                    if (value != JsonToken.START_OBJECT) {
                        throw error(name, json, "\"groups\" must be an object of group: \"train\" or \"val\"");
                    }
                    groups = new TreeMap<>();
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String group = json.currentName();
                        json.nextToken();
                        String split = json.currentToken() == JsonToken.VALUE_STRING ? json.getText() : null;
                        if (!TRAIN.equals(split) && !VAL.equals(split)) {
                            throw error(name, json, "group " + group + " is assigned " + json.getText()
                                    + ", expected \"train\" or \"val\"");
                        }
                        groups.put(group, split);
                    }
                } else {
                    json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT) {
                throw error(name, json, "unexpected " + json.currentToken());
            }
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
            throw new MalformedInputException(name + line + ": not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (seed == null || groups == null) {
            throw new MalformedInputException(name + ": needs \"seed\" and \"groups\" (as training/make_plans.py writes split.json)");
        }
        return new DataSplit(name, seed, groups);
    }

    private static MalformedInputException error(String name, JsonParser json, String message) {
        return new MalformedInputException(name + ":" + json.currentLocation().getLineNr() + ": " + message);
    }
}
