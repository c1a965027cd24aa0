package io.cryflow.dashboard;

import io.cryflow.dashboard.RoomView.EpisodeView;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of every room as the dashboard shows it, folded from the pipeline's records. Thread-safe;
 * no I/O. Each update returns whether the room's view changed, so the server pushes only changes.
 */
public final class RoomBoard {

    /** Episodes kept per room for the history list. */
    public static final int HISTORY = 8;

    private final Clock clock;
    private final Map<String, Room> rooms = new TreeMap<>();

    public RoomBoard(Clock clock) {
        this.clock = clock;
    }

    public RoomBoard() {
        this(Clock.systemUTC());
    }

    /** Folds a cry event in: opens, refines or closes the room's episode. */
    public synchronized boolean apply(CryEvent event) {
        Room room = room(event.getRoomId());
        String id = event.getEpisodeId();
        EpisodeView view = new EpisodeView(id, event.getEpisodeStartMicros().toEpochMilli(),
                event.getEventType() == CryEventType.CRY_ENDED && event.getEpisodeEndMicros() != null
                        ? event.getEpisodeEndMicros().toEpochMilli() : null,
                event.getCause().name().toLowerCase(Locale.ROOT), event.getPeakConfidence());
        room.history.removeIf(e -> e.episodeId().equals(id));
        room.history.addFirst(view);
        while (room.history.size() > HISTORY) {
            room.history.removeLast();
        }
        if (event.getEventType() == CryEventType.CRY_ENDED) {
            if (id.equals(room.openEpisode)) {
                room.openEpisode = null;
                room.cause = null;
                room.confidence = null;
                room.causeProbabilities = Map.of();
            }
        } else {
            room.openEpisode = id;
            room.cause = view.cause();
            room.confidence = event.getConfidence();
            room.causeProbabilities = new LinkedHashMap<>(event.getCauseProbabilities());
        }
        return room.touch(clock);
    }

    /** Folds a microphone status in: a technical condition, or its end. */
    public synchronized boolean apply(MicrophoneStatus status) {
        Room room = room(status.getRoomId());
        MicrophoneState state = status.getStatus();
        if (state == MicrophoneState.MICROPHONE_ONLINE) {
            room.microphoneConditions.remove(status.getMicrophoneId());
        } else if (state != MicrophoneState.UNKNOWN) {
            room.microphoneConditions.put(status.getMicrophoneId(), new Condition(technicalState(state), status.getDetail()));
        }
        if (state == MicrophoneState.MICROPHONE_OFFLINE) {
            // A silent microphone's last level says nothing now; the others' still do.
            room.microphoneLevels.remove(status.getMicrophoneId());
            showLoudest(room);
        }
        return room.touch(clock);
    }

    /** The gate's sensitivity for the room, as its candidates report it. */
    public synchronized boolean apply(CryCandidate candidate) {
        Room room = room(candidate.getRoomId());
        if (room.sensitivity != null && room.sensitivity == candidate.getSensitivity()) {
            return false;
        }
        room.sensitivity = candidate.getSensitivity();
        return room.touch(clock);
    }

    /**
     * A microphone's latest audio level. The room shows its loudest microphone's (the one nearest whatever makes the
     * sound), so two microphones of a room do not make the meter flap; changes under 1 dB are not worth a push.
     */
    public synchronized boolean level(String roomId, String microphoneId, double dbfs) {
        Room room = room(roomId);
        room.microphoneLevels.put(microphoneId, dbfs);
        return showLoudest(room);
    }

    private boolean showLoudest(Room room) {
        Double loudest = room.microphoneLevels.values().stream().max(Double::compare).orElse(null);
        if (loudest == null || room.levelDbfs != null && Math.abs(room.levelDbfs - loudest) < 1.0) {
            return false;
        }
        room.levelDbfs = loudest;
        return room.touch(clock);
    }

    public synchronized List<RoomView> snapshot() {
        List<RoomView> views = new ArrayList<>(rooms.size());
        rooms.forEach((id, room) -> views.add(room.view(id)));
        return views;
    }

    public synchronized RoomView view(String roomId) {
        Room room = rooms.get(roomId);
        return room == null ? null : room.view(roomId);
    }

    private Room room(String id) {
        return rooms.computeIfAbsent(id, k -> new Room());
    }

    private static String technicalState(MicrophoneState state) {
        return switch (state) {
            case MICROPHONE_OFFLINE -> "OFFLINE";
            case SILENT -> "SILENT";
            case CLIPPING -> "CLIPPING";
            default -> throw new IllegalArgumentException(state.name());
        };
    }

    private record Condition(String state, String detail) {
    }

    private static final class Room {
        final Deque<EpisodeView> history = new ArrayDeque<>();
        final Map<String, Condition> microphoneConditions = new HashMap<>();
        final Map<String, Double> microphoneLevels = new HashMap<>();
        String openEpisode;
        String cause;
        Float confidence;
        Map<String, Float> causeProbabilities = Map.of();
        Double levelDbfs;
        Float sensitivity;
        long updatedMillis;

        boolean touch(Clock clock) {
            updatedMillis = clock.millis();
            return true;
        }

        RoomView view(String id) {
            // OFFLINE outranks SILENT outranks CLIPPING: the worst technical condition of any microphone shows.
            Condition worst = microphoneConditions.values().stream()
                    .min((a, b) -> Integer.compare(rank(a.state()), rank(b.state()))).orElse(null);
            String state = worst != null ? worst.state() : openEpisode != null ? "CRYING" : "QUIET";
            return new RoomView(id, state, openEpisode != null, cause, confidence, Map.copyOf(causeProbabilities),
                    levelDbfs, sensitivity, worst == null ? "" : worst.detail(), updatedMillis, List.copyOf(history));
        }

        private static int rank(String state) {
            return switch (state) {
                case "OFFLINE" -> 0;
                case "SILENT" -> 1;
                default -> 2;
            };
        }
    }
}
