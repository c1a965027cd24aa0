package io.cryflow.dashboard;

import io.cryflow.dashboard.RoomView.EpisodeView;
import io.cryflow.schemas.CryCandidate;
import io.cryflow.schemas.CryEvent;
import io.cryflow.schemas.CryEventType;
import io.cryflow.schemas.MicrophoneState;
import io.cryflow.schemas.MicrophoneStatus;
import java.time.Clock;
import java.time.Duration;
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
 *
 * <p>A room is only shown as monitored (quiet or crying) while its audio is analysed: a room whose microphone
 * reports an analysis alarm (ANALYSIS_STALLED / ANALYSIS_FAILED), or whose audio arrives (the level meter moves)
 * while no inference report (ANALYSIS_PROGRESS or any status carrying "analysed up to") has come for the analysis
 * budget, shows {@code NOT_ANALYSED} with the time up to which it was analysed. The second case is the inference
 * stage being down, which cannot report itself; {@link #checkAnalysis()} finds it as time passes.
 */
public final class RoomBoard {

    /** Episodes kept per room for the history list. */
    public static final int HISTORY = 8;
    /**
     * How long audio may arrive without an inference report before the room shows as not analysed: the inference
     * stage's own alarm budget (10 s, two missed progress reports) plus a second for delivery.
     */
    public static final Duration ANALYSIS_BUDGET = Duration.ofSeconds(11);

    private final Clock clock;
    private final long analysisBudgetMillis;
    private final Map<String, Room> rooms = new TreeMap<>();

    public RoomBoard(Clock clock, Duration analysisBudget) {
        this.clock = clock;
        this.analysisBudgetMillis = analysisBudget.toMillis();
    }

    public RoomBoard(Clock clock) {
        this(clock, ANALYSIS_BUDGET);
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
        String microphone = status.getMicrophoneId();
        if (status.getAnalysedUpToMicros() != null || isAnalysisState(state)) {
            // Only the inference stage reports analysis: this microphone is watched by it.
            Analysis analysis = room.analysis.computeIfAbsent(microphone, k -> new Analysis());
            analysis.reportedMillis = clock.millis();
            if (status.getAnalysedUpToMicros() != null) {
                analysis.analysedUpToMillis = status.getAnalysedUpToMicros().toEpochMilli();
            }
            if (state == MicrophoneState.ANALYSIS_STALLED || state == MicrophoneState.ANALYSIS_FAILED) {
                analysis.alarm = status.getDetail();
            } else if (state == MicrophoneState.ANALYSIS_RESUMED) {
                analysis.alarm = null;
            }
        }
        if (isAnalysisState(state)) {
            boolean changed = room.refreshAnalysis(clock.millis(), analysisBudgetMillis);
            // A progress report that changes no verdict is not worth a push.
            return state == MicrophoneState.ANALYSIS_PROGRESS ? changed : room.touch(clock);
        }
        if (state == MicrophoneState.MICROPHONE_ONLINE) {
            room.microphoneConditions.remove(microphone);
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
        long now = clock.millis();
        room.heardMillis.put(microphoneId, now);
        room.analysis.computeIfAbsent(microphoneId, k -> new Analysis(now));
        return showLoudest(room) | room.refreshAnalysis(now, analysisBudgetMillis);
    }

    /**
     * Re-judges every room's analysis against the clock (call it every second or so): audio still arriving with no
     * inference report for the budget turns a room to {@code NOT_ANALYSED}.
     *
     * @return the rooms whose view changed
     */
    public synchronized List<String> checkAnalysis() {
        long now = clock.millis();
        List<String> changed = new ArrayList<>();
        rooms.forEach((id, room) -> {
            if (room.refreshAnalysis(now, analysisBudgetMillis)) {
                changed.add(id);
            }
        });
        return changed;
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

    private static boolean isAnalysisState(MicrophoneState state) {
        return state == MicrophoneState.ANALYSIS_STALLED || state == MicrophoneState.ANALYSIS_FAILED
                || state == MicrophoneState.ANALYSIS_RESUMED || state == MicrophoneState.ANALYSIS_PROGRESS;
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

    /** What the inference stage last said about one microphone's analysis. */
    private static final class Analysis {
        /** Wall clock of the last inference report, or of the first audio heard before any report. */
        long reportedMillis;
        Long analysedUpToMillis;
        /** Detail of an analysis alarm in force, else null. */
        String alarm;

        Analysis() {
        }

        Analysis(long firstHeardMillis) {
            this.reportedMillis = firstHeardMillis;
        }
    }

    /** Why a room's audio is not analysed (an alarm from inference, or no report from it), and up to when it was. */
    private record NotAnalysed(String detail, Long sinceMillis, boolean fromAlarm) {
        /** The same verdict, whatever its wording says of how long it lasts (a growing "for N s" is no change). */
        boolean sameAs(NotAnalysed other) {
            return other != null && fromAlarm == other.fromAlarm && java.util.Objects.equals(sinceMillis, other.sinceMillis)
                    && (!fromAlarm || detail.equals(other.detail));
        }
    }

    private static final class Room {
        final Deque<EpisodeView> history = new ArrayDeque<>();
        final Map<String, Condition> microphoneConditions = new HashMap<>();
        final Map<String, Double> microphoneLevels = new HashMap<>();
        final Map<String, Long> heardMillis = new HashMap<>();
        final Map<String, Analysis> analysis = new HashMap<>();
        /** The analysis verdict the view shows, re-judged by {@link #refreshAnalysis}. */
        NotAnalysed notAnalysed;
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

        /** Re-judges whether the room's audio is analysed at {@code now}; true if the verdict changed. */
        boolean refreshAnalysis(long now, long budgetMillis) {
            NotAnalysed verdict = null;
            for (Map.Entry<String, Analysis> entry : analysis.entrySet()) {
                Analysis mic = entry.getValue();
                Long heard = heardMillis.get(entry.getKey());
                boolean audioArrives = heard != null && now - heard < budgetMillis;
                String why = mic.alarm != null ? mic.alarm
                        : audioArrives && now - mic.reportedMillis >= budgetMillis
                        ? String.format(Locale.ROOT, "audio arrives, but no analysis report for %d s (inference down?)",
                                (now - mic.reportedMillis) / 1000)
                        : null;
                if (why != null && (verdict == null || older(mic.analysedUpToMillis, verdict.sinceMillis()))) {
                    verdict = new NotAnalysed(why, mic.analysedUpToMillis, mic.alarm != null);
                }
            }
            boolean same = verdict == null ? notAnalysed == null : verdict.sameAs(notAnalysed);
            notAnalysed = verdict;
            if (same) {
                return false;
            }
            updatedMillis = now;
            return true;
        }

        /** Whether analysed-up-to {@code a} is older than {@code b} (never analysed is oldest). */
        private static boolean older(Long a, Long b) {
            return a == null ? b != null : b != null && a < b;
        }

        RoomView view(String id) {
            // OFFLINE outranks NOT_ANALYSED outranks SILENT outranks CLIPPING: the worst condition shows.
            Condition worst = microphoneConditions.values().stream()
                    .min((a, b) -> Integer.compare(rank(a.state()), rank(b.state()))).orElse(null);
            if (notAnalysed != null && (worst == null || rank("NOT_ANALYSED") < rank(worst.state()))) {
                worst = new Condition("NOT_ANALYSED", notAnalysed.detail());
            }
            String state = worst != null ? worst.state() : openEpisode != null ? "CRYING" : "QUIET";
            return new RoomView(id, state, openEpisode != null, cause, confidence, Map.copyOf(causeProbabilities),
                    levelDbfs, sensitivity, worst == null ? "" : worst.detail(), updatedMillis, List.copyOf(history),
                    notAnalysed == null ? null : notAnalysed.sinceMillis());
        }

        private static int rank(String state) {
            return switch (state) {
                case "OFFLINE" -> 0;
                case "NOT_ANALYSED" -> 1;
                case "SILENT" -> 2;
                default -> 3;
            };
        }
    }
}
