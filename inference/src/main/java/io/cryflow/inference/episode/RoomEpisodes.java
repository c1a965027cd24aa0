package io.cryflow.inference.episode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One room's cry episodes when the room may have several microphones: a cry heard on any microphone is the room's
 * cry, and the room has one episode (one CRY_STARTED … CRY_ENDED) however many microphones hear it. Pure Java, no
 * Kafka; the stream app keeps one per room in a changelogged store ({@link #snapshot()}, {@link #restore}).
 *
 * <p>Each microphone has its own {@link EpisodeTracker}, fed that microphone's windows in its own capture-time
 * order: the microphones' windows arrive interleaved and are not time-aligned, and one tracker fed several of them
 * in arrival order lets the quiet microphone's low windows break the loud one's onset runs. The microphones'
 * episodes are then merged into the room's:
 * <ul>
 *   <li>The room's episode starts when the first microphone's episode starts (its start and so its episode id).
 *       A microphone whose episode starts while the room's is open joins it: CRY_UPDATED names it.</li>
 *   <li>It stays open while any microphone's episode is open, so, as for one microphone, no CRY_ENDED without
 *       audio showing that the crying stopped on every microphone that heard it.</li>
 *   <li>When the last one ends, the room's episode ends at the latest of their ends, but only once no other
 *       microphone can still start an episode within the merge gap of that end (the merge rule, at room level):
 *       a microphone behind in capture time, or in an onset that began within the gap, is waited for, unless it
 *       is offline. One that starts within the gap joins; one that starts later, or the microphone whose own
 *       tracker already refused to merge, starts the next episode (ending this one first if it was still
 *       waiting).</li>
 *   <li>The figures (confidence, peak, mean, cause) are those of the microphone that heard the episode best (the
 *       highest peak), its latest event's; only that microphone's CRY_UPDATED are passed on, so a far
 *       microphone's weak windows neither dilute nor flip them.</li>
 * </ul>
 * A room with one microphone gets exactly its tracker's events. Merging episodes rather than fusing windows keeps
 * each tracker's rules, and the quiet stride's exactness, as they are for one microphone, and needs no alignment
 * of the microphones' window times.
 *
 * <p>Not thread-safe.
 */
public final class RoomEpisodes {

    private static final int MAGIC = 0x43524D45; // "CRME"
    private static final byte VERSION = 1;
    /** Key of a tracker restored from a single-tracker state (before rooms had several microphones). */
    private static final String LEGACY = "";

    private final EpisodeSettings settings;
    private final Map<String, EpisodeTracker> trackers = new TreeMap<>();
    private final Set<String> offline = new TreeSet<>();
    /** Microphones whose own episode is open (reported, not ended), as their events say. */
    private final Set<String> openMicrophones = new TreeSet<>();

    /** Whether the room's episode has been reported (CRY_STARTED) and not yet ended. */
    private boolean open;
    private long startMicros;
    /** The latest end of the microphones' episodes that ended within the room's episode. */
    private long lastCryMicros;
    /** The microphone whose episode ended last; its own tracker has already decided about merging. */
    private String lastCryMicrophone = LEGACY;
    private final Set<String> heardBy = new TreeSet<>();
    private String leader = LEGACY;
    /** The leader's latest event: the figures the room reports; null until known (after a legacy restore). */
    private EpisodeEvent figures;

    public RoomEpisodes(EpisodeSettings settings) {
        this.settings = settings;
    }

    public EpisodeSettings settings() {
        return settings;
    }

    /** The microphones this room has heard, sorted. */
    public Set<String> microphones() {
        Set<String> known = new TreeSet<>(trackers.keySet());
        known.remove(LEGACY);
        return known;
    }

    /**
     * The tracker of {@code microphone}, to feed its windows to (in its own capture-time order); a new one for a
     * microphone not heard before, or the single-tracker state of before for the first one. The microphone counts
     * as online from now on.
     */
    public EpisodeTracker trackerOf(String microphone) {
        offline.remove(microphone);
        EpisodeTracker tracker = trackers.get(microphone);
        if (tracker == null) {
            EpisodeTracker legacy = trackers.remove(LEGACY);
            tracker = legacy != null ? legacy : new EpisodeTracker(settings);
            trackers.put(microphone, tracker);
            if (legacy != null && openMicrophones.remove(LEGACY)) {
                openMicrophones.add(microphone);
                heardBy.add(microphone);
            }
        }
        return tracker;
    }

    /**
     * Merges events of {@code microphone}'s tracker (oldest first, as it returned them) into the room's episode.
     *
     * @return the room's events, oldest first
     */
    public List<RoomEpisodeEvent> accept(String microphone, List<EpisodeEvent> events) {
        List<RoomEpisodeEvent> out = new ArrayList<>(events.size());
        for (EpisodeEvent event : events) {
            switch (event.type()) {
                case STARTED -> started(microphone, event, out);
                case UPDATED -> updated(microphone, event, out);
                case ENDED -> ended(microphone, event, out);
            }
        }
        // This microphone's windows moved on: it may no longer hold up the end of the room's episode.
        endIfNoMicrophoneContinues(out);
        return out;
    }

    /**
     * {@code microphone} went offline: it no longer holds up the end of the room's episode (an episode of its own
     * stays open until its audio returns). A quiet one's tracker is dropped, so that microphones which come and go
     * do not pile up in the state: a quiet tracker judges the next window as a new one would.
     */
    public List<RoomEpisodeEvent> microphoneOffline(String microphone) {
        EpisodeTracker tracker = trackers.get(microphone);
        if (tracker != null && tracker.isQuiet() && !openMicrophones.contains(microphone)) {
            trackers.remove(microphone);
        } else if (tracker != null) {
            offline.add(microphone);
        }
        List<RoomEpisodeEvent> out = new ArrayList<>(1);
        endIfNoMicrophoneContinues(out);
        return out;
    }

    private void started(String microphone, EpisodeEvent event, List<RoomEpisodeEvent> out) {
        openMicrophones.add(microphone);
        if (open && !continuesEpisode(microphone, event)) {
            end(out); // the room was waiting for another microphone, which now cannot join in time
        }
        if (!open) {
            open = true;
            startMicros = event.episodeStartMicros();
            lastCryMicros = startMicros;
            lastCryMicrophone = LEGACY;
            heardBy.clear();
            heardBy.add(microphone);
            leader = microphone;
            figures = event;
            out.add(roomEvent(event));
            return;
        }
        boolean newcomer = heardBy.add(microphone);
        boolean leads = takeFiguresOf(microphone, event);
        if (newcomer || leads) {
            out.add(roomEvent(new EpisodeEvent(EpisodeEvent.Type.UPDATED, startMicros, -1,
                    Math.max(startMicros, event.eventTimeMicros()), figures.confidence(), figures.peakConfidence(),
                    figures.meanConfidence(), figures.cause(), figures.causeProbabilities())));
        }
    }

    /** Whether a microphone's new episode continues the room's open one rather than starting the next. */
    private boolean continuesEpisode(String microphone, EpisodeEvent event) {
        if (openMicrophones.size() > 1) {
            return true; // another microphone's episode is still open
        }
        return !microphone.equals(lastCryMicrophone)
                && event.episodeStartMicros() - lastCryMicros < settings.mergeGapMicros();
    }

    private void updated(String microphone, EpisodeEvent event, List<RoomEpisodeEvent> out) {
        if (open && takeFiguresOf(microphone, event)) {
            out.add(roomEvent(event));
        }
    }

    private void ended(String microphone, EpisodeEvent event, List<RoomEpisodeEvent> out) {
        openMicrophones.remove(microphone);
        if (!open) {
            return;
        }
        takeFiguresOf(microphone, event);
        if (event.episodeEndMicros() >= lastCryMicros || lastCryMicrophone.equals(LEGACY)) {
            lastCryMicros = Math.max(lastCryMicros, event.episodeEndMicros());
            lastCryMicrophone = microphone;
        }
        endIfNoMicrophoneContinues(out);
    }

    /** The leader's figures become the room's; true when {@code microphone} leads (it heard the episode best). */
    private boolean takeFiguresOf(String microphone, EpisodeEvent event) {
        if (figures == null || microphone.equals(leader) || event.peakConfidence() > figures.peakConfidence()) {
            leader = microphone;
            figures = event;
            return true;
        }
        return false;
    }

    private void endIfNoMicrophoneContinues(List<RoomEpisodeEvent> out) {
        if (!open || !openMicrophones.isEmpty()) {
            return;
        }
        for (Map.Entry<String, EpisodeTracker> entry : trackers.entrySet()) {
            String microphone = entry.getKey();
            boolean mayContinue = !offline.contains(microphone) && !microphone.equals(lastCryMicrophone)
                    && entry.getValue().earliestUnreportedStartMicros() - lastCryMicros < settings.mergeGapMicros();
            if (mayContinue) {
                return;
            }
        }
        end(out);
    }

    private void end(List<RoomEpisodeEvent> out) {
        // No figures only if the room was restored open from a single tracker that then never spoke again.
        EpisodeEvent best = figures != null ? figures
                : new EpisodeEvent(EpisodeEvent.Type.UPDATED, -1, -1, -1, 0f, 0f, 0f, EpisodeTracker.UNCERTAIN, Map.of());
        out.add(roomEvent(new EpisodeEvent(EpisodeEvent.Type.ENDED, startMicros, lastCryMicros, lastCryMicros,
                best.confidence(), best.peakConfidence(), best.meanConfidence(), best.cause(), best.causeProbabilities())));
        open = false;
        heardBy.clear();
        leader = LEGACY;
        figures = null;
        lastCryMicrophone = LEGACY;
    }

    /** The microphone's event as the room's: the room's start, the microphones that heard it. */
    private RoomEpisodeEvent roomEvent(EpisodeEvent event) {
        EpisodeEvent roomed = event.episodeStartMicros() == startMicros ? event
                : new EpisodeEvent(event.type(), startMicros, event.episodeEndMicros(),
                        Math.max(startMicros, event.eventTimeMicros()), event.confidence(), event.peakConfidence(),
                        event.meanConfidence(), event.cause(), event.causeProbabilities());
        List<String> microphones = new ArrayList<>(heardBy);
        microphones.remove(LEGACY);
        return new RoomEpisodeEvent(roomed, microphones);
    }

    /** The whole state, for a changelogged store; restorable with {@link #restore}. */
    public byte[] snapshot() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(384);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeShort(trackers.size());
            for (Map.Entry<String, EpisodeTracker> entry : trackers.entrySet()) {
                out.writeUTF(entry.getKey());
                out.writeBoolean(offline.contains(entry.getKey()));
                out.writeBoolean(openMicrophones.contains(entry.getKey()));
                byte[] tracker = entry.getValue().snapshot();
                out.writeShort(tracker.length);
                out.write(tracker);
            }
            out.writeBoolean(open);
            if (open) {
                out.writeLong(startMicros);
                out.writeLong(lastCryMicros);
                out.writeUTF(lastCryMicrophone);
                out.writeShort(heardBy.size());
                for (String microphone : heardBy) {
                    out.writeUTF(microphone);
                }
                out.writeUTF(leader);
                out.writeBoolean(figures != null);
                if (figures != null) {
                    writeFigures(out, figures);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The room's episodes continuing from {@link #snapshot()}, or from an {@link EpisodeTracker#snapshot()} of
     * before rooms had several microphones (it becomes the tracker of the first microphone heard next), under the
     * given (possibly changed) settings.
     *
     * @throws IllegalArgumentException if the bytes are neither
     */
    public static RoomEpisodes restore(EpisodeSettings settings, byte[] snapshot) {
        RoomEpisodes room = new RoomEpisodes(settings);
        if (snapshot.length >= 4 && readMagic(snapshot) != MAGIC) {
            EpisodeTracker legacy = EpisodeTracker.restore(settings, snapshot);
            room.trackers.put(LEGACY, legacy);
            if (legacy.hasOpenEpisode()) {
                room.openMicrophones.add(LEGACY);
                room.open = true;
                room.startMicros = legacy.openEpisodeStartMicros();
                room.lastCryMicros = room.startMicros;
            }
            return room;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(snapshot))) {
            if (in.readInt() != MAGIC || in.readByte() != VERSION) {
                throw new IllegalArgumentException("not a room episodes snapshot of version " + VERSION);
            }
            int microphones = in.readShort();
            for (int i = 0; i < microphones; i++) {
                String microphone = in.readUTF();
                if (in.readBoolean()) {
                    room.offline.add(microphone);
                }
                if (in.readBoolean()) {
                    room.openMicrophones.add(microphone);
                }
                byte[] tracker = new byte[in.readShort()];
                in.readFully(tracker);
                room.trackers.put(microphone, EpisodeTracker.restore(settings, tracker));
            }
            room.open = in.readBoolean();
            if (room.open) {
                room.startMicros = in.readLong();
                room.lastCryMicros = in.readLong();
                room.lastCryMicrophone = in.readUTF();
                int heard = in.readShort();
                for (int i = 0; i < heard; i++) {
                    room.heardBy.add(in.readUTF());
                }
                room.leader = in.readUTF();
                room.figures = in.readBoolean() ? readFigures(in) : null;
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("room episodes snapshot has " + in.available() + " trailing bytes");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException illegal) {
                throw illegal;
            }
            throw new IllegalArgumentException("corrupt room episodes snapshot: " + e.getMessage(), e);
        }
        return room;
    }

    private static int readMagic(byte[] snapshot) {
        return ((snapshot[0] & 0xff) << 24) | ((snapshot[1] & 0xff) << 16) | ((snapshot[2] & 0xff) << 8) | (snapshot[3] & 0xff);
    }

    /** The figures of an event (its times are the room's, not kept). */
    private static void writeFigures(DataOutputStream out, EpisodeEvent event) throws IOException {
        out.writeFloat(event.confidence());
        out.writeFloat(event.peakConfidence());
        out.writeFloat(event.meanConfidence());
        out.writeUTF(event.cause());
        out.writeShort(event.causeProbabilities().size());
        for (Map.Entry<String, Float> cause : new TreeMap<>(event.causeProbabilities()).entrySet()) {
            out.writeUTF(cause.getKey());
            out.writeFloat(cause.getValue());
        }
    }

    private static EpisodeEvent readFigures(DataInputStream in) throws IOException {
        float confidence = in.readFloat();
        float peak = in.readFloat();
        float mean = in.readFloat();
        String cause = in.readUTF();
        int causes = in.readShort();
        Map<String, Float> probabilities = new TreeMap<>();
        for (int i = 0; i < causes; i++) {
            probabilities.put(in.readUTF(), in.readFloat());
        }
        return new EpisodeEvent(EpisodeEvent.Type.UPDATED, -1, -1, -1, confidence, peak, mean, cause, probabilities);
    }
}
