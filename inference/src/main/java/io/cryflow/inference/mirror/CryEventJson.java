package io.cryflow.inference.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryflow.schemas.CryEvent;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A cry event as plain JSON for consumers that do not speak Avro: the Avro field names, times both as
 * ISO-8601 UTC strings and as microseconds since the epoch, enums in lower case.
 */
public final class CryEventJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CryEventJson() {
    }

    public static String of(CryEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("eventType", event.getEventType().name());
        json.put("episodeId", event.getEpisodeId());
        json.put("roomId", event.getRoomId());
        time(json, "episodeStart", event.getEpisodeStartMicros());
        time(json, "episodeEnd", event.getEpisodeEndMicros());
        time(json, "eventTime", event.getEventTimeMicros());
        json.put("detectionDelayMillis", event.getDetectionDelayMillis());
        json.put("durationMillis", event.getDurationMillis());
        json.put("confidence", event.getConfidence());
        json.put("peakConfidence", event.getPeakConfidence());
        json.put("meanConfidence", event.getMeanConfidence());
        json.put("cause", event.getCause().name().toLowerCase(Locale.ROOT));
        json.put("causeProbabilities", new TreeMap<>(event.getCauseProbabilities()));
        json.put("modelVersion", event.getModelVersion());
        json.put("microphoneIds", event.getMicrophoneIds());
        try {
            return JSON.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void time(Map<String, Object> json, String name, Instant instant) {
        json.put(name, instant == null ? null : instant.toString());
        json.put(name + "Micros", instant == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, instant));
    }
}
