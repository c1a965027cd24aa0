package io.cryflow.streams;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Topic settings for the changelog of a store whose entries are written once and deleted seconds later (frame
 * blocks waiting for their windows, audio chunks waiting for a missing one). Such a log is mostly tombstones, and
 * what it holds (audio, mel features) must not outlive the hour Cryflow promises for recordings. Kafka's defaults
 * keep both for days: a compacted log is only cleaned in closed segments (a segment closes after 7 days or 1 GiB),
 * only once enough of it is dirty, and a tombstone then stays a day.
 * <ul>
 *   <li>{@code segment.ms} 1 min: everything but the newest minute can be cleaned.</li>
 *   <li>{@code max.compaction.lag.ms} 10 min: cleaned within that, however little of the log is dirty, so a deleted
 *       value is gone from the broker within about 10 minutes (plus a cleaner pass).</li>
 *   <li>{@code delete.retention.ms} 5 min: tombstones are kept 5 minutes, ample for a restore of live entries that
 *       are seconds old; a restore that still misses one keeps an entry its owner's next record deletes again.</li>
 * </ul>
 */
public final class ShortLivedChangelog {

    public static final Duration SEGMENT = Duration.ofMinutes(1);
    public static final Duration MAX_COMPACTION_LAG = Duration.ofMinutes(10);
    public static final Duration TOMBSTONE_RETENTION = Duration.ofMinutes(5);

    /** For {@code StoreBuilder.withLoggingEnabled}. */
    public static final Map<String, String> CONFIG = Map.of(
            TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(SEGMENT.toMillis()),
            TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, String.valueOf(MAX_COMPACTION_LAG.toMillis()),
            TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(TOMBSTONE_RETENTION.toMillis()));

    private ShortLivedChangelog() {}
}
